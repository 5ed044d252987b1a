"""Pure helpers of the tasking form: modes and local-time ranges."""

from __future__ import annotations

import re

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.workflows.tasking import KIND_REPEAT, KIND_TASKING

MODE_TASKING = "tasking"
MODE_REPEAT = "repeat"
MODE_INSAR = "insar"
MODES = (MODE_TASKING, MODE_REPEAT, MODE_INSAR)

CADENCE_UNTIL_CANCELLED = "until_cancelled"
CADENCE_END = "end"
CADENCE_COUNT = "count"

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


def request_kind(mode: str) -> str:
    """The core request kind of a form mode (an InSAR stack is a repeat request)."""
    if mode == MODE_TASKING:
        return KIND_TASKING
    if mode in (MODE_REPEAT, MODE_INSAR):
        return KIND_REPEAT
    raise InputError(f"Unknown request mode {mode!r}")
