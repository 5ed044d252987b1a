"""capella_qgis.opportunities: fields, features and the styled layer, from emulator results."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.models.access import PHYSICAL_ACCESS_NOTE, OpportunityResult
from capella_qgis.core.workflows.tasking import check_opportunities
from capella_qgis.opportunities.layer import (
    ACCESS_REQUEST_PROPERTY,
    group_label,
    opportunities_layer,
    opportunity_features,
    opportunity_fields,
    opportunity_geometry_type,
)
from capella_qgis.opportunities.style import style_opportunities
from tests.console_emulator import Emulator

ROME = {"type": "Point", "coordinates": [12.5, 41.9]}
FIELD = {
    "type": "Polygon",
    "coordinates": [[[12.4, 41.8], [12.6, 41.8], [12.6, 42.0], [12.4, 42.0], [12.4, 41.8]]],
}


def _check(emu: Emulator, geometry: dict[str, Any], **constraints: Any) -> OpportunityResult:
    emu.configure(access_delay=0)
    now = datetime.now(timezone.utc)
    with ConsoleClient(Credential.api_key("demo"), emu.url) as client:
        return check_opportunities(
            client,
            {
                "geometry": geometry,
                "window_open": now + timedelta(minutes=10),
                "window_close": now + timedelta(days=3),
                **constraints,
            },
        )


@pytest.fixture(scope="module")
def rome(emulator_session: Emulator) -> Iterator[OpportunityResult]:
    """Three days of passes over Rome (computed once: the emulator is deterministic)."""
    emulator_session.reset()
    result = _check(emulator_session, ROME)
    emulator_session.reset()
    yield result


def _plain(value: Any) -> Any:
    return None if value is None or (hasattr(value, "isNull") and value.isNull()) else value


def test_fields_have_the_analysts_columns_with_utc_times() -> None:
    fields = opportunity_fields()
    names = fields.names()
    for name in (
        "window_open", "window_close", "duration_s", "spacecraft", "orbital_plane", "asc_dsc",
        "look_direction", "off_nadir_min", "off_nadir_max", "grazing_min", "grazing_max",
        "azimuth_open", "azimuth_close", "local_time", "group", "group_rank", "group_passes",
        "access_id", "access_request_id",
    ):  # fmt: skip
        assert name in names
    assert fields.field("window_open").type() == QVariant.DateTime
    assert fields.field("orbital_plane").type() == QVariant.Int
    assert fields.field("off_nadir_min").type() == QVariant.Double


def test_features_are_the_passes_at_their_centres(rome: OpportunityResult) -> None:
    assert rome.request.is_accessible and len(rome.opportunities) > 10
    fields = opportunity_fields()
    features = opportunity_features(rome, fields)
    assert len(features) == len(rome.opportunities)
    assert opportunity_geometry_type(rome) == "Point"
    by_id = {o.access_id: o for o in rome.opportunities}
    for feature in features:
        opp = by_id[feature["access_id"]]
        acc = opp.access_properties
        opens = feature["window_open"]
        assert opens.timeSpec() == 1  # Qt.UTC
        assert opens.toMSecsSinceEpoch() == round(opp.window_open.timestamp() * 1000)
        assert feature["duration_s"] == pytest.approx(opp.duration_s, abs=0.1)
        assert feature["group"] == f"{opp.orbital_plane}° · {acc.ascdsc} · {acc.look_direction}"
        assert feature["spacecraft"] == str(opp.spacecraft_id)
        assert feature["off_nadir_min"] == acc.off_nadir_min
        assert feature["grazing_max"] == acc.grazing_angle_max
        assert feature["azimuth_close"] == acc.azimuth_close
        hours, minutes = (int(part) for part in feature["local_time"].split(":"))
        off = (hours * 3600 + minutes * 60 - acc.local_time) % 86400
        assert min(off, 86400 - off) <= 30
        assert feature["access_request_id"] == rome.request.id
        point = feature.geometry().asPoint()
        assert (point.x(), point.y()) == pytest.approx(tuple(opp.center[:2]))
    opens = [f["window_open"].toMSecsSinceEpoch() for f in features]
    assert opens == sorted(opens)


def test_group_rank_and_passes_follow_the_groups(rome: OpportunityResult) -> None:
    features = opportunity_features(rome, opportunity_fields())
    counts = Counter(f["group"] for f in features)
    groups = rome.groups
    assert len(counts) == len(groups) > 1
    for rank, group in enumerate(groups, start=1):
        name = group_label(group.orbital_plane, group.ascdsc, group.look_direction)
        members = [f for f in features if f["group"] == name]
        assert len(members) == counts[name] == group.count
        assert {f["group_rank"] for f in members} == {rank}
        assert {f["group_passes"] for f in members} == {group.count}
    assert max(counts.values()) == groups[0].count


def test_layer_is_styled_by_group_and_says_it_is_not_a_schedule(rome: OpportunityResult) -> None:
    layer = opportunities_layer(rome, name="Opportunities over Rome")
    assert layer.isValid() and layer.providerType() == "memory"
    assert layer.crs().authid() == "EPSG:4326"
    assert layer.geometryType() == QgsWkbTypes.GeometryType.PointGeometry
    assert layer.featureCount() == len(rome.opportunities)
    assert layer.name() == "Opportunities over Rome"
    assert layer.abstract() == PHYSICAL_ACCESS_NOTE
    assert layer.metadata().abstract() == PHYSICAL_ACCESS_NOTE
    assert "not a schedule" in layer.metadata().abstract()
    assert layer.customProperty(ACCESS_REQUEST_PROPERTY) == rome.request.id
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "group"
    categories = renderer.categories()
    values = [c.value() for c in categories]
    groups = rome.groups
    assert values[:-1] == [group_label(g.orbital_plane, g.ascdsc, g.look_direction) for g in groups]
    assert values[-1] == ""  # everything else
    for category, group in zip(categories, groups):
        assert f"({group.count} passes)" in category.label()
    # Each group is told apart on the map: colour (plane, look) and marker direction.
    looks = {(c.symbol().color().name(), c.symbol().angle()) for c in categories[:-1]}
    assert len(looks) == len(groups)
    # Every feature falls in a group's category (none in "other").
    assert all(
        renderer.categoryIndexForValue(f["group"]) < len(groups) for f in layer.getFeatures()
    )
    assert layer.temporalProperties().isActive()
    assert "not a schedule" in layer.mapTipTemplate()


def test_passes_without_centres_are_drawn_on_the_aoi(emulator: Emulator) -> None:
    result = _check(emulator, FIELD, look_direction="left")
    assert result.opportunities
    result.opportunities = [o.model_copy(update={"center": None}) for o in result.opportunities]
    assert opportunity_geometry_type(result) == "Polygon"
    layer = opportunities_layer(result, name="field")
    assert layer.geometryType() == QgsWkbTypes.GeometryType.PolygonGeometry
    assert layer.featureCount() == len(result.opportunities)
    bounds = {f.geometry().boundingBox().toString(4) for f in layer.getFeatures()}
    assert bounds == {"12.4000,41.8000 : 12.6000,42.0000"}
    assert {f["look_direction"] for f in layer.getFeatures()} == {"left"}


def test_inaccessible_target_gives_an_empty_layer_with_the_note(emulator: Emulator) -> None:
    # A 45° orbit never sees 80° N, whatever the window.
    arctic = {"type": "Point", "coordinates": [12.5, 80.0]}
    result = _check(emulator, arctic, orbital_planes=[45])
    assert result.request.accessibility_status == "inaccessible" and not result.opportunities
    layer = opportunities_layer(result, name="none")
    assert layer.isValid() and layer.featureCount() == 0
    assert opportunity_geometry_type(result) == "Point"  # the AOI's type
    assert layer.abstract() == PHYSICAL_ACCESS_NOTE
    assert [c.value() for c in layer.renderer().categories()] == [""]


def test_style_applies_to_a_saved_layer(rome: OpportunityResult, tmp_path: Path) -> None:
    memory = opportunities_layer(rome, name="rome")
    path = tmp_path / "opps.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV2(
        memory, str(path), memory.transformContext(), options
    )
    assert error[0] == QgsVectorFileWriter.NoError
    saved = QgsVectorLayer(str(path), "saved", "ogr")
    assert saved.featureCount() == len(rome.opportunities)
    style_opportunities(saved)
    renderer = saved.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert len(renderer.categories()) == len(rome.groups) + 1
    assert saved.abstract() == PHYSICAL_ACCESS_NOTE
    first = next(saved.getFeatures())
    assert _plain(first["window_open"]) is not None
