"""The one ISO 8601 timestamp parser (any offset → UTC) and the Console's wire form."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from typing import Any

from capella_qgis.core.exceptions import InputError

__all__ = ["UTC", "format_utc", "parse_utc", "to_utc"]

UTC = timezone.utc
# Date, optional time (minutes, seconds, any fraction), optional offset. The offset is also
# accepted after a bare date (read as that date's midnight there), as the old parser did.
# Month and day may be unpadded ("2022-12-1"): the SDK's own documentation writes them so.
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[Tt ](?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:[.,](?P<f>\d+))?)?)?"
    r"\s*(?P<tz>[Zz]|[+-]\d{2}(?::?\d{2})?)?"
)
_EXAMPLE = "use ISO 8601 like 2026-05-01, 2026-05-01T12:00:00Z or 2026-05-01T14:00:00+02:00"


def to_utc(value: datetime) -> datetime:
    """``value`` as an aware UTC datetime: offsets are converted, a naive value is UTC."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value if value.tzinfo is UTC else value.astimezone(UTC)


# Offsets seen so far ("+02:00" → 2 h); a feed uses a handful, and building them is the slow part.
_OFFSETS: dict[str, timedelta] = {"Z": timedelta(0), "z": timedelta(0)}


def _offset(text: str, value: str, what: str) -> timedelta:
    known = _OFFSETS.get(text)
    if known is not None:
        return known
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
    if hours > 23 or minutes > 59:
        raise InputError(f"{what}: bad time zone offset in {value!r}", field=what)
    offset = timedelta(hours=hours, minutes=minutes) * (1 if text[0] == "+" else -1)
    if len(_OFFSETS) < 256:
        _OFFSETS[text] = offset
    return offset


def _parse_text(value: str, what: str, allow_date: bool) -> datetime:
    """ISO 8601 text as a naive datetime in UTC (the offset already subtracted)."""
    match = _ISO.fullmatch(value.strip())
    if match is None:
        raise InputError(f"{what}: {value!r} is not a date/time; {_EXAMPLE}", field=what)
    year, month, day, hour, minute, second, fraction, tz = match.groups()
    if hour is None and not allow_date:
        raise InputError(
            f"{what}: {value!r} has no time of day; give one, like 2026-05-01T12:00:00Z",
            field=what,
        )
    micro = int(fraction[:6].ljust(6, "0")) if fraction else 0  # beyond µs: truncated
    try:
        parsed = datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            micro,
        )
        return parsed - _offset(tz, value, what) if tz else parsed
    except ValueError as exc:
        raise InputError(f"{what}: {value!r} is not a valid date/time ({exc})", field=what) from exc
    except OverflowError as exc:  # an offset pushing year 1 or 9999 over the edge
        raise InputError(f"{what}: {value!r} is out of range ({exc})", field=what) from exc


def parse_utc(value: Any, what: str = "date", *, allow_date: bool = True) -> datetime:
    """A datetime, date or ISO 8601 text as an aware UTC datetime (InputError naming ``what``).

    The date's month and day may be unpadded (``2022-12-1``). Text may use ``T``/``t`` or a
    space before the time, omit the seconds, carry any number of fractional digits (``.`` or
    ``,``; kept to the microsecond) and end in ``Z`` or an offset (``+02:00``, ``-0530``,
    ``+02``), which is converted to UTC. A value without an offset (naive datetime or text) is
    UTC, never local time. A date alone is its midnight UTC unless ``allow_date`` is False.
    """
    if isinstance(value, datetime):
        return to_utc(value)
    if isinstance(value, date):
        if not allow_date:
            raise InputError(f"{what}: {value} has no time of day", field=what)
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        return _parse_text(value, what, allow_date).replace(tzinfo=UTC)
    raise InputError(
        f"{what}: expected a date/time (datetime or ISO 8601 text), got {type(value).__name__}",
        field=what,
    )


def _is_wire_form(value: str) -> bool:
    """``YYYY-MM-DDTHH:MM:SS.mmmZ`` by shape (the calendar is checked by the caller)."""
    return (
        len(value) == 24
        and value[23] == "Z"
        and value[19] == "."
        and value[10] == "T"
        and value[4] == "-"
        and value[7] == "-"
        and value[13] == ":"
        and value[16] == ":"
        and value[20:23].isdigit()
    )


def format_utc(value: Any, what: str = "date") -> str:
    """The Console's wire form ``YYYY-MM-DDTHH:MM:SS.mmmZ`` (UTC, milliseconds truncated).

    Accepts whatever :func:`parse_utc` accepts. Text already in the wire form is returned as
    it is once its date and time are known to exist (the footprint rows' fast path).
    """
    if type(value) is str and _is_wire_form(value):
        try:
            datetime.fromisoformat(value[:19])  # a real calendar date and time of day
        except ValueError:
            pass  # parse_utc below raises the InputError that names the problem
        else:
            return value
    if isinstance(value, str):
        parsed = _parse_text(value, what, True)  # already naive UTC: no time zone objects
    else:
        parsed = parse_utc(value, what).replace(tzinfo=None)
    return parsed.isoformat(timespec="milliseconds") + "Z"
