"""core.validation: the one tasking validator, applied by ConsoleClient before anything is sent."""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any

import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.payloads import RepeatRequestCreate, TaskingRequestCreate
from capella_qgis.core.validation import (
    TASKING_MAX_AREA_KM2,
    check_number,
    validate_tasking_geometry,
)
from tests.console_emulator import Emulator

POINT = {"type": "Point", "coordinates": [12.5, 41.9]}
SMALL = {  # ~30 km² near Rome
    "type": "Polygon",
    "coordinates": [
        [[12.45, 41.88], [12.52, 41.88], [12.52, 41.93], [12.45, 41.93], [12.45, 41.88]]
    ],
}
BOWTIE = {
    "type": "Polygon",
    "coordinates": [[[10, 50], [10.1, 50.1], [10.1, 50], [10, 50.1], [10, 50]]],
}
NAN_POLYGON = {
    "type": "Polygon",
    "coordinates": [[[10, 50], [10.1, 50], [math.nan, 50.1], [10, 50.1], [10, 50]]],
}


def _ring(*points: tuple[float, float]) -> dict[str, Any]:
    return {"type": "Polygon", "coordinates": [[list(p) for p in points]]}


# (id, geometry, message fragment): everything the GUI form and Processing refuse.
BAD = [
    ("self-intersection", BOWTIE, "polygon is invalid (Self-intersection near 10.05000, 50.05000)"),
    ("nan-point", {"type": "Point", "coordinates": [math.nan, 50]}, "NaN or infinity"),
    ("nan-polygon", NAN_POLYGON, "NaN or infinity"),
    ("inf-point", {"type": "Point", "coordinates": [10, math.inf]}, "NaN or infinity"),
    ("bool", {"type": "Point", "coordinates": [True, 50]}, "expected [longitude, latitude]"),
    ("latitude", {"type": "Point", "coordinates": [10, 95]}, "outside WGS84"),
    ("projected", {"type": "Point", "coordinates": [500000, 4400000]}, "EPSG:4326"),
    (
        "antimeridian",
        _ring((179.9, 0), (-179.9, 0), (-179.9, 0.1), (179.9, 0.1), (179.9, 0)),
        "crosses the antimeridian",
    ),
    ("zero-area", _ring((10, 50), (10.1, 50), (10.2, 50), (10, 50)), "polygon is invalid"),
    ("too-large", _ring((0, 0), (5, 0), (5, 5), (0, 5), (0, 0)), "km² limit"),
    ("not-closed", _ring((0, 0), (0.1, 0), (0.1, 0.1), (0, 0.1)), "not closed"),
    ("short-ring", _ring((0, 0), (0.1, 0), (0, 0)), "at least 4 positions"),
    (
        "hole",
        {
            "type": "Polygon",
            "coordinates": [
                [[0, 0], [0.5, 0], [0.5, 0.5], [0, 0.5], [0, 0]],
                [[0.1, 0.1], [0.2, 0.1], [0.2, 0.2], [0.1, 0.1]],
            ],
        },
        "holes cannot be tasked",
    ),
    ("multipolygon", {"type": "MultiPolygon", "coordinates": []}, "MultiPolygon cannot be tasked"),
    ("line", {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}, "use a Point or a Polygon"),
    ("no-coordinates", {"type": "Polygon", "coordinates": []}, "has no coordinates"),
    ("not-geojson", "POLYGON((0 0, 1 0, 1 1, 0 0))", "not valid JSON"),
]


