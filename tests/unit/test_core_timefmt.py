"""core.timefmt: the one timestamp parser (any offset → UTC) and the Console's wire form."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest

from capella_qgis.core.api.request_filters import _TR_FILTERS, encode_request_filters
from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.payloads import TaskingRequestCreate
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.core.timefmt import UTC, format_utc, parse_utc, to_utc

NOON = datetime(2026, 5, 1, 12, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(
    "text",
    [
        "2026-05-01T12:00:00Z",
        "2026-05-01T12:00:00z",
        "2026-05-01t12:00:00Z",
        "2026-05-01 12:00:00Z",
        "2026-05-01T12:00Z",
        "2026-05-01T12:00:00+00:00",
        "2026-05-01T14:00:00+02:00",
        "2026-05-01T14:00:00+0200",
        "2026-05-01T14:00:00+02",
        "2026-05-01T06:30:00-05:30",
        "2026-05-01T06:30:00-0530",
        "2026-05-01T12:00:00",  # no offset: UTC
        "  2026-05-01T12:00:00Z  ",
    ],
)
def test_every_spelling_of_the_same_instant(text: str) -> None:
    parsed = parse_utc(text)
    assert parsed == NOON
    assert parsed.tzinfo is UTC  # converted, never just labelled
    assert format_utc(text) == "2026-05-01T12:00:00.000Z"


def test_offsets_are_converted_across_the_date_line() -> None:
    assert format_utc("2026-05-01T01:00:00+02:00") == "2026-04-30T23:00:00.000Z"
    assert format_utc("2026-04-30T20:00:00-05:30") == "2026-05-01T01:30:00.000Z"


@pytest.mark.parametrize(
    ("text", "microsecond", "wire"),
    [
        ("2026-05-01T12:00:00.5Z", 500000, "2026-05-01T12:00:00.500Z"),
        ("2026-05-01T12:00:00,25Z", 250000, "2026-05-01T12:00:00.250Z"),
        ("2026-05-01T12:00:00.123Z", 123000, "2026-05-01T12:00:00.123Z"),
        ("2026-05-01T12:00:00.123456Z", 123456, "2026-05-01T12:00:00.123Z"),
        # Beyond microseconds the digits are dropped; the wire form truncates to ms.
        ("2026-05-01T12:00:00.9999999Z", 999999, "2026-05-01T12:00:00.999Z"),
        ("2026-05-01T14:00:00.75+02:00", 750000, "2026-05-01T12:00:00.750Z"),
    ],
)
def test_fractional_seconds(text: str, microsecond: int, wire: str) -> None:
    assert parse_utc(text) == NOON.replace(microsecond=microsecond)
    assert format_utc(text) == wire


def test_naive_values_are_utc_never_local_time() -> None:
    assert parse_utc(datetime(2026, 5, 1, 12, 0)) == NOON
    assert to_utc(datetime(2026, 5, 1, 12, 0)) == NOON
    assert format_utc(datetime(2026, 5, 1, 12, 0)) == "2026-05-01T12:00:00.000Z"


def test_aware_datetimes_are_converted() -> None:
    local = datetime(2026, 5, 1, 14, 0, tzinfo=timezone(timedelta(hours=2)))
    assert parse_utc(local) == NOON and parse_utc(local).tzinfo is UTC
    assert to_utc(NOON) is NOON  # already UTC: untouched


def test_dates_alone_are_midnight_utc_unless_refused() -> None:
    midnight = datetime(2026, 5, 1, tzinfo=timezone.utc)
    assert parse_utc("2026-05-01") == midnight
    assert parse_utc(date(2026, 5, 1)) == midnight
    assert format_utc(date(2026, 5, 1)) == "2026-05-01T00:00:00.000Z"
    with pytest.raises(InputError, match="no time of day"):
        parse_utc("2026-05-01", "repeat_start", allow_date=False)
    with pytest.raises(InputError, match="no time of day"):
        parse_utc(date(2026, 5, 1), allow_date=False)


@pytest.mark.parametrize(
    ("value", "snippet"),
    [
        ("next week", "is not a date/time; use ISO 8601 like"),
        ("", "is not a date/time"),
        ("2026-5", "is not a date/time"),  # unpadded "2026-5-1" is fine: the SDK writes it
        ("2026-05-01T12:00:00 CEST", "is not a date/time"),
        ("2026-05-01T12:00:00+2", "is not a date/time"),
        ("20260501T120000Z", "is not a date/time"),  # basic format: not accepted anywhere
        ("2026-02-30", "is not a valid date/time (day is out of range for month)"),
        ("2026-05-01T24:00:00Z", "is not a valid date/time"),
        ("2026-05-01T12:60:00Z", "is not a valid date/time"),
        ("2026-05-01T12:00:00+24:00", "bad time zone offset"),
        ("2026-05-01T12:00:00+02:60", "bad time zone offset"),
        ("0001-01-01T00:30:00+01:00", "is out of range"),
        ("9999-12-31T23:00:00-02:00", "is out of range"),
        (1714564800, "expected a date/time (datetime or ISO 8601 text), got int"),
        (None, "got NoneType"),
    ],
)
def test_invalid_values_raise_a_clear_input_error(value: object, snippet: str) -> None:
    with pytest.raises(InputError) as info:
        parse_utc(value, "window_open")
    assert info.value.field == "window_open"
    assert str(info.value).startswith("window_open: ")
    assert snippet in str(info.value)


def test_wire_form_is_kept_as_it_is() -> None:
    text = "2026-05-01T12:00:00.123Z"
    assert format_utc(text) is text  # the footprint rows' fast path: no parsing, no copy


@pytest.mark.parametrize("text", ["2026-02-30T12:00:00.000Z", "2026-05-01T25:00:00.000Z"])
def test_wire_form_shape_with_an_impossible_date_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="not a valid date/time"):
        format_utc(text, "datetime")


def test_wire_form_pads_early_years() -> None:
    assert format_utc(datetime(987, 1, 2, 3, 4, 5, 6000)) == "0987-01-02T03:04:05.006Z"


def test_every_core_caller_writes_the_same_wire_form() -> None:
    """Search filters, request filters and payloads all go through format_utc."""
    given = "2026-05-01T14:00:00.5+02:00"
    wire = "2026-05-01T12:00:00.500Z"
    assert CatalogQuery.from_kwargs(datetime__gte=given).query["datetime"] == {"gte": wire}
    assert encode_request_filters({"window_open__gte": given}, _TR_FILTERS) == {
        "windowOpen": {"gte": wire}
    }
    tr = TaskingRequestCreate(
        geometry={"type": "Point", "coordinates": [1, 2]},
        name="x",
        window_open=given,
        window_close="2026-05-02",
    )
    assert tr.to_payload()["properties"]["windowOpen"] == wire
    assert tr.to_payload()["properties"]["windowClose"] == "2026-05-02T00:00:00.000Z"
