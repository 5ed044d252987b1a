"""``qgis_process run capella:searchcatalog`` from the shell, against the emulator."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "qgis_process_smoke.py"


@pytest.mark.skipif(
    not (shutil.which("qgis_process.bin") or shutil.which("qgis_process")),
    reason="qgis_process is not installed",
)
@pytest.mark.parametrize(
    "area",
    [
        (),
        # Geometry goes through shapely inside qgis_process, whose GEOS is the system's: the
        # wheel's own GEOS must not bind to it (that crashed qgis_process with SIGSEGV).
        ("--AOI_GEOMETRY=POLYGON((-180 -85,180 -85,180 85,-180 85,-180 -85))",),
        ("--AOI=170,-170,-85,85 [EPSG:4326]",),  # across the antimeridian: split in two
    ],
    ids=["no-area", "geometry", "antimeridian-extent"],
)
def test_qgis_process_searchcatalog(area: tuple[str, ...]) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    for name in ("CAPELLA_API_URL", "CAPELLA_API_KEY", "QGIS_CUSTOM_CONFIG_PATH"):
        env.pop(name, None)
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--limit", "4", *(f"--param={a}" for a in area)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    output = proc.stdout + proc.stderr
    assert proc.returncode == 0, output
    data = json.loads(proc.stdout[: proc.stdout.rindex("}") + 1])
    assert data["results"]["COUNT"] == 4
    assert data["features"] == 4
    assert data["results"]["OUTPUT"].endswith("footprints.gpkg")