@pytest.mark.parametrize(("geometry", "snippet"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_tasking_geometries(geometry: Any, snippet: str) -> None:
    with pytest.raises(InputError) as info:
        validate_tasking_geometry(geometry)
    assert info.value.field == "geometry"  # callers map it to their label (INPUT, AOI)
    assert snippet in str(info.value)


def test_good_tasking_geometries_come_back_as_plain_dicts() -> None:
    assert validate_tasking_geometry(POINT) == POINT
    assert validate_tasking_geometry({"type": "Feature", "geometry": SMALL}) == SMALL
    edge = 0.85  # a square just under the limit at the equator (~8,900 km²)
    under = _ring((0, 0), (edge, 0), (edge, edge), (0, edge), (0, 0))
    assert validate_tasking_geometry(under)["type"] == "Polygon"
    assert TASKING_MAX_AREA_KM2 == 10_000.0


def test_the_payload_models_use_it() -> None:
    for model in (TaskingRequestCreate, RepeatRequestCreate):
        with pytest.raises(InputError, match="Self-intersection") as info:
            model(geometry=BOWTIE, name="x")
        assert info.value.field == "geometry"


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_numbers_must_be_finite(value: float) -> None:
    with pytest.raises(InputError, match="expected a finite number") as info:
        check_number(value, "off_nadir_min", minimum=0)
    assert info.value.field == "off_nadir_min"


# --- regression: ConsoleClient against the emulator sends nothing invalid -----------------


@pytest.fixture
def client(emulator: Emulator) -> Iterator[ConsoleClient]:
    console = ConsoleClient(Credential.api_key("demo"), base_url=emulator.url)
    try:
        yield console
    finally:
        console.close()


def _posts(emulator: Emulator) -> list[Any]:
    return [r for r in emulator.requests() if r.method == "POST"]


def _tasking(client: ConsoleClient) -> Any:
    """The tasking endpoints: ``client.tasking`` (endpoint groups) or the client itself."""
    return getattr(client, "tasking", client)


TR_BAD = [
    ("self-intersecting", {"geometry": BOWTIE}, "geometry", "Self-intersection"),
    ("nan", {"geometry": NAN_POLYGON}, "geometry", "NaN"),
    (
        "reversed-window",
        {"window_open": "2030-01-05T00:00:00Z", "window_close": "2030-01-01T00:00:00+02:00"},
        "window_close",
        "must be after window_open",
    ),
    ("nan-off-nadir", {"off_nadir_min": math.nan}, "off_nadir_min", "finite number"),
    ("unknown-enum", {"collection_tier": "7_day"}, "collection_tier", "choose one of"),
]


@pytest.mark.parametrize(
    ("overrides", "field", "snippet"), [c[1:] for c in TR_BAD], ids=[c[0] for c in TR_BAD]
)
def test_create_tasking_request_sends_nothing_invalid(
    client: ConsoleClient, emulator: Emulator, overrides: dict, field: str, snippet: str
) -> None:
    emulator.clear_requests()
    request = {"geometry": SMALL, "name": "bad input", **overrides}
    with pytest.raises(InputError) as info:
        _tasking(client).create_tasking_request(request)
    assert info.value.field == field
    assert snippet in str(info.value)
    assert _posts(emulator) == []


RR_BAD = [
    ("self-intersecting", {"geometry": BOWTIE}, "geometry"),
    ("nan", {"geometry": NAN_POLYGON}, "geometry"),
    # The repeat model once skipped every check it shared with the tasking model.
    ("line", {"geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]}}, "geometry"),
    ("blank-name", {"name": "   "}, "name"),
    ("blank-contract", {"contract_id": "  "}, "contract_id"),
    ("unknown-type", {"collection_type": "spotlight_mega"}, "collection_type"),
    (
        "reversed-repeat",
        {"repeat_start": "2030-01-05", "repeat_end": "2030-01-01"},
        "repeat_end",
    ),
]


@pytest.mark.parametrize(
    ("overrides", "field"), [c[1:] for c in RR_BAD], ids=[c[0] for c in RR_BAD]
)
def test_create_repeat_request_sends_nothing_invalid(
    client: ConsoleClient, emulator: Emulator, overrides: dict, field: str
) -> None:
    emulator.clear_requests()
    with pytest.raises(InputError) as info:
        _tasking(client).create_repeat_request(
            {"geometry": SMALL, "name": "bad input", **overrides}
        )
    assert info.value.field == field
    assert _posts(emulator) == []


def test_a_valid_polygon_is_sent(client: ConsoleClient, emulator: Emulator) -> None:
    emulator.clear_requests()
    created = _tasking(client).create_tasking_request({"geometry": SMALL, "name": "fine"})
    assert created.id
    posts = [r for r in _posts(emulator) if r.path == "/task"]
    assert len(posts) == 1 and posts[0].json["geometry"] == SMALL
