"""``make screenshots``: drive real QGIS under Xvfb against the emulator, write docs/screenshots.

Two QGIS sessions run ``scripts/screenshots_driver.py``: one in English (search, order review,
downloads, tasking, tasking-opportunities) and one with the German locale (german). The driver
writes a marker per step; this runner then takes a full-screen ``import -window root``
screenshot (nothing cropped).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.package import stage  # noqa: E402
from scripts.run_qgis import site_packages, start_emulator, start_xvfb  # noqa: E402

OUT = ROOT / "docs" / "screenshots"
WORK = ROOT / "build" / "screenshots"
DRIVER = ROOT / "scripts" / "screenshots_driver.py"
PROFILES = WORK / "profiles"
DISPLAY = ":96"
SESSIONS = (
    ("en", ("search", "order_review", "downloads", "tasking", "tasking-opportunities")),
    ("de", ("german",)),
)


def prepare_profile(name: str, lang: str) -> None:
    """A fresh profile with the staged plugin enabled and the UI language set."""
    profile_dir = PROFILES / "profiles" / name
    if profile_dir.exists():
        shutil.rmtree(profile_dir)
    stage(profile_dir / "python" / "plugins" / "capella_qgis")
    ini = profile_dir / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    locale = "de_DE" if lang == "de" else "en_US"
    downloads = WORK / "downloads"
    ini.write_text(
        "[PythonPlugins]\ncapella_qgis=true\n\n"
        "[qgis]\ncheckVersion=false\nshowTips=false\nallowVersionCheck=false\n"
        "newsfeed\\enabled=false\n\n"
        f"[locale]\noverrideFlag=true\nuserLocale={locale}\n\n"
        f"[capella_qgis]\ndownload_folder={downloads}\n",
        encoding="utf-8",
    )


def run_session(
    lang: str, steps: tuple[str, ...], env: dict[str, str], driver: Path = DRIVER
) -> list[Path]:
    """One QGIS session running ``driver``; returns the screenshots taken."""
    shots = WORK / f"markers-{lang}"
    if shots.exists():
        shutil.rmtree(shots)
    shots.mkdir(parents=True)
    name = f"shots-{lang}"
    prepare_profile(name, lang)
    env = dict(env, CAPELLA_SHOT_DIR=str(shots), CAPELLA_SHOT_STEPS=",".join(steps))
    if lang == "de":
        env.update(LANG="de_DE.UTF-8", LANGUAGE="de", LC_ALL="de_DE.UTF-8")
    cmd = [
        shutil.which("qgis") or "qgis",
        "--profiles-path",
        str(PROFILES),
        "--profile",
        name,
        "--nologo",
        "--noversioncheck",
        "--code",
        str(driver),
    ]
    taken: list[Path] = []
    with open(WORK / f"qgis-{lang}.log", "w", encoding="utf-8") as log:
        qgis = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 900
            pending = list(steps)
            while pending and time.monotonic() < deadline and qgis.poll() is None:
                if (shots / "finished").exists():
                    break
                step = pending[0]
                if (shots / f"{step}.ready").exists():
                    target = OUT / f"{step}.png"
                    subprocess.run(
                        ["import", "-display", DISPLAY, "-window", "root", str(target)],
                        check=True,
                    )
                    taken.append(target)
                    print(f"  {target.relative_to(ROOT)}")
                    (shots / f"{step}.done").write_text("done\n", encoding="utf-8")
                    pending.pop(0)
                time.sleep(0.3)
            if pending:
                print(f"  not taken: {', '.join(pending)} (see {shots})")
        finally:
            qgis.terminate()
            try:
                qgis.wait(timeout=15)
            except subprocess.TimeoutExpired:
                qgis.kill()
    return taken


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    WORK.mkdir(parents=True, exist_ok=True)
    emulator, url = start_emulator()
    xvfb, _ = start_xvfb(DISPLAY)
    env = dict(os.environ)
    env.update(
        CAPELLA_API_URL=url,
        CAPELLA_API_KEY="demo",
        DISPLAY=DISPLAY,
        PYTHONPATH=os.pathsep.join(p for p in (site_packages(), str(ROOT)) if p),
    )
    expected = sum(len(steps) for _, steps in SESSIONS)
    taken: list[Path] = []
    try:
        for lang, steps in SESSIONS:
            print(f"QGIS session ({lang}): {', '.join(steps)}")
            taken += run_session(lang, steps, env)
    finally:
        for proc in (emulator, xvfb):
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
    print(f"{len(taken)} of {expected} screenshots written to {OUT.relative_to(ROOT)}")
    return 0 if len(taken) == expected else 1


if __name__ == "__main__":
    sys.exit(main())
