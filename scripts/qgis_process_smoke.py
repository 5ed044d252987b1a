"""Run ``qgis_process run capella:searchcatalog`` against the emulator in an isolated profile.

How qgis_process (QGIS 3.22) finds the plugin: it has no ``--profile``/``--profiles-path``
option, but ``QgsApplication`` honours ``QGIS_CUSTOM_CONFIG_PATH``: the settings root becomes
that folder and the ``default`` profile lives in ``<root>/profiles/default``. qgis_process loads
only Python plugins enabled in ``<profile>/QGIS/QGIS3.ini`` (``[PythonPlugins] capella_qgis=true``)
whose metadata says ``hasProcessingProvider=yes``; it calls ``classFactory(None)`` and
``initProcessing()``. httpx and pydantic 2 come from the venv through ``PYTHONPATH``.

Debian's ``/usr/bin/qgis_process`` wrapper passes ``$QGIS_OPTS`` from ``/etc/default/qgis``
(``--noversioncheck``), which qgis_process rejects ("Command --noversioncheck not known!"), so
``qgis_process.bin`` is used when it exists.

Usage: ``python scripts/qgis_process_smoke.py [--api-url URL] [--limit N] [--keep]``; without
``--api-url`` an emulator is started (``python -m tests.console_emulator --port 0``). Prints the
qgis_process JSON and exits 0 when COUNT equals the number of features written.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scripts.package import stage  # noqa: E402
from scripts.run_qgis import start_emulator  # noqa: E402


def qgis_process_binary() -> str:
    """``qgis_process.bin`` (Debian) if present, else ``qgis_process`` from PATH."""
    for name in ("qgis_process.bin", "qgis_process"):
        found = shutil.which(name)
        if found:
            return found
    raise SystemExit("qgis_process not found; install the qgis package")


def make_profile(root: Path) -> Path:
    """Stage the plugin into ``<root>/profiles/default`` and enable it there."""
    profile = root / "profiles" / "default"
    stage(profile / "python" / "plugins" / "capella_qgis")
    ini = profile / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True, exist_ok=True)
    ini.write_text("[PythonPlugins]\ncapella_qgis=true\n", encoding="utf-8")
    return profile


def venv_site_packages() -> list[str]:
    """site-packages of the interpreter running this script (the project venv)."""
    import site

    return [p for p in site.getsitepackages() if Path(p).is_dir() and "site-packages" in p]


def environment(config_root: Path, api_url: str, api_key: str) -> dict[str, str]:
    env = dict(os.environ)
    paths = venv_site_packages() + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    env.update(
        QT_QPA_PLATFORM="offscreen",
        QGIS_CUSTOM_CONFIG_PATH=str(config_root),
        PYTHONPATH=os.pathsep.join(paths),
        CAPELLA_API_URL=api_url,
        CAPELLA_API_KEY=api_key,
    )
    env.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="capella-xdg-"))
    return env


def search_command(output: Path, limit: int, extra: tuple[str, ...] = ()) -> list[str]:
    return [
        qgis_process_binary(),
        "run",
        "capella:searchcatalog",
        "--json",
        f"--LIMIT={limit}",
        "--PRODUCT_TYPES=GEO",
        "--PRODUCT_TYPES=SLC",
        "--START=2019-01-01T00:00:00Z",
        f"--OUTPUT={output}",
        *extra,
    ]


def feature_count(path: Path) -> int:
    from osgeo import ogr

    dataset = ogr.Open(str(path))
    if dataset is None:
        return -1
    try:
        return sum(
            dataset.GetLayerByIndex(i).GetFeatureCount() for i in range(dataset.GetLayerCount())
        )
    finally:
        dataset = None


def run_smoke(
    api_url: Optional[str] = None,
    api_key: str = "demo",
    limit: int = 3,
    keep: bool = False,
    extra: tuple[str, ...] = (),
) -> dict[str, Any]:
    """Run the search with qgis_process; returns its parsed JSON plus ``features``."""
    emulator = None
    if api_url is None:
        emulator, api_url = start_emulator()
    work = Path(tempfile.mkdtemp(prefix="capella-qgis-process-"))
    try:
        make_profile(work / "config")
        output = work / "footprints.gpkg"
        proc = subprocess.run(
            search_command(output, limit, extra),
            env=environment(work / "config", api_url, api_key),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if proc.returncode != 0:
            raise RuntimeError(
                f"qgis_process failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
            )
        start = proc.stdout.find("{")
        data = json.loads(proc.stdout[start:])
        data["features"] = feature_count(output)
        data["work_dir"] = str(work)
        return data
    finally:
        if emulator is not None:
            emulator.terminate()
            emulator.wait(timeout=10)
        if not keep:
            shutil.rmtree(work, ignore_errors=True)


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api-url", help="Console URL (default: start the emulator)")
    parser.add_argument("--api-key", default=os.environ.get("CAPELLA_API_KEY", "demo"))
    parser.add_argument("--limit", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="keep the profile and output")
    parser.add_argument(
        "--param", action="append", default=[], help="another qgis_process argument (repeatable)"
    )
    args = parser.parse_args(argv)
    data = run_smoke(args.api_url, args.api_key, args.limit, args.keep, tuple(args.param))
    results = data.get("results", {})
    print(json.dumps({"results": results, "features": data["features"]}, indent=2))
    ok = results.get("COUNT") == data["features"] == args.limit
    print("OK" if ok else "MISMATCH", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
