"""The requests layer and dock tell tasking from repeat requests (#14: every row said "repeat").

Tasking-request models carry a ``repeatrequest_id`` field too (null, or the repeat request that
derived them), so the kind comes from the model type. Built from the emulator's own answers.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from qgis.core import QgsCategorizedSymbolRenderer, QgsProject, QgsVectorLayer

from capella_qgis.core.api.credential import Credential
from capella_qgis.core.models.payloads import RepeatRequestCreate, TaskingRequestCreate
from capella_qgis.core.models.tasking import RepeatRequest, TaskingRequest
from capella_qgis.gui.tasking.dock_requests import COLUMNS
from capella_qgis.gui.tasking.requests_controller import RequestsController
from capella_qgis.requests.layer import RequestsLayer, request_attributes
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.toolbelt.settings import PluginSettings

TIMEOUT_MS = 20_000
POINT = {"type": "Point", "coordinates": [10.0, 50.0]}
POLYGON = {
    "type": "Polygon",
    "coordinates": [[[10, 50], [10.05, 50], [10.05, 50.05], [10, 50.05], [10, 50]]],
}


def _clients(emulator: Any) -> ClientFactory:
    return ClientFactory(
        PluginSettings(api_url=emulator.url), credential=Credential.api_key("demo")
    )


@pytest.fixture
def requests(emulator: Any) -> dict[str, Any]:
    """One request of each kind as the Console answers them, plus a derived tasking request."""
    with _clients(emulator)() as client:
        tr = client.tasking.create_tasking_request(
            TaskingRequestCreate(geometry=POINT, name="kind: tasking")
        )
        rr = client.tasking.create_repeat_request(
            RepeatRequestCreate(geometry=POLYGON, name="kind: repeat", repetition_count=3)
        )
        # A tasking request a repeat request derived: its repeatrequestId is set.
        derived_id = next(
            tr_id
            for tr_id, task in emulator.state.tasks.items()
            if task["properties"].get("repeatrequestId")
            and task["properties"]["userId"] == tr.properties.user_id
        )
        derived = client.tasking.get_tasking_request(derived_id)
        found_rr = client.tasking.get_repeat_request(rr.id)  # as a search answers it
    assert isinstance(tr, TaskingRequest) and isinstance(derived, TaskingRequest)
    assert isinstance(rr, RepeatRequest) and isinstance(found_rr, RepeatRequest)
    # What fooled the old test: tasking requests have the field, derived ones a value in it.
    assert hasattr(tr.properties, "repeatrequest_id")
    assert derived.properties.repeatrequest_id
    return {"tasking": tr, "repeat": rr, "derived": derived, "found_repeat": found_rr}


@pytest.fixture
def layer() -> Iterator[RequestsLayer]:
    out = RequestsLayer(QgsProject.instance())
    yield out
    out.remove_layers()


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("tasking", "tasking"),
        ("derived", "tasking"),
        ("repeat", "repeat"),
        ("found_repeat", "repeat"),
    ],
)
def test_attributes_name_the_kind_of_the_model(
    requests: dict[str, Any], key: str, kind: str
) -> None:
    assert request_attributes(requests[key])["kind"] == kind


def _category_label(layer: QgsVectorLayer, status: str) -> str:
    renderer = layer.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    assert renderer.classAttribute() == "status"
    index = renderer.categoryIndexForValue(status)
    assert index >= 0, f"no style category for status {status!r}"
    return str(renderer.categories()[index].label())


def test_layer_features_carry_their_kind_and_status_style(
    requests: dict[str, Any], layer: RequestsLayer
) -> None:
    models = [requests["tasking"], requests["derived"], requests["repeat"]]
    assert layer.upsert(models) == 3
    expected = {
        requests["tasking"].id: "tasking",
        requests["derived"].id: "tasking",
        requests["repeat"].id: "repeat",
    }
    for request_id, kind in expected.items():
        feature = layer.feature(request_id)
        assert feature is not None
        assert feature["kind"] == kind
    # The point tasking request and the polygon repeat request land in their layers, each
    # drawn by its own status category (not the catch-all "other").
    points, areas = layer.layer("Point", False), layer.layer("Polygon", False)
    assert points is not None and areas is not None
    for lyr, model in ((points, requests["tasking"]), (areas, requests["repeat"])):
        [feature] = [f for f in lyr.getFeatures() if f["request_id"] == model.id]
        assert feature["status"] == model.status and model.status
        assert _category_label(lyr, feature["status"]) == model.status


def test_dock_table_shows_each_kind(
    qtbot: Any, qgis_iface: Any, emulator: Any, requests: dict[str, Any]
) -> None:
    ctrl = RequestsController(qgis_iface, clients=_clients(emulator))
    ctrl.install()
    try:
        dock = ctrl.dock
        dock.pollCheck.setChecked(False)
        dock.kindCombo.setCurrentIndex(dock.kindCombo.findData("all"))
        with qtbot.waitSignal(ctrl.searchFinished, timeout=TIMEOUT_MS):
            dock.searchButton.click()
        id_col, kind_col = COLUMNS.index("request_id"), COLUMNS.index("kind")
        shown = {
            dock.table.item(row, id_col).text(): dock.table.item(row, kind_col).text()
            for row in range(dock.table.rowCount())
        }
        assert shown[requests["tasking"].id] == "tasking"
        assert shown[requests["repeat"].id] == "repeat"
        kinds = {k for k, _model in ctrl.requests.values()}
        assert kinds == {"tasking", "repeat"}
        # Every row agrees with the kind the search answered it under.
        for request_id, (kind, _model) in ctrl.requests.items():
            assert shown[request_id] == kind
            feature = ctrl.layer.feature(request_id)
            if feature is not None:
                assert feature["kind"] == kind
    finally:
        ctrl.unload()
        ctrl.layer.remove_layers()


def test_request_areas_are_filled_translucent_in_their_status_colour() -> None:
    from capella_qgis.requests.layer import STATUS_COLORS, RequestsLayer

    project = QgsProject.instance()
    polygons = RequestsLayer(project).layer("Polygon", True)
    assert polygons is not None
    renderer = polygons.renderer()
    assert isinstance(renderer, QgsCategorizedSymbolRenderer)
    categories = renderer.categories()  # the symbols belong to these copies: keep them
    fill = next(c.symbol().color() for c in categories if c.value() == "review")
    # "#ffb30055" was read as #AARRGGBB: an opaque magenta block over the AOI.
    assert fill.name() == STATUS_COLORS["review"] and fill.alpha() == 85
    project.removeMapLayer(polygons.id())
