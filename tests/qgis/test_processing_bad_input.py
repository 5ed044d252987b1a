"""Processing refuses (or repairs) bad input before anything is sent, naming each parameter's
label and saying what to fix; the same mistake reads as the core client's refusal.

Regression tests of issue #13 (item 8).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from qgis.core import QgsApplication, QgsProcessingException

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import InputError
from tests.console_emulator import Emulator
from tests.qgis.processing_support import api_calls, memory_layer, run

SQUARE = "POLYGON((10 10,10.1 10,10.1 10.1,10 10.1,10 10))"
BOWTIE = "POLYGON((0 0,1 1,1 0,0 1,0 0))"
BOWTIE_GEOJSON = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
WORLD = "POLYGON((-180 -90,180 -90,180 90,-180 90,-180 -90))"
BARE = "Incorrect parameter value"
REQUEST_ID = "2dad8d82-9730-4f8c-8ec7-b2e342798c98"


def _search(**params: Any) -> dict[str, Any]:
    return run("capella:searchcatalog", {"LIMIT": 1000, "OUTPUT": "memory:", **params})


def _task(layer: Any, **params: Any) -> dict[str, Any]:
    base = {"INPUT": layer, "NAME": "w", "CONFIRM": True, "OUTPUT": "memory:"}
    return run("capella:createtaskingrequest", {**base, **params})


def _refusal(alg_id: str, params: dict[str, Any]) -> str:
    with pytest.raises(QgsProcessingException) as info:
        run(alg_id, params)
    return str(info.value)


def _core_refusal(emulator: Emulator, call: Any) -> str:
    client = ConsoleClient(Credential.api_key("demo"), base_url=emulator.url)
    try:
        with pytest.raises(InputError) as info:
            call(client)
    finally:
        client.close()
    return str(info.value)


# --- search: the AOI ---------------------------------------------------------------------


def test_an_extent_beyond_the_world_is_refused_not_clamped(capella_env: Emulator) -> None:
    message = _refusal(
        "capella:searchcatalog",
        {"AOI": "0,200,0,95 [EPSG:4326]", "LIMIT": 5, "OUTPUT": "memory:"},
    )
    assert "Area of interest (extent): longitude 200 is outside −180…180" in message
    assert BARE not in message
    assert api_calls(capella_env) == []


def test_an_extent_across_the_antimeridian_is_searched_as_two_boxes(
    capella_env: Emulator,
) -> None:
    across = _search(AOI="170,-170,-10,10 [EPSG:4326]")
    (body,) = [r.json for r in api_calls(capella_env) if r.path == "/catalog/search"]
    assert "bbox" not in body
    parts = body["intersects"]["coordinates"]
    assert body["intersects"]["type"] == "MultiPolygon" and len(parts) == 2
    spans = sorted((min(p[0] for p in ring[0]), max(p[0] for p in ring[0])) for ring in parts)
    assert spans == [(-180, -170), (170, 180)]
    east = _search(AOI="170,180,-10,10 [EPSG:4326]")
    west = _search(AOI="-180,-170,-10,10 [EPSG:4326]")
    band = _search(AOI="-170,170,-10,10 [EPSG:4326]")
    assert across["NUMBER_MATCHED"] == east["NUMBER_MATCHED"] + west["NUMBER_MATCHED"]
    assert across["NUMBER_MATCHED"] < band["NUMBER_MATCHED"]  # not the band round the world


def test_a_bow_tie_reads_as_the_core_client_says(capella_env: Emulator) -> None:
    message = _refusal(
        "capella:searchcatalog", {"AOI_GEOMETRY": BOWTIE, "LIMIT": 5, "OUTPUT": "memory:"}
    )
    core = _core_refusal(
        capella_env,
        lambda c: c.catalog.search(intersects=BOWTIE_GEOJSON),
    )
    assert core.startswith("intersects: ")
    assert f"Area of interest (geometry, EPSG:4326): {core.split(': ', 1)[1]}" in message
    assert api_calls(capella_env) == []


# QGIS reads this WKT as a polygon whose ring is one point; shapely cannot (GEOSException).
UNREADABLE = "POLYGON((0 0"


@pytest.mark.parametrize(
    ("alg_id", "params", "field_label"),
    [
        (
            "capella:searchcatalog",
            {"AOI_GEOMETRY": UNREADABLE, "LIMIT": 5},
            "Area of interest (geometry, EPSG:4326)",
        ),
        (
            "capella:searchcatalog",
            {"AOI_LAYER": "unreadable", "LIMIT": 5},
            "Area of interest (layer)",
        ),
        ("capella:checkopportunities", {"AOI": UNREADABLE}, "Area of interest (point or polygon)"),
        (
            "capella:createtaskingrequest",
            {"INPUT": "unreadable", "NAME": "w", "CONFIRM": True},
            "w: Areas of interest (points or polygons)",
        ),
    ],
)
def test_an_unreadable_geometry_is_refused_under_its_label(
    capella_env: Emulator, alg_id: str, params: dict[str, Any], field_label: str
) -> None:
    # One guard where Processing turns every area into GeoJSON, for every algorithm alike.
    params = {
        **params,
        **{
            name: memory_layer("Polygon", [UNREADABLE])
            for name, value in params.items()
            if value == "unreadable"
        },
        "OUTPUT": "memory:",
    }
    reason = _refusal(alg_id, params).split("\n", 1)[-1]  # after "Unable to execute algorithm"
    assert re.fullmatch(
        rf"{re.escape(field_label)}: the geometry cannot be read \([^\n]+\); give a point or "
        "a polygon",
        reason,
    ), reason
    assert api_calls(capella_env) == []


def test_an_unknown_query_operator_is_refused_with_the_valid_ones(capella_env: Emulator) -> None:
    message = _refusal(
        "capella:searchcatalog",
        {"QUERY": '{"look_angle": {"foo": 3}}', "LIMIT": 5, "OUTPUT": "memory:"},
    )
    core = _core_refusal(capella_env, lambda c: c.catalog.search(look_angle={"foo": 3}))
    assert core == "look_angle: unknown operator 'foo'. Valid operators: eq, in, gt, gte, lt, lte"
    assert f"Advanced query (JSON): {core}" in message
    assert api_calls(capella_env) == []


@pytest.mark.parametrize(
    ("params", "core_kwargs", "field_label"),
    [
        ({"PRODUCT_TYPES": "FOO"}, {"product_type": "FOO"}, "Product types"),
        (
            {"START": "2024-02-01T00:00:00Z", "END": "2024-01-01T00:00:00Z"},
            {"datetime__gte": "2024-02-01T00:00:00Z", "datetime__lte": "2024-01-01T00:00:00Z"},
            "Acquired after (UTC) / Acquired before (UTC)",
        ),
        (
            {"LOOK_ANGLE": "40,10"},
            {"look_angle__gte": 40, "look_angle__lte": 10},
            "Look angle range (°)",
        ),
    ],
)
def test_the_same_mistake_reads_as_the_core_client_says(
    capella_env: Emulator, params: dict[str, Any], core_kwargs: dict[str, Any], field_label: str
) -> None:
    message = _refusal("capella:searchcatalog", {"LIMIT": 5, "OUTPUT": "memory:", **params})
    core = _core_refusal(capella_env, lambda c: c.catalog.search(**core_kwargs))
    field, body = core.split(": ", 1)
    assert field in core_kwargs or f"{field}__gte" in core_kwargs
    assert f"{field_label}: {body}" in message
    assert api_calls(capella_env) == []


def test_an_unpadded_start_date_is_accepted(capella_env: Emulator, tmp_path: Any) -> None:
    result = _search(START="2022-12-1", LIMIT=5)
    assert result["COUNT"] == 5
    (body,) = [r.json for r in api_calls(capella_env) if r.path == "/catalog/search"]
    assert body["query"]["datetime"] == {"gte": "2022-12-01T00:00:00.000Z"}


# --- tasking -------------------------------------------------------------------------------


def test_a_whole_world_polygon_is_not_tasked(capella_env: Emulator) -> None:
    with pytest.raises(QgsProcessingException) as info:
        _task(memory_layer("Polygon", [WORLD]))
    assert "w: Areas of interest (points or polygons): the area is" in str(info.value)
    assert "km² limit of a tasking request" in str(info.value)
    assert api_calls(capella_env) == []


def test_a_window_in_2001_is_not_tasked(capella_env: Emulator) -> None:
    with pytest.raises(QgsProcessingException) as info:
        _task(
            memory_layer("Polygon", [SQUARE]),
            WINDOW_OPEN="2001-01-01T00:00:00Z",
            WINDOW_CLOSE="2001-01-05T00:00:00Z",
        )
    assert "w: Window closes (UTC): 2001-01-05T00:00:00.000Z is in the past" in str(info.value)
    assert api_calls(capella_env) == []


def test_a_bow_tie_tasking_polygon_reads_as_the_core_client_says(capella_env: Emulator) -> None:
    with pytest.raises(QgsProcessingException) as info:
        _task(memory_layer("Polygon", [BOWTIE]))
    core = _core_refusal(
        capella_env,
        lambda c: c.tasking.create_tasking_request({"geometry": BOWTIE_GEOJSON, "name": "w"}),
    )
    assert core.startswith("geometry: ")
    body = core.split(": ", 1)[1]
    assert f"w: Areas of interest (points or polygons): {body}" in str(info.value)
    assert api_calls(capella_env) == []


def test_confirm_must_really_be_true(capella_env: Emulator) -> None:
    message = _refusal(
        "capella:createtaskingrequest",
        {
            "INPUT": memory_layer("Polygon", [SQUARE]),
            "NAME": "w",
            "CONFIRM": "maybe",
            "OUTPUT": "memory:",
        },
    )
    assert "I confirm that this spends money (CONFIRM): 'maybe' is not true or false" in message
    assert api_calls(capella_env) == []


def test_an_unknown_name_field_is_named(capella_env: Emulator) -> None:
    message = _refusal(
        "capella:createtaskingrequest",
        {
            "INPUT": memory_layer("Polygon", [SQUARE]),
            "NAME_FIELD": "nope",
            "CONFIRM": True,
            "OUTPUT": "memory:",
        },
    )
    assert "Name field (wins over NAME): the input layer has no field 'nope'" in message
    assert "choose one of label" in message
    assert api_calls(capella_env) == []


# --- every parameter of every algorithm: no bare "Incorrect parameter value" ---------------

# Values each parameter type must refuse with its label (QGIS said "Incorrect parameter value
# for X", or took the value as unset / true and sent the request).
BAD_VALUES = {
    "datetime": ["yesterday", "2022-13-01"],
    "enum": ["FOO"],
    "number": ["abc", -5, 1e9],
    "range": ["a,b", "1,2,3", "50,20"],
    "extent": ["garbage", "1,2,3"],
    "geometry": ["nonsense", "POLYGON(("],
    "boolean": ["maybe"],
    "source": ["/nonexistent/layer.gpkg"],
    "field": ["nope"],
}


def _bases(emulator: Emulator, tmp_path: Any) -> dict[str, dict[str, Any]]:
    polygons = memory_layer("Polygon", [SQUARE])
    found = run("capella:searchcatalog", {"LIMIT": 2, "OUTPUT": str(tmp_path / "fp.gpkg")})
    emulator.clear_requests()
    return {
        "capella:searchcatalog": {"LIMIT": 5, "OUTPUT": "memory:"},
        "capella:createtaskingrequest": {
            "INPUT": polygons,
            "NAME": "x",
            "CONFIRM": True,
            "OUTPUT": "memory:",
            "WINDOW_OPEN": "2030-01-01T00:00:00Z",
            "WINDOW_CLOSE": "2030-01-05T00:00:00Z",
        },
        "capella:createrepeatrequest": {
            "INPUT": polygons,
            "NAME": "x",
            "CONFIRM": True,
            "OUTPUT": "memory:",
            "REPEAT_START": "2030-01-01T00:00:00Z",
        },
        "capella:listtaskingrequests": {"OUTPUT": "memory:", "OUTPUT_POINTS": "memory:"},
        "capella:listrepeatrequests": {"OUTPUT": "memory:", "OUTPUT_POINTS": "memory:"},
        "capella:revieworder": {"INPUT": found["OUTPUT"], "OUTPUT": str(tmp_path / "r.html")},
        "capella:submitorder": {"INPUT": found["OUTPUT"], "CONFIRM": True},
        "capella:downloadproducts": {
            "ORDER_ID": "179d4c75-8830-4947-ba33-67d8994eabe5",
            "OUTPUT_FOLDER": str(tmp_path / "dl"),
        },
        "capella:checkopportunities": {"AOI": "POINT(10 10)", "OUTPUT": "memory:"},
        "capella:approvetaskingrequest": {"TASKING_REQUEST_ID": REQUEST_ID},
        "capella:retask": {"TASKING_REQUEST_ID": REQUEST_ID, "CONFIRM": True},
    }


def test_every_bad_value_names_its_label_and_sends_nothing(
    capella_env: Emulator, tmp_path: Any
) -> None:
    registry = QgsApplication.processingRegistry()
    checked: list[str] = []
    for alg_id, base in _bases(capella_env, tmp_path).items():
        alg = registry.algorithmById(alg_id)
        for definition in alg.parameterDefinitions():
            for value in BAD_VALUES.get(definition.type(), []):
                if value == 1e9 and definition.maximum() >= 1e300:
                    continue  # no upper bound (image width, window duration)
                case = f"{alg_id} {definition.name()}={value!r}"
                message = _refusal(alg_id, {**base, definition.name(): value})
                reason = message.split("\n", 1)[-1]
                assert BARE not in message, case
                assert reason.startswith(f"{definition.description()}: "), (case, message)
                assert api_calls(capella_env) == [], case
                checked.append(case)
    # Every Capella algorithm has such parameters; QGIS answered 97 of these bare.
    assert {c.split()[0] for c in checked} == set(_bases(capella_env, tmp_path))
    assert len(checked) >= 100


@pytest.mark.parametrize(
    ("alg_id", "params", "expected"),
    [
        (
            "capella:searchcatalog",
            {"START": "yesterday"},
            "Acquired after (UTC): 'yesterday' is not a date/time; use ISO 8601 like",
        ),
        (
            "capella:searchcatalog",
            {"PRODUCT_TYPES": ["GEO", "geoo"]},
            "Product types: 'geoo' is not a valid value; choose one of SLC, GEO",
        ),
        (
            "capella:searchcatalog",
            {"PRODUCT_TYPES": "geo"},
            "Product types: 'geo' is not a valid value; choose one of SLC, GEO, SICD, GEC, "
            "SIDD, CPHD, CSI, CSIDD, VC, VS, ACD (did you mean GEO?)",
        ),
        (
            "capella:searchcatalog",
            {"LIMIT": 20000},
            "Maximum number of results: 20000 is out of range; give a value from 1 to 10000",
        ),
        (
            "capella:searchcatalog",
            {"INCIDENCE_ANGLE": "50,20"},
            "Incidence angle range (°): the minimum (50) is larger than the maximum (20); swap",
        ),
        (
            "capella:listtaskingrequests",
            {"SUBMITTED_AFTER": "2024-02-01", "SUBMITTED_BEFORE": "2024-01-01"},
            "Submitted after (UTC) / Submitted before (UTC): the start (2024-02-01T00:00:00.000Z)"
            " is after the end (2024-01-01T00:00:00.000Z); swap them",
        ),
    ],
)
def test_refusals_say_what_to_fix(
    capella_env: Emulator, alg_id: str, params: dict[str, Any], expected: str
) -> None:
    base: dict[str, Any] = {"OUTPUT": "memory:"}
    if alg_id == "capella:listtaskingrequests":
        base["OUTPUT_POINTS"] = "memory:"
    message = _refusal(alg_id, {**base, **params})
    assert expected in message
    assert api_calls(capella_env) == []


def test_an_optional_number_that_is_no_number_is_not_sent_as_zero(capella_env: Emulator) -> None:
    message = _refusal(
        "capella:createtaskingrequest",
        {
            "INPUT": memory_layer("Polygon", [SQUARE]),
            "NAME": "w",
            "CONFIRM": True,
            "OFF_NADIR_MIN": "abc",
            "OUTPUT": "memory:",
        },
    )
    assert "Minimum off-nadir angle (°): 'abc' is not a number; give a number" in message
    assert api_calls(capella_env) == []
