"""Pure helpers of the tasking form: modes, local-time ranges, stack dates."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from typing import Optional, Union

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.enums import INSAR_ORBIT_INFO, InsarOrbit
from capella_qgis.core.workflows.tasking import KIND_REPEAT, KIND_TASKING

MODE_TASKING = "tasking"
MODE_REPEAT = "repeat"
MODE_INSAR = "insar"
MODES = (MODE_TASKING, MODE_REPEAT, MODE_INSAR)

CADENCE_UNTIL_CANCELLED = "until_cancelled"
CADENCE_END = "end"
CADENCE_COUNT = "count"

# How many dates of an open-ended stack are listed.
OPEN_ENDED_PREVIEW = 10
MAX_LISTED_DATES = 60

_RANGE_RE = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$")


def parse_local_time_ranges(text: str) -> list[list[int]]:
    """``"06:00-09:00, 18:00-24:00"`` → ``[[21600, 32400], [64800, 86400]]``."""
    parts = [p for p in re.split(r"[,;]", text or "") if p.strip()]
    if not parts:
        raise InputError("local_time: give at least one range like 06:00-18:00", field="local_time")
    ranges: list[list[int]] = []
    for part in parts:
        m = _RANGE_RE.match(part)
        if not m:
            raise InputError(
                f"local_time: {part.strip()!r} is not a range like 06:00-18:00",
                field="local_time",
            )
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if m1 > 59 or m2 > 59 or h1 > 24 or h2 > 24:
            raise InputError(
                f"local_time: {part.strip()!r} is not a valid time", field="local_time"
            )
        ranges.append([h1 * 3600 + m1 * 60, h2 * 3600 + m2 * 60])
    return ranges


def stack_dates(
    start: datetime,
    interval_days: float,
    *,
    end: Optional[datetime] = None,
    count: Optional[int] = None,
) -> tuple[list[datetime], bool]:
    """Planned acquisition starts and whether the list is open-ended (until cancelled)."""
    if interval_days <= 0:
        return [start], False
    step = timedelta(days=interval_days)
    dates: list[datetime] = []
    if count is not None:
        for i in range(min(count, MAX_LISTED_DATES)):
            dates.append(start + i * step)
        return dates, False
    if end is not None:
        current = start
        while current <= end and len(dates) < MAX_LISTED_DATES:
            dates.append(current)
            current += step
        return dates, False
    return [start + i * step for i in range(OPEN_ENDED_PREVIEW)], True


def insar_revisit_days(orbit: Union[InsarOrbit, str]) -> float:
    return INSAR_ORBIT_INFO[InsarOrbit(orbit)].revisit_days


def request_kind(mode: str) -> str:
    """The core request kind of a form mode (an InSAR stack is a repeat request)."""
    if mode == MODE_TASKING:
        return KIND_TASKING
    if mode in (MODE_REPEAT, MODE_INSAR):
        return KIND_REPEAT
    raise InputError(f"Unknown request mode {mode!r}")
