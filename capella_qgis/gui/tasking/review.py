"""The tasking form's review, in words: what will be asked of the Console, row by row.

Read from the validated request model (the JSON body is made from the same model), so the
readable summary and the body cannot disagree. Messages are translated in the dialog's context
("TaskingDialog").
"""

from __future__ import annotations

import html
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Optional

from qgis.PyQt.QtCore import QCoreApplication

from capella_qgis.gui.tasking.timetext import when

# The payload models load pydantic: imported where used, type hints only here (#20).
if TYPE_CHECKING:
    from capella_qgis.core.workflows.tasking import Request

ReviewRow = tuple[str, str]


def _t(text: str) -> str:
    return QCoreApplication.translate("TaskingDialog", text)


def duration_text(span: timedelta) -> str:
    """``7 days``, ``1 day 6 h``, ``5 h 30 min``."""
    minutes = round(span.total_seconds() / 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(_t("{n} days").format(n=days) if days != 1 else _t("1 day"))
    if hours:
        parts.append(_t("{n} h").format(n=hours))
    if mins and not days:
        parts.append(_t("{n} min").format(n=mins))
    return " ".join(parts) or _t("0 min")


def _range(low: Optional[float], high: Optional[float], unit: str = "°") -> str:
    if low is not None and high is not None:
        return f"{low:g}–{high:g}{unit}"
    if low is not None:
        return f"≥ {low:g}{unit}"
    return f"≤ {high:g}{unit}"


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def constraint_parts(request: Request) -> list[str]:
    """The collect constraints that narrow the request, in words (empty: none)."""
    from capella_qgis.core.models.enums import LocalTimeOption

    parts: list[str] = []
    if request.look_direction.value != "either":
        side = {"left": _t("looking left"), "right": _t("looking right")}
        parts.append(side.get(request.look_direction.value, request.look_direction.value))
    if request.asc_dsc.value != "either":
        orbit = {"ascending": _t("ascending passes"), "descending": _t("descending passes")}
        parts.append(orbit.get(request.asc_dsc.value, request.asc_dsc.value))
    if request.orbital_planes:
        planes = ", ".join(f"{int(p)}°" for p in request.orbital_planes)
        parts.append(_t("orbital planes {planes}").format(planes=planes))
    if request.off_nadir_min is not None or request.off_nadir_max is not None:
        off_nadir = _range(request.off_nadir_min, request.off_nadir_max)
        parts.append(_t("off-nadir {range}").format(range=off_nadir))
    if request.azimuth_angle_min is not None and request.azimuth_angle_max is not None:
        azimuth = _range(request.azimuth_angle_min, request.azimuth_angle_max)
        parts.append(_t("azimuth {range}").format(range=azimuth))
    local = request.local_time
    if isinstance(local, LocalTimeOption):
        if local is not LocalTimeOption.anytime:
            words = {"day": _t("daytime"), "night": _t("night-time")}
            parts.append(_t("local time: {when}").format(when=words.get(local.value, local.value)))
    elif local:
        ranges = ", ".join(f"{_clock(a)}–{_clock(b)}" for a, b in local)
        parts.append(_t("local time {ranges}").format(ranges=ranges))
    if request.image_width is not None:
        parts.append(_t("image width {width:g} m").format(width=request.image_width))
    if request.polarization is not None:
        parts.append(_t("polarization {p}").format(p=request.polarization.value))
    squint = request.squint or request.default_squint()
    text = _t("squint {mode}").format(mode=squint.value)
    if request.squint is None:
        text += " " + _t("(default)")
    if request.max_squint_angle is not None:
        text += ", " + _t("at most {angle:g}°").format(angle=request.max_squint_angle)
    parts.append(text)
    return parts


def _repetition(request: Any) -> list[ReviewRow]:
    rows: list[ReviewRow] = []
    # The interval the body sends; the planned dates below the table are the preview's.
    every = _t("every {days:g} days").format(days=request.repetition_interval)
    if request.insar_orbit is not None:
        every += " " + _t("(InSAR orbit {orbit})").format(orbit=request.insar_orbit.value)
    if request.repeat_end is not None:
        until = _t("until {end}").format(end=when(request.repeat_end))
    elif request.repetition_count is not None:
        until = _t("{n} times").format(n=request.repetition_count)
    else:
        until = _t("until cancelled")
    rows.append(
        (
            _t("Repetition"),
            _t("from {start}, {every}, {until}").format(
                start=when(request.repeat_start), every=every, until=until
            ),
        )
    )
    if request.window_duration:
        rows.append((_t("Each window"), duration_text(timedelta(seconds=request.window_duration))))
    return rows


def review_rows(request: Request, *, mode: str, aoi: str) -> list[ReviewRow]:
    """(label, value) rows of the review, in the order a user checks them."""
    from capella_qgis.core.models.payloads import RepeatRequestCreate

    rows: list[ReviewRow] = [(_t("Mode"), mode), (_t("Name"), request.name)]
    if request.description:
        rows.append((_t("Description"), request.description))
    rows.append((_t("Area of interest"), aoi))
    if isinstance(request, RepeatRequestCreate):
        rows += _repetition(request)
    elif request.window_open is not None and request.window_close is not None:
        window = _t("{open} → {close} ({duration})").format(
            open=when(request.window_open),
            close=when(request.window_close),
            duration=duration_text(request.window_close - request.window_open),
        )
        rows.append((_t("Window"), window))
    rows.append(
        (
            _t("Collection"),
            _t("{tier} tier, {type}").format(
                tier=request.collection_tier.value, type=request.collection_type.value
            ),
        )
    )
    products = ", ".join(p.value for p in request.product_types or [])
    rows.append((_t("Products"), products or _t("the Console's default")))
    parts = constraint_parts(request)
    rows.append((_t("Constraints"), "; ".join(parts)))
    rows.append((_t("Archive holdback"), request.archive_holdback.value))
    rows.append((_t("Contract"), request.contract_id or _t("the organization's default")))
    if not isinstance(request, RepeatRequestCreate):
        rows.append(
            (
                _t("Pre-approval"),
                _t("yes: collected without a cost review")
                if request.pre_approval
                else _t("no: the Console estimates the cost and waits for your approval"),
            )
        )
    for label, value in (
        (_t("Custom attribute 1"), request.custom_attribute_1),
        (_t("Custom attribute 2"), request.custom_attribute_2),
    ):
        if value:
            rows.append((label, value))
    return rows


def review_html(rows: list[ReviewRow]) -> str:
    """The rows as a two-column table (values escaped: names are user text)."""
    cells = "".join(
        f'<tr><td style="padding:2px 12px 2px 0;"><b>{html.escape(label)}</b></td>'
        f'<td style="padding:2px 0;">{html.escape(value)}</td></tr>'
        for label, value in rows
    )
    return f"<table>{cells}</table>"


def review_plain(rows: list[ReviewRow]) -> str:
    return "\n".join(f"{label}: {value}" for label, value in rows)
