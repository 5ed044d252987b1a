"""The core client refuses bad input before any request: the emulator's log stays empty.

Regression tests of issue #13 (items 7 and 8): each case below used to reach the Console.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.payloads import RepeatRequestCreate, TaskingRequestCreate
from capella_qgis.core.search import query as query_module
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.core.timefmt import parse_utc
from capella_qgis.core.validation import SEARCH_OPERATORS, encode_json, validate_search_geometry
from tests.console_emulator import Emulator

BOWTIE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}
SMALL = {
    "type": "Polygon",
    "coordinates": [[[10, 10], [10.1, 10], [10.1, 10.1], [10, 10.1], [10, 10]]],
}
WORLD = {
    "type": "Polygon",
    "coordinates": [[[-180, -90], [180, -90], [180, 90], [-180, 90], [-180, -90]]],
}
NAN_POINT = {"type": "Point", "coordinates": [math.nan, 1.0]}


@pytest.fixture
def client(emulator: Emulator) -> Iterator[ConsoleClient]:
    console = ConsoleClient(Credential.api_key("demo"), base_url=emulator.url)
    emulator.clear_requests()
    try:
        yield console
    finally:
        console.close()


def _api_calls(emulator: Emulator) -> list[Any]:
    return [r for r in emulator.requests() if not r.path.startswith("/_emulator/")]


# --- catalog search ----------------------------------------------------------------------

SEARCH_BAD = [
    (
        "unknown-product-type",
        {"product_type": "FOO"},
        "product_type",
        "product_type: 'FOO' is not a valid value; choose one of SLC, GEO",
    ),
    (
        "bow-tie",
        {"intersects": BOWTIE},
        "intersects",
        "intersects: the polygon is invalid (Self-intersection near 0.50000, 0.50000); fix it",
    ),
    (
        "reversed-datetime",
        {"datetime__gte": "2024-02-01T00:00:00Z", "datetime__lte": "2024-01-01T00:00:00Z"},
        "datetime",
        "datetime: the start (2024-02-01T00:00:00.000Z) is after the end "
        "(2024-01-01T00:00:00.000Z); swap them",
    ),
    (
        "nan-coordinate",
        {"intersects": NAN_POINT},
        "intersects",
        "is not a pair of finite numbers (NaN or infinity)",
    ),
    (
        "operator-object",
        {"look_angle": {"foo": 3}},
        "look_angle",
        "look_angle: unknown operator 'foo'. Valid operators: eq, in, gt, gte, lt, lte",
    ),
    (
        "reversed-numbers",
        {"look_angle__gte": 40, "look_angle__lte": 10},
        "look_angle",
        "look_angle: the minimum (40) is larger than the maximum (10); swap them",
    ),
    (
        "band-round-the-world",
        {
            "intersects": {
                "type": "Polygon",
                "coordinates": [[[170, -10], [-170, -10], [-170, 10], [170, 10], [170, -10]]],
            }
        },
        "intersects",
        "crosses the antimeridian",
    ),
    ("nan-filter", {"look_angle__gte": math.nan}, "look_angle", "is not a finite number"),
]


@pytest.mark.parametrize(
    ("kwargs", "field", "snippet"), [c[1:] for c in SEARCH_BAD], ids=[c[0] for c in SEARCH_BAD]
)
def test_search_refuses_before_sending(
    client: ConsoleClient, emulator: Emulator, kwargs: dict, field: str, snippet: str
) -> None:
    with pytest.raises(InputError) as info:
        client.catalog.search(limit=5, **kwargs)
    assert info.value.field == field
    assert snippet in str(info.value)
    assert _api_calls(emulator) == []


def test_a_query_changed_after_it_was_built_is_checked_again(
    client: ConsoleClient, emulator: Emulator
) -> None:
    query = CatalogQuery(intersects=SMALL, limit=5)
    query.intersects = BOWTIE
    with pytest.raises(InputError, match="Self-intersection"):
        client.catalog.search(query)
    assert _api_calls(emulator) == []


def test_enum_values_are_sent_as_the_console_spells_them(
    client: ConsoleClient, emulator: Emulator
) -> None:
    client.catalog.search(limit=1, product_type=["geo", "Slc"], orbit_state="ASCENDING")
    (sent,) = [r.json for r in _api_calls(emulator) if r.path == "/catalog/search"]
    assert sent["query"]["sar:product_type"] == {"in": ["GEO", "SLC"]}
    assert sent["query"]["sat:orbit_state"] == {"eq": "ascending"}


def test_unpadded_dates_are_read_and_sent_padded(client: ConsoleClient, emulator: Emulator) -> None:
    client.catalog.search(limit=1, datetime__gte="2022-12-1")
    (sent,) = [r.json for r in _api_calls(emulator) if r.path == "/catalog/search"]
    assert sent["query"]["datetime"] == {"gte": "2022-12-01T00:00:00.000Z"}
    assert parse_utc("2022-1-9T08:30Z") == datetime(2022, 1, 9, 8, 30, tzinfo=timezone.utc)


def test_the_validator_owns_the_operator_list() -> None:
    assert query_module.OPERATORS is SEARCH_OPERATORS
    assert SEARCH_OPERATORS == ("eq", "in", "gt", "gte", "lt", "lte")


def test_search_geometry_across_the_antimeridian_is_split_on_request() -> None:
    band = {
        "type": "Polygon",
        "coordinates": [[[170, -10], [190, -10], [190, 10], [170, 10], [170, -10]]],
    }
    cut = validate_search_geometry(band, "AOI", split=True)
    assert cut["type"] == "MultiPolygon" and len(cut["coordinates"]) == 2
    xs = sorted({round(p[0]) for part in cut["coordinates"] for p in part[0]})
    assert xs == [-180, -170, 170, 180]


# --- nothing non-finite on the wire ---------------------------------------------------------


def test_a_raw_body_with_nan_is_refused_not_sent(client: ConsoleClient, emulator: Emulator) -> None:
    with pytest.raises(InputError) as info:
        client.catalog.fetch_page(None, {"bbox": [0, 0, math.inf, 1], "limit": 1})
    assert info.value.field == "bbox[2]"
    assert "NaN or infinite" in str(info.value) and "nothing was sent" in str(info.value)
    assert _api_calls(emulator) == []


def test_encode_json_refuses_nan_and_keeps_the_format() -> None:
    assert encode_json({"a": [1, 2.5]}) == b'{"a": [1, 2.5]}'
    with pytest.raises(InputError, match=r"intersects\.coordinates\[0\]: a number is NaN"):
        encode_json({"intersects": NAN_POINT})


# --- tasking -------------------------------------------------------------------------------


def _future(days: float) -> str:
    return (datetime.now(timezone.utc) + timedelta(days=days)).isoformat()


def test_a_request_changed_after_validation_is_validated_again(
    client: ConsoleClient, emulator: Emulator
) -> None:
    request = TaskingRequestCreate(geometry=SMALL, name="changed")
    request.geometry = BOWTIE  # pydantic does not check assignments
    with pytest.raises(InputError, match="Self-intersection") as info:
        client.tasking.create_tasking_request(request)
    assert info.value.field == "geometry"
    unchecked = TaskingRequestCreate.model_construct(geometry=BOWTIE, name="never validated")
    with pytest.raises(InputError, match="Self-intersection"):
        client.tasking.create_tasking_request(unchecked)
    assert _api_calls(emulator) == []


TASKING_BAD = [
    (
        "window-in-2001",
        {"window_open": "2001-01-01T00:00:00Z", "window_close": "2001-01-05T00:00:00Z"},
        "window_close",
        "window_close: 2001-01-05T00:00:00.000Z is in the past",
    ),
    ("whole-world", {"geometry": WORLD}, "geometry", "km² limit"),  # refused before #13 too
    ("bow-tie", {"geometry": BOWTIE}, "geometry", "the polygon is invalid (Self-intersection"),
]


@pytest.mark.parametrize(
    ("overrides", "field", "snippet"),
    [c[1:] for c in TASKING_BAD],
    ids=[c[0] for c in TASKING_BAD],
)
def test_tasking_refuses_before_sending(
    client: ConsoleClient, emulator: Emulator, overrides: dict, field: str, snippet: str
) -> None:
    with pytest.raises(InputError) as info:
        client.tasking.create_tasking_request({"geometry": SMALL, "name": "bad", **overrides})
    assert info.value.field == field
    assert snippet in str(info.value)
    assert _api_calls(emulator) == []


REPEAT_BAD = [
    ("end-in-the-past", {"repeat_start": "2001-01-01", "repeat_end": "2001-02-01"}, "repeat_end"),
    (
        "every-repetition-in-the-past",
        {"repeat_start": "2001-01-01", "repetition_count": 3},
        "repeat_start",
    ),
]


@pytest.mark.parametrize(
    ("overrides", "field"), [c[1:] for c in REPEAT_BAD], ids=[c[0] for c in REPEAT_BAD]
)
def test_repeat_requests_that_ended_are_refused(
    client: ConsoleClient, emulator: Emulator, overrides: dict, field: str
) -> None:
    with pytest.raises(InputError, match="in the past") as info:
        client.tasking.create_repeat_request({"geometry": SMALL, "name": "old", **overrides})
    assert info.value.field == field
    assert _api_calls(emulator) == []


def test_future_windows_are_still_sent(client: ConsoleClient, emulator: Emulator) -> None:
    created = client.tasking.create_tasking_request(
        {"geometry": SMALL, "name": "ok", "window_open": _future(1), "window_close": _future(3)}
    )
    repeat = client.tasking.create_repeat_request(
        RepeatRequestCreate(geometry=SMALL, name="ok", repeat_start="2001-01-01")
    )  # open-ended: its repetitions go on from now
    assert created.id and repeat.id
    posts = [r.path for r in _api_calls(emulator) if r.method == "POST"]
    assert posts == ["/task", "/repeat-requests"]
