"""capella:checkopportunities against the emulator: passes, groups, cancel, wait, bad input."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

from capella_qgis.core.models.access import PHYSICAL_ACCESS_NOTE
from capella_qgis.opportunities.layer import ACCESS_REQUEST_PROPERTY
from tests.console_emulator import Emulator
from tests.qgis.processing_support import RecordingFeedback, api_calls, memory_layer, run

ALG = "capella:checkopportunities"
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def _window(days: float = 3) -> dict[str, str]:
    now = datetime.now(timezone.utc)
    return {
        "WINDOW_OPEN": (now + timedelta(minutes=10)).isoformat(),
        "WINDOW_CLOSE": (now + timedelta(days=days)).isoformat(),
    }


@pytest.fixture
def console(capella_env: Emulator) -> Emulator:
    capella_env.configure(access_delay=0)
    return capella_env


def _posts(emu: Emulator) -> list[Any]:
    return [r for r in api_calls(emu) if r.method == "POST" and r.path == "/ma/accessrequests"]


def test_point_gives_passes_groups_and_the_top_groups_constraints(
    console: Emulator, tmp_path: Path
) -> None:
    feedback = RecordingFeedback()
    result = run(
        ALG,
        {
            "AOI": "POINT(12.5 41.9)",
            **_window(),
            "LOOK_DIRECTION": "right",
            "ORBITAL_PLANES": ["45", "53"],
            "OFF_NADIR_MIN": 15,
            "OFF_NADIR_MAX": 45,
            "OUTPUT": str(tmp_path / "opps.gpkg"),
        },
        feedback,
    )
    [post] = _posts(console)
    assert post.json["geometry"] == {"type": "Point", "coordinates": [12.5, 41.9]}
    assert post.json["properties"]["accessConstraints"] == {
        "lookDirection": "right",
        "ascDsc": "either",
        "orbitalPlanes": [45, 53],
        "offNadirMin": 15,
        "offNadirMax": 45,
    }
    assert UUID.match(result["ACCESS_REQUEST_ID"])
    assert result["ACCESSIBILITY"] == "accessible"
    layer = QgsVectorLayer(result["OUTPUT"], "out", "ogr")
    features = list(layer.getFeatures())
    assert result["OPPORTUNITY_COUNT"] == len(features) > 3
    assert {f["look_direction"] for f in features} == {"right"}
    assert {f["orbital_plane"] for f in features} <= {45, 53}
    assert all(15 <= f["off_nadir_min"] <= f["off_nadir_max"] <= 45 for f in features)
    assert {f["access_request_id"] for f in features} == {result["ACCESS_REQUEST_ID"]}
    # The group with the most passes, as createtaskingrequest's constraints.
    passes: dict[str, list[Any]] = {}
    for f in features:
        passes.setdefault(f["group"], []).append(f)
    top = max(passes.values(), key=len)
    assert result["GROUP_COUNT"] == len(passes)
    assert result["GROUP_PASSES"] == len(top)
    assert result["GROUP_LABEL"] == top[0]["group"]
    assert result["GROUP_ORBITAL_PLANE"] == str(top[0]["orbital_plane"])
    assert result["GROUP_ASC_DSC"] == top[0]["asc_dsc"]
    assert result["GROUP_LOOK_DIRECTION"] == "right"
    assert result["GROUP_OFF_NADIR_MIN"] == min(f["off_nadir_min"] for f in top)
    assert result["GROUP_OFF_NADIR_MAX"] == max(f["off_nadir_max"] for f in top)
    # The log summarises the groups and says what opportunities are not.
    assert any("groups of passes" in line for line in feedback.infos)
    for name, members in passes.items():
        assert any(
            line.strip().startswith(f"{name}: {len(members)} passes") for line in feedback.infos
        )
    assert PHYSICAL_ACCESS_NOTE in feedback.warnings


def test_aoi_in_another_crs_and_from_a_layer(console: Emulator) -> None:
    # Rome in Web Mercator: sent as lon/lat.
    run(ALG, {"AOI": "CRS=EPSG:3857;POINT(1391493.6 5146011.7)", **_window(1), "OUTPUT": "memory:"})
    lon, lat = _posts(console)[-1].json["geometry"]["coordinates"]
    assert (lon, lat) == pytest.approx((12.5, 41.9), abs=1e-4)
    layer = memory_layer("Polygon", ["POLYGON((12.4 41.8,12.6 41.8,12.6 42,12.4 42,12.4 41.8))"])
    result = run(ALG, {"AOI_LAYER": layer, **_window(1), "OUTPUT": "memory:"})
    body = _posts(console)[-1].json
    assert body["geometry"]["type"] == "Polygon"
    assert result["OPPORTUNITY_COUNT"] == result["OUTPUT"].featureCount() > 0


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {},
            r"Give one area of interest: Area of interest \(point or polygon\) or Area of "
            r"interest \(layer\) \(got none\)",
        ),
        ({"AOI": "LINESTRING(0 0, 1 1)"}, r"Area of interest \(point or polygon\): a line cannot"),
        (
            {"AOI": "POLYGON((0 0"},
            r"Area of interest \(point or polygon\): the geometry cannot be read",
        ),
        (
            {"AOI": "POLYGON((0 0,1 0,1 1,0 1,0 0),(0.2 0.2,0.4 0.2,0.4 0.4,0.2 0.4,0.2 0.2))"},
            r"(?m)^Area of interest \(point or polygon\): polygons with holes cannot be tasked",
        ),
        (
            {"AOI": "POINT(1 2)", "OFF_NADIR_MIN": 40, "OFF_NADIR_MAX": 10},
            r"Minimum off-nadir angle \(°\) \(40°\) must be smaller than Maximum off-nadir",
        ),
        (
            {"AOI": "POINT(1 2)", "GRAZING_ANGLE_MIN": 95},
            r"Minimum grazing angle \(°\): 95 is out of range",
        ),
        (
            {"AOI": "POINT(1 2)", "AZIMUTH_ANGLE_MIN": 10},
            r"Minimum azimuth angle \(°\) and Maximum azimuth angle \(°\) go together",
        ),
        (
            {"AOI": "POINT(1 2)", "WINDOW_OPEN": "2030-01-05", "WINDOW_CLOSE": "2030-01-01"},
            r"Window closes \(UTC\) \(2030-01-01.*\) must be after Window opens \(UTC\)",
        ),
        (
            {"AOI": "POINT(1 2)", "WINDOW_OPEN": "2020-01-01", "WINDOW_CLOSE": "2020-01-03"},
            r"Window closes \(UTC\)",
        ),
        ({"AOI": "POINT(1 2)", "LOOK_DIRECTION": "up"}, r"Look direction"),
        (
            {"EXISTING_REQUEST": "not-an-id"},
            r"Existing access request id \(wait for it instead of creating one\): 'not-an-id' is",
        ),
        (
            {"EXISTING_REQUEST": "2dad8d82-9730-4f8c-8ec7-b2e342798c98", "AOI": "POINT(1 2)"},
            r"has its own area; leave Area of interest \(point or polygon\) empty",
        ),
    ],
)
def test_bad_input_names_the_parameter_and_sends_nothing(
    console: Emulator, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(QgsProcessingException, match=message):
        run(ALG, {"OUTPUT": "memory:", **params})
    assert api_calls(console) == []


def test_both_aois_are_refused(console: Emulator) -> None:
    layer = memory_layer("Point", ["POINT(1 2)"])
    with pytest.raises(
        QgsProcessingException, match=r"\(got Area of interest \(point or polygon\), Area"
    ):
        run(ALG, {"AOI": "POINT(1 2)", "AOI_LAYER": layer, "OUTPUT": "memory:"})
    assert api_calls(console) == []


class CancelWhenQueued(RecordingFeedback):
    """Cancels as soon as the access request is reported waiting."""

    def pushInfo(self, info: str) -> None:
        super().pushInfo(info)
        if ": queued" in info or ": processing" in info:
            self.cancel()


def test_cancel_stops_the_wait(console: Emulator) -> None:
    console.configure(access_delay=120)
    with pytest.raises(QgsProcessingException, match="Cancelled by the user"):
        run(ALG, {"AOI": "POINT(12.5 41.9)", **_window(1), "OUTPUT": "memory:"}, CancelWhenQueued())
    assert len(_posts(console)) == 1
    assert not [r for r in api_calls(console) if r.path.startswith("/ma/accesses/")]


class ProgressFeedback(RecordingFeedback):
    def __init__(self) -> None:
        super().__init__()
        self.steps: list[float] = []
        self.progressChanged.connect(self.steps.append)


def test_gives_up_after_the_timeout_and_a_rerun_waits_for_the_same_request(
    console: Emulator,
) -> None:
    console.configure(access_delay=600)
    with pytest.raises(QgsProcessingException) as failed:
        run(ALG, {"AOI": "POINT(12.5 41.9)", **_window(1), "TIMEOUT": 1, "OUTPUT": "memory:"})
    text = str(failed.value)
    # The message says how to wait for the same request: EXISTING_REQUEST's label = its id.
    found = re.search(r"Existing access request id \(.*\) = ([0-9a-f-]{36}) to wait", text)
    assert found, text
    ar_id = found.group(1)
    assert f"Access request {ar_id} is still" in text
    console.clock.advance(601)
    feedback = ProgressFeedback()
    result = run(ALG, {"EXISTING_REQUEST": ar_id, "OUTPUT": "memory:"}, feedback)
    assert result["ACCESS_REQUEST_ID"] == ar_id and result["OPPORTUNITY_COUNT"] > 0
    assert len(_posts(console)) == 1  # the re-run created no new access request
    assert feedback.steps and feedback.steps[-1] == 100
    assert feedback.steps == sorted(feedback.steps)


def test_inaccessible_and_rejected_are_results_not_errors(console: Emulator) -> None:
    feedback = RecordingFeedback()
    result = run(
        ALG,
        {"AOI": "POINT(12.5 80)", "ORBITAL_PLANES": ["45"], **_window(2), "OUTPUT": "memory:"},
        feedback,
    )
    assert result["ACCESSIBILITY"] == "inaccessible"
    assert result["OPPORTUNITY_COUNT"] == 0 and result["OUTPUT"].featureCount() == 0
    assert result["GROUP_LABEL"] == "" and result["GROUP_OFF_NADIR_MIN"] is None
    assert any("No satellite can see" in w for w in feedback.warnings)
    feedback = RecordingFeedback()
    result = run(ALG, {"AOI": "POINT(12.5 41.9)", **_window(20), "OUTPUT": "memory:"}, feedback)
    assert result["ACCESSIBILITY"] == "rejected" and result["OPPORTUNITY_COUNT"] == 0
    assert any("longer than 14 days" in w for w in feedback.warnings)


def test_loaded_output_is_styled_by_group(console: Emulator, project: QgsProject) -> None:
    import processing

    feedback = RecordingFeedback()
    context = QgsProcessingContext()
    context.setProject(project)
    result = processing.runAndLoadResults(
        ALG,
        {"AOI": "POINT(12.5 41.9)", **_window(2), "OUTPUT": "TEMPORARY_OUTPUT"},
        feedback=feedback,
        context=context,
    )
    layer = project.mapLayer(result["OUTPUT"])
    assert isinstance(layer, QgsVectorLayer) and layer.featureCount() > 0
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "group"
    groups = {f["group"] for f in layer.getFeatures()}
    assert {c.value() for c in renderer.categories()} == groups | {""}
    assert layer.abstract() == PHYSICAL_ACCESS_NOTE
    assert layer.customProperty(ACCESS_REQUEST_PROPERTY) == result["ACCESS_REQUEST_ID"]
