"""Tasking from the shell: ``qgis_process`` runs the whole chain against the emulator.

checkopportunities for a point → createtaskingrequest with the constraints of the group with
the most passes → approvetaskingrequest (read, then with CONFIRM) → the emulator completes the
collect → listtaskingrequests shows it completed → downloadproducts reviews, orders and
downloads its products. The plugin is the staged package, in a fresh profile, as in
``scripts/qgis_process_smoke.py``.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
import pytest

from scripts.qgis_process_smoke import environment, make_profile, qgis_process_binary
from tests.console_emulator import Emulator

pytestmark = pytest.mark.skipif(
    not (shutil.which("qgis_process.bin") or shutil.which("qgis_process")),
    reason="qgis_process is not installed",
)


@pytest.fixture(scope="module")
def config_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A QGIS settings root whose default profile has the staged plugin enabled."""
    root = tmp_path_factory.mktemp("qgis-config")
    make_profile(root)
    return root


@pytest.fixture
def qgis_process(config_root: Path, emulator: Emulator) -> Iterator[Any]:
    env = environment(config_root, emulator.url, "demo")

    def run(algorithm: str, **params: Any) -> dict[str, Any]:
        args = [qgis_process_binary(), "run", f"capella:{algorithm}", "--json"]
        for name, value in params.items():
            for one in value if isinstance(value, list) else [value]:
                args.append(f"--{name}={one}")
        proc = subprocess.run(args, env=env, capture_output=True, text=True, timeout=300)
        assert proc.returncode == 0, f"{algorithm} failed:\n{proc.stdout}\n{proc.stderr}"
        data = json.loads(proc.stdout[proc.stdout.find("{") :])
        return dict(data["results"], log=data.get("log", {}))

    yield run


def _features(path: Path) -> list[dict[str, Any]]:
    from osgeo import ogr

    dataset = ogr.Open(str(path))
    assert dataset is not None, path
    try:
        layer = dataset.GetLayerByIndex(0)
        return [json.loads(f.ExportToJson()) for f in layer]
    finally:
        dataset = None


def _log(result: dict[str, Any]) -> list[str]:
    """The algorithm's log lines (qgis_process --json: ``log.info`` and ``log.warning``)."""
    log = result.get("log") or {}
    return [*log.get("info", []), *log.get("warning", [])]


