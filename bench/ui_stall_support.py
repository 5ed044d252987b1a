"""Real-QGIS stall runs (#20): emulator with large assets, profile, ``qgis --code``, diagnosis.

Shared by ``tests/e2e/test_ui_stall.py`` (coarse guard) and ``bench/bench_ui_stall.py`` (target).
The script ``tests/e2e/qgis_scripts/ui_stall.py`` runs inside the QGIS desktop app (Xvfb) and
writes a JSON report; everything around it (the emulator, the orders, the profile with the
plugin's dependencies, the QGIS process) is set up here.

``python -m bench.ui_stall_support --work DIR --items 12000 --seed 7 --large-mb 1024`` serves a
Console emulator whose first two accessible single-raster items have a data file of that size
(random bytes, generated and read once before it serves), every other asset as usual.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess  # nosec B404: fixed commands (xvfb-run, qgis, pip, py-spy)
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "e2e" / "qgis_scripts" / "ui_stall.py"
QGIS_PYTHON = "/usr/bin/python3"
PROFILE = "e2e"
MB = 1024 * 1024
PY_SPY = os.environ.get("PY_SPY", shutil.which("py-spy") or "/tmp/spyvenv/bin/py-spy")
# What a user's QGIS would not have: the venv, our variables, pytest's Qt platform.
STRIPPED_ENV = ("PYTHON", "QGIS", "CAPELLA", "QT_QPA", "VIRTUAL_ENV", "PIP_")
SCENARIOS = ("idle", "search", "download", "concurrent")
JUDGED = ("search", "download", "concurrent")


# --- the emulator ---------------------------------------------------------------------------


def _sized_file(root: Path, size: int) -> Path:
    """``root/<size>.bin``: random bytes, written once (atomically), shared by items."""
    target = root / f"{size}.bin"
    if not target.exists():
        tmp = target.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            left = size
            while left:
                n = min(left, 4 * MB)
                fh.write(random.randbytes(n))
                left -= n
        tmp.replace(target)
    return target


def _store_class() -> Any:
    try:
        from tests.console_emulator.assets import AssetStore
    except ImportError:  # no numpy/GDAL: the emulator's own fallback
        from tests.console_emulator.fallback_assets import FallbackAssetStore as AssetStore
    return AssetStore


def serve(argv: Optional[list[str]] = None) -> int:
    """The emulator's child process (see the module docstring)."""
    from bench.emulator_process import READY
    from tests.console_emulator import Emulator
    from tests.console_emulator.__main__ import serve_until_signalled

    parser = argparse.ArgumentParser(prog="python -m bench.ui_stall_support")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--items", type=int, default=12_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--large-mb", type=int, default=1024)
    parser.add_argument("--large-count", type=int, default=2)
    parser.add_argument("--bps", type=float, default=0.0, help="per connection; 0: uncapped")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    base = _store_class()
    sizes: dict[str, int] = {}

    class LargeAssetStore(base):  # type: ignore[misc, valid-type]  # chosen at run time
        """The emulator's assets, except the data file of the chosen items: ``sizes`` bytes."""

        def path(self, item: dict, key: str) -> Path:
            size = sizes.get(str(item["id"]))
            if size and key in self.asset_keys(item)[:1]:  # the item's data file
                return _sized_file(args.work, size)
            return Path(super().path(item, key))

    store = LargeAssetStore(args.work / "assets", args.seed, None)
    emu = Emulator(items=args.items, seed=args.seed, port=args.port, asset_store=store)
    large = []
    for entry in emu.state.entries:
        keys = store.asset_keys(entry.item)
        rasters = [k for k in keys if k in ("HH", "VV", "HV", "VH")]
        if emu.state.accessible(entry) and len(rasters) == 1 and keys[0] == rasters[0]:
            large.append(entry)
        if len(large) == args.large_count:
            break
    for entry in large:
        sizes[entry.id] = args.large_mb * MB
    for entry in large:  # generate and cache the file before anything is timed
        with open(store.path(entry.item, store.asset_keys(entry.item)[0]), "rb") as fh:
            while fh.read(8 * MB):
                pass
    emu.start()
    if args.bps > 0:
        emu.faults.add("bandwidth", "/assets/*", bytes_per_sec=args.bps)
    info = {"large": [{"collection": e.collection, "id": e.id} for e in large]}
    print(f"{READY}{emu.url} {json.dumps(info)}", flush=True)
    return serve_until_signalled(emu)


