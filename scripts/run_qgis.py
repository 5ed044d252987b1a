"""``make run``: QGIS with capella_qgis in its own profile, against the emulator or the Console.

Without ``CAPELLA_API_KEY`` a Console emulator is started and the plugin is pointed at it with the
demo key. Without a display QGIS runs under Xvfb, the plugin's connection test is driven once,
and a screenshot is written to ``build/run.png``.
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

PROFILES = ROOT / ".qgis-profile"
PROFILE = "capella"
BUILD = ROOT / "build"
MARKER = BUILD / "run-ready.txt"
SCREENSHOT = BUILD / "run.png"


def start_emulator() -> tuple[subprocess.Popen, str]:
    """Start the Console emulator and return the process and its base URL."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.console_emulator", "--port", "0"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    prefix = "Console emulator listening on "
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.startswith(prefix):
            return proc, line[len(prefix) :].strip()
        if not line and proc.poll() is not None:
            break
    proc.kill()
    raise SystemExit("The Console emulator did not start.")


def prepare_profile() -> Path:
    """Deploy the plugin into the isolated profile and enable it."""
    profile_dir = PROFILES / "profiles" / PROFILE
    stage(profile_dir / "python" / "plugins" / "capella_qgis")
    ini = profile_dir / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    if not ini.exists():
        ini.write_text(
            "[PythonPlugins]\ncapella_qgis=true\n\n"
            "[qgis]\ncheckVersion=false\nshowTips=false\n"
            "allowVersionCheck=false\nnewsfeed\\enabled=false\n",
            encoding="utf-8",
        )
    return profile_dir


def start_xvfb(display: str = ":97") -> tuple[subprocess.Popen, str]:
    """Start a virtual display for machines without one."""
    proc = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    time.sleep(1.0)
    return proc, display


def site_packages() -> str:
    """The venv's site-packages, so QGIS's Python sees the pinned httpx and pydantic."""
    venv_lib = ROOT / ".venv" / "lib"
    found = sorted(venv_lib.glob("python3*/site-packages"))
    return str(found[0]) if found else ""


def main() -> int:
    BUILD.mkdir(exist_ok=True)
    MARKER.unlink(missing_ok=True)
    env = dict(os.environ)
    emulator = None
    if env.get("CAPELLA_API_KEY"):
        print("CAPELLA_API_KEY is set: using the real Console", env.get("CAPELLA_API_URL", ""))
    else:
        emulator, url = start_emulator()
        env["CAPELLA_API_URL"] = url
        env["CAPELLA_API_KEY"] = "demo"
        print(f"Console emulator running at {url} (API key 'demo')")
    prepare_profile()
    env["PYTHONPATH"] = os.pathsep.join(p for p in (site_packages(), str(ROOT)) if p)
    headless = not env.get("DISPLAY")
    xvfb = None
    if headless:
        xvfb, env["DISPLAY"] = start_xvfb()
        env["CAPELLA_RUN_MARKER"] = str(MARKER)
    cmd = [
        shutil.which("qgis") or "qgis",
        "--profiles-path",
        str(PROFILES),
        "--profile",
        PROFILE,
        "--nologo",
        "--noversioncheck",
        "--code",
        str(ROOT / "scripts" / "qgis_startup.py"),
    ]
    log = open(BUILD / "run-qgis.log", "w", encoding="utf-8")  # noqa: SIM115
    qgis = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        if not headless:
            return qgis.wait()
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline and not MARKER.exists() and qgis.poll() is None:
            time.sleep(0.5)
        if not MARKER.exists():
            print("QGIS did not bring the plugin up in time; see build/run-qgis.log")
            return 1
        time.sleep(1.0)
        subprocess.run(
            ["import", "-display", env["DISPLAY"], "-window", "root", str(SCREENSHOT)], check=True
        )
        print(MARKER.read_text(encoding="utf-8").strip())
        print(f"No display: QGIS ran under Xvfb; screenshot written to {SCREENSHOT}")
        return 0
    finally:
        for proc in (qgis, emulator, xvfb):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    proc.kill()
        log.close()


if __name__ == "__main__":
    sys.exit(main())
