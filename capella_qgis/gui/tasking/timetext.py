"""Times as the tasking views show them: the user's local time first, UTC beside it."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Optional

from capella_qgis.core.timefmt import to_utc


def when(value: Optional[datetime]) -> str:
    """``2026-05-03 14:00 CEST (12:00 UTC)``; ``2026-05-03 12:00 UTC`` when local is UTC."""
    if value is None:
        return "-"
    utc = to_utc(value)
    local = utc.astimezone()
    if local.utcoffset() == timedelta(0):
        return f"{utc:%Y-%m-%d %H:%M} UTC"
    zone = local.tzname() or local.strftime("UTC%z")
    utc_text = f"{utc:%H:%M}" if local.date() == utc.date() else f"{utc:%Y-%m-%d %H:%M}"
    return f"{local:%Y-%m-%d %H:%M} {zone} ({utc_text} UTC)"