# --- the QGIS side --------------------------------------------------------------------------


def user_environment(**extra: str) -> dict[str, str]:
    """The environment of a user's desktop session, plus ``extra``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(STRIPPED_ENV)}
    env.update(extra)
    return env


def build_zip(folder: Path) -> Path:
    """The plugin zip exactly as ``make package`` builds it."""
    from scripts import package

    staged = package.stage(folder / "stage" / "capella_qgis")
    return package.build_zip(staged, folder / "capella_qgis.zip")


def wheels() -> Path:
    """The local package index the dependency installer test uses (built once)."""
    from scripts import wheelhouse

    return wheelhouse.build()


def make_profile(root: Path) -> Path:
    """A new QGIS profiles folder, as a first-time user has (no plugin, no dependencies)."""
    profiles = root / "profiles"
    ini = profiles / "profiles" / PROFILE / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text(
        "[qgis]\ncheckVersion=false\nshowTips=false\n\n"
        "[core]\nNewsFeed\\httpsfeedqgisorg\\disabled=true\n\n"
        "[app]\nplugin_installer\\checkOnStart=false\nplugin_installer\\checkOnStartInterval=0\n"
    )
    return profiles


def install_dependencies(profiles: Path, wheel_dir: Path) -> None:
    """The profile as the one-click dependency install leaves it (that has its own test)."""
    minor = f"{sys.version_info[0]}.{sys.version_info[1]}"
    target = profiles / "profiles" / PROFILE / "python" / "dependencies" / minor
    base = [QGIS_PYTHON, "-m", "pip", "install", "-q", "--no-index", "--find-links", str(wheel_dir)]
    env = user_environment(PIP_CONFIG_FILE="/dev/null")
    subprocess.run([*base, "--target", str(target), "pydantic"], check=True, env=env)  # nosec B603
    subprocess.run([*base, "--target", str(target), "--no-deps", "shapely"], check=True, env=env)  # nosec B603


def place_orders(url: str, items: list[dict[str, str]]) -> list[str]:
    """One order per item (as the Orders dock lists them), placed over the API."""
    import httpx

    ids = []
    with httpx.Client(base_url=url, headers={"Authorization": "ApiKey demo"}, timeout=60) as api:
        for item in items:
            body = {"items": [{"collectionId": item["collection"], "granuleId": item["id"]}]}
            ids.append(str(api.post("/orders", json=body).raise_for_status().json()["orderId"]))
    return ids


@dataclass
class Sample:
    """One ``py-spy dump`` of the QGIS process: when (CLOCK_MONOTONIC, the middle of the
    dump) and each thread's ``(header, frames)``; the header says ``active+gil`` for the
    thread holding the GIL."""

    at: float
    threads: list[tuple[str, list[str]]]


@dataclass
class Sampler:
    """Diagnosis: ``py-spy dump --nonblocking`` of the QGIS process one after the other (the
    process is never paused; each dump is timestamped here), from the moment the script
    reports its pid until QGIS exits. Python frames only: native unwinding paused QGIS for
    so long that the stalls it showed were py-spy's own."""

    result: Path
    native: bool = False  # --native: C/C++ frames too, but each dump pauses QGIS
    pause: float = 0.0  # s between dumps
    samples: list[Sample] = field(default_factory=list)
    _thread: Optional[threading.Thread] = None
    _stop: threading.Event = field(default_factory=threading.Event)

    def start(self) -> Sampler:
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        pid = 0
        while not pid and not self._stop.wait(0.05):
            try:
                pid = int(json.loads(self.result.read_text()).get("pid", 0))
            except (OSError, ValueError):
                continue
        flags = ["--native"] if self.native else ["--nonblocking"]
        while pid and not self._stop.wait(self.pause):
            before = time.monotonic()
            dump = subprocess.run(  # nosec B603: py-spy on our own QGIS child
                [PY_SPY, "dump", *flags, "--pid", str(pid)],
                capture_output=True,
                text=True,
                check=False,
            )
            if dump.returncode == 0:
                self.samples.append(Sample((before + time.monotonic()) / 2, threads(dump.stdout)))
            else:
                self._stop.wait(0.05)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(30)