def test_opportunities_to_downloaded_products(
    qgis_process: Any, emulator: Emulator, tmp_path: Path
) -> None:
    emulator.configure(access_delay=1, review_delay=1)
    now = datetime.now(timezone.utc)
    window = {
        "WINDOW_OPEN": (now + timedelta(minutes=10)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "WINDOW_CLOSE": (now + timedelta(days=3)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }

    # 1. When can a satellite see the target?
    opps = qgis_process(
        "checkopportunities",
        AOI="POINT(12.5 41.9)",
        OUTPUT=tmp_path / "opportunities.gpkg",
        **window,
    )
    assert opps["ACCESSIBILITY"] == "accessible" and opps["OPPORTUNITY_COUNT"] > 0
    passes = _features(tmp_path / "opportunities.gpkg")
    assert len(passes) == opps["OPPORTUNITY_COUNT"]
    top = [p for p in passes if p["properties"]["group"] == opps["GROUP_LABEL"]]
    assert len(top) == opps["GROUP_PASSES"] > 0
    assert {p["properties"]["orbital_plane"] for p in top} == {int(opps["GROUP_ORBITAL_PLANE"])}
    log = _log(opps)
    assert f"  {opps['GROUP_LABEL']}: {opps['GROUP_PASSES']} passes" in " ".join(log)
    assert any("not a schedule" in line for line in log)

    # 2. Task it with the constraints of the group with the most passes.
    target = tmp_path / "target.geojson"
    target.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "Rome"},
                        "geometry": {"type": "Point", "coordinates": [12.5, 41.9]},
                    }
                ],
            }
        ),
        encoding="utf-8",
    )
    created = qgis_process(
        "createtaskingrequest",
        INPUT=target,
        NAME="Rome from opportunities",
        ORBITAL_PLANES=opps["GROUP_ORBITAL_PLANE"],
        ASC_DSC=opps["GROUP_ASC_DSC"],
        LOOK_DIRECTION=opps["GROUP_LOOK_DIRECTION"],
        OFF_NADIR_MIN=opps["GROUP_OFF_NADIR_MIN"],
        OFF_NADIR_MAX=opps["GROUP_OFF_NADIR_MAX"],
        PRODUCT_TYPES="GEO",
        CONFIRM="true",
        OUTPUT=tmp_path / "requests.gpkg",
        **window,
    )
    assert created["CREATED"] == 1
    [request] = _features(tmp_path / "requests.gpkg")
    tr_id = request["properties"]["request_id"]
    constraints = emulator.state.tasks[tr_id]["properties"]["collectConstraints"]
    assert constraints["orbitalPlanes"] == [int(opps["GROUP_ORBITAL_PLANE"])]
    assert constraints["lookDirection"] == opps["GROUP_LOOK_DIRECTION"]
    assert constraints["ascDsc"] == opps["GROUP_ASC_DSC"]

    # 3. Read the cost review (it waits for the estimate); nothing is answered yet.
    emulator.clear_requests()
    review = qgis_process("approvetaskingrequest", TASKING_REQUEST_ID=tr_id)
    assert review["STATUS"] == "review" and review["ANSWERED"] is False
    assert review["TOTAL"] > 0 and review["TOTAL_TEXT"].startswith("$")
    assert not [r for r in emulator.requests("api") if r.method == "PATCH"]
    log = _log(review)
    assert any(line.startswith(f"Total: {review['TOTAL_TEXT']}") for line in log)
    assert any(line.startswith("Cancellation fees") for line in log)
    assert any(line.startswith("Nothing was answered") for line in log)

    # 4. Approve exactly the total that was read.
    approved = qgis_process(
        "approvetaskingrequest",
        TASKING_REQUEST_ID=tr_id,
        EXPECTED_TOTAL=review["TOTAL_TEXT"],
        CONFIRM="true",
    )
    assert approved["STATUS"] == "submitted" and approved["ANSWERED"] is True

    # 5. The Console collects and delivers it (emulator hooks).
    for code in ("active", "completed"):
        answer = httpx.post(f"{emulator.url}/_emulator/tasking/{tr_id}/status", json={"code": code})
        assert answer.status_code == 200, answer.text

    # 6. The request list shows it completed.
    listed = qgis_process(
        "listtaskingrequests",
        STATUS="completed",
        OUTPUT=tmp_path / "areas.gpkg",
        OUTPUT_POINTS=tmp_path / "points.gpkg",
    )
    assert listed["COUNT"] >= 1
    mine = [
        p for p in _features(tmp_path / "points.gpkg") if p["properties"]["request_id"] == tr_id
    ]
    assert [p["properties"]["status"] for p in mine] == ["completed"]

    # 7. Order (reviewed first, within MAX_COST) and download its GEO raster.
    downloads = tmp_path / "downloads"
    got = qgis_process(
        "downloadproducts",
        TASKING_REQUEST_ID=tr_id,
        PRODUCT_TYPES="GEO",
        INCLUDE="raster",
        CONFIRM="true",
        MAX_COST=100000,
        LOAD_OUTPUTS="false",
        OUTPUT_FOLDER=downloads,
    )
    assert got["FILE_COUNT"] >= 1 and got["FAILED_COUNT"] == 0
    rasters = [Path(p) for p in got["FILES"].split(";") if p]
    assert rasters and all(p.is_file() and p.stat().st_size > 0 for p in rasters)
    assert all(downloads in p.parents for p in rasters)
    orders = [r for r in emulator.requests("api") if r.method == "POST" and r.path == "/orders"]
    assert len(orders) == 1