@dataclass
class QgisRun:
    """One finished QGIS process: its JSON report, its log, the py-spy samples if any."""

    report: dict[str, Any]
    log: str
    returncode: Optional[int]
    samples: list[Sample] = field(default_factory=list)


def run_qgis(
    profiles: Path,
    env: dict[str, str],
    work: Path,
    timeout: float = 300,
    trace: Optional[str] = None,
) -> QgisRun:
    """Start real QGIS on Xvfb with ``--code ui_stall.py``; wait for its report.

    ``trace``: sample the process with py-spy all along (see :class:`Sampler`): ``python``
    (never pauses QGIS) or ``native`` (C++ frames too; pauses QGIS at each dump).
    """
    result = work / "ui_stall.json"
    result.unlink(missing_ok=True)
    shots = work / "shots"
    shots.mkdir(exist_ok=True)
    env = dict(env, CAPELLA_E2E_RESULT=str(result), CAPELLA_E2E_SHOTS=str(shots))
    sampler = None
    if trace:
        native = trace == "native"
        sampler = Sampler(result, native=native, pause=0.2 if native else 0.0).start()
    command = [
        "xvfb-run", "-a", "-s", "-screen 0 1400x1000x24",
        "qgis", "--profiles-path", str(profiles), "--profile", PROFILE,
        "--nologo", "--noversioncheck", "--code", str(SCRIPT),
    ]  # fmt: skip
    log = work / "ui_stall.log"
    with log.open("w") as out:
        proc = subprocess.Popen(  # nosec B603
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    if sampler is not None:
        sampler.stop()
    text = log.read_text(errors="replace")
    report = json.loads(result.read_text()) if result.exists() else {}
    return QgisRun(report, text, proc.returncode, sampler.samples if sampler else [])


@dataclass
class Setup:
    """What every run needs once: the zip and the wheels (the profile is new each run)."""

    zip_path: Path
    wheel_dir: Path


def prepare(work: Path) -> Setup:
    return Setup(build_zip(work / "zip"), wheels())


def run_once(
    setup: Setup,
    work: Path,
    *,
    large_mb: int,
    bps: float = 0.0,
    limit: int = 10_000,
    items: int = 12_000,
    timeout: float = 300,
    trace: Optional[str] = None,
) -> QgisRun:
    """One QGIS process, a fresh profile, a fresh emulator: every scenario once."""
    from bench.emulator_process import EmulatorProcess

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    profiles = make_profile(work)
    install_dependencies(profiles, setup.wheel_dir)
    options = {"--work": work / "emulator", "--items": items, "--seed": 7}
    options.update({"--large-mb": large_mb, "--bps": bps})
    emu = EmulatorProcess(
        [str(part) for pair in options.items() for part in pair],
        module="bench.ui_stall_support",
    )
    try:
        emu.start()
        orders = place_orders(emu.url, emu.info["large"])
        env = user_environment(
            CAPELLA_E2E_ZIP=str(setup.zip_path),
            CAPELLA_API_URL=emu.url,
            CAPELLA_API_KEY="demo",
            CAPELLA_UI_STALL_ORDERS=json.dumps(orders),
            CAPELLA_UI_STALL_FOLDER=str(work / "downloads"),
            CAPELLA_UI_STALL_BYTES=str(large_mb * MB),
            CAPELLA_UI_STALL_LIMIT=str(limit),
        )
        return run_qgis(profiles, env, work, timeout=timeout, trace=trace)
    finally:
        emu.stop()
        # The downloads and the generated asset: gigabytes each run.
        shutil.rmtree(work / "downloads", ignore_errors=True)
        shutil.rmtree(work / "emulator", ignore_errors=True)


def scenario_ms(report: dict[str, Any], name: str) -> dict[str, float]:
    """``worst``, ``top10_median`` (ms), ``seconds`` of one scenario of a report, and
    ``errors``: the error messages it left in the message bar (a layer error is one each)."""
    data = report["scenarios"][name]
    messages = data.get("bar_messages", {})
    return {
        "worst": data["worst_ms"],
        "top10_median": data["top10_median_ms"],
        "seconds": data["seconds"],
        "errors": sum(n for text, n in messages.items() if "error" in text.lower()),
    }


# --- reading the samples -----------------------------------------------------------------


def threads(dump: str) -> list[tuple[str, list[str]]]:
    """``(header, frames)`` of each thread of a ``py-spy dump`` (frames innermost first)."""
    out: list[tuple[str, list[str]]] = []
    for line in dump.splitlines():
        if line.startswith("Thread "):
            out.append((line.strip(), []))
        elif out and line.startswith("    "):
            out[-1][1].append(line.strip())
    return out


def _short(frame: str) -> str:
    """``name (file.py:line)`` without the folders."""
    name, _, where = frame.partition(" (")
    return f"{name} ({where.rsplit('/', 1)[-1]}" if where else name


def _where(frames: list[str], count: int) -> str:
    return " < ".join(_short(f) for f in frames[:count]) or "(no Python frame: C++ work)"


def attribute(run: QgisRun, min_ms: float = 60.0, frames: int = 3, top: int = 3) -> list[str]:
    """For every stall of at least ``min_ms``: the dumps taken during it, counted by what the
    main thread did and by which thread held the GIL (with its innermost Python frames)."""
    if not run.samples:
        return ["(no samples)"]
    lines = []
    for name, data in run.report.get("scenarios", {}).items():
        t0 = data.get("t0_monotonic")
        if t0 is None:
            continue
        for gap_ms, at in data.get("long_gaps", []):
            if gap_ms < min_ms:
                continue
            begin = t0 + at + 0.010  # the tick was due 10 ms after the one before the gap
            end = t0 + at + 0.010 + gap_ms / 1000
            inside = [s for s in run.samples if begin <= s.at <= end]
            lines.append(f"-- {name}: {gap_ms:.0f} ms stall at +{at:.2f} s ({len(inside)} dumps)")
            main: dict[str, int] = {}
            holders: dict[str, int] = {}
            for sample in inside:
                holder = "no thread (the GIL was free: native code only)"
                for header, stack in sample.threads:
                    thread = header.split('"')[-2] if header.count('"') >= 2 else header
                    state = header.split("(", 1)[-1].split(")", 1)[0]
                    if thread == "MainThread":
                        key = f"{state}: {_where(stack, frames)}"
                        main[key] = main.get(key, 0) + 1
                    if "gil" in state:
                        holder = f"{thread}: {_where(stack, frames)}"
                holders[holder] = holders.get(holder, 0) + 1
            for key, count in sorted(main.items(), key=lambda kv: -kv[1])[:top]:
                lines.append(f"   main {count:3d}x  {key}")
            for key, count in sorted(holders.items(), key=lambda kv: -kv[1])[:top]:
                lines.append(f"   GIL  {count:3d}x  {key}")
    return lines


if __name__ == "__main__":
    sys.exit(serve())
