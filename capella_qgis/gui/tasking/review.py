"""The tasking form's review, in words: what will be asked of the Console, row by row.

Read from the validated request model (the JSON body is made from the same model), so the
readable summary and the body cannot disagree. Messages are translated in the dialog's context
("TaskingDialog"), each ``QCoreApplication.translate`` call written out with its literal so
pylupdate5 extracts it (it cannot see through a wrapper function).
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


def duration_text(span: timedelta) -> str:
    """``7 days``, ``1 day 6 h``, ``5 h 30 min``."""
    minutes = round(span.total_seconds() / 60)
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = []
    if days:
        parts.append(
            QCoreApplication.translate("TaskingDialog", "{n} days").format(n=days)
            if days != 1
            else QCoreApplication.translate("TaskingDialog", "1 day")
        )
    if hours:
        parts.append(QCoreApplication.translate("TaskingDialog", "{n} h").format(n=hours))
    if mins and not days:
        parts.append(QCoreApplication.translate("TaskingDialog", "{n} min").format(n=mins))
    return " ".join(parts) or QCoreApplication.translate("TaskingDialog", "0 min")


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
        side = {
            "left": QCoreApplication.translate("TaskingDialog", "looking left"),
            "right": QCoreApplication.translate("TaskingDialog", "looking right"),
        }
        parts.append(side.get(request.look_direction.value, request.look_direction.value))
    if request.asc_dsc.value != "either":
        orbit = {
            "ascending": QCoreApplication.translate("TaskingDialog", "ascending passes"),
            "descending": QCoreApplication.translate("TaskingDialog", "descending passes"),
        }
        parts.append(orbit.get(request.asc_dsc.value, request.asc_dsc.value))
    if request.orbital_planes:
        planes = ", ".join(f"{int(p)}°" for p in request.orbital_planes)
        parts.append(
            QCoreApplication.translate("TaskingDialog", "orbital planes {planes}").format(
                planes=planes
            )
        )
    if request.off_nadir_min is not None or request.off_nadir_max is not None:
        off_nadir = _range(request.off_nadir_min, request.off_nadir_max)
        parts.append(
            QCoreApplication.translate("TaskingDialog", "off-nadir {range}").format(range=off_nadir)
        )
    if request.azimuth_angle_min is not None and request.azimuth_angle_max is not None:
        azimuth = _range(request.azimuth_angle_min, request.azimuth_angle_max)
        parts.append(
            QCoreApplication.translate("TaskingDialog", "azimuth {range}").format(range=azimuth)
        )
    local = request.local_time
    if isinstance(local, LocalTimeOption):
        if local is not LocalTimeOption.anytime:
            words = {
                "day": QCoreApplication.translate("TaskingDialog", "daytime"),
                "night": QCoreApplication.translate("TaskingDialog", "night-time"),
            }
            parts.append(
                QCoreApplication.translate("TaskingDialog", "local time: {when}").format(
                    when=words.get(local.value, local.value)
                )
            )
    elif local:
        ranges = ", ".join(f"{_clock(a)}–{_clock(b)}" for a, b in local)
        parts.append(
            QCoreApplication.translate("TaskingDialog", "local time {ranges}").format(ranges=ranges)
        )
    if request.image_width is not None:
        parts.append(
            QCoreApplication.translate("TaskingDialog", "image width {width:g} m").format(
                width=request.image_width
            )
        )
    if request.polarization is not None:
        parts.append(
            QCoreApplication.translate("TaskingDialog", "polarization {p}").format(
                p=request.polarization.value
            )
        )
    squint = request.squint or request.default_squint()
    text = QCoreApplication.translate("TaskingDialog", "squint {mode}").format(mode=squint.value)
    if request.squint is None:
        text += " " + QCoreApplication.translate("TaskingDialog", "(default)")
    if request.max_squint_angle is not None:
        text += ", " + QCoreApplication.translate("TaskingDialog", "at most {angle:g}°").format(
            angle=request.max_squint_angle
        )
    parts.append(text)
    return parts


def _repetition(request: Any) -> list[ReviewRow]:
    rows: list[ReviewRow] = []
    # The interval the body sends; the planned dates below the table are the preview's.
    every = QCoreApplication.translate("TaskingDialog", "every {days:g} days").format(
        days=request.repetition_interval
    )
    if request.insar_orbit is not None:
        every += " " + QCoreApplication.translate("TaskingDialog", "(InSAR orbit {orbit})").format(
            orbit=request.insar_orbit.value
        )
    if request.repeat_end is not None:
        until = QCoreApplication.translate("TaskingDialog", "until {end}").format(
            end=when(request.repeat_end)
        )
    elif request.repetition_count is not None:
        until = QCoreApplication.translate("TaskingDialog", "{n} times").format(
            n=request.repetition_count
        )
    else:
        until = QCoreApplication.translate("TaskingDialog", "until cancelled")
    rows.append(
        (
            QCoreApplication.translate("TaskingDialog", "Repetition"),
            QCoreApplication.translate("TaskingDialog", "from {start}, {every}, {until}").format(
                start=when(request.repeat_start), every=every, until=until
            ),
        )
    )
    if request.window_duration:
        rows.append(
            (
                QCoreApplication.translate("TaskingDialog", "Each window"),
                duration_text(timedelta(seconds=request.window_duration)),
            )
        )
    return rows


def review_rows(request: Request, *, mode: str, aoi: str) -> list[ReviewRow]:
    """(label, value) rows of the review, in the order a user checks them."""
    from capella_qgis.core.models.payloads import RepeatRequestCreate

    rows: list[ReviewRow] = [
        (QCoreApplication.translate("TaskingDialog", "Mode"), mode),
        (QCoreApplication.translate("TaskingDialog", "Name"), request.name),
    ]
    if request.description:
        rows.append(
            (QCoreApplication.translate("TaskingDialog", "Description"), request.description)
        )
    rows.append((QCoreApplication.translate("TaskingDialog", "Area of interest"), aoi))
    if isinstance(request, RepeatRequestCreate):
        rows += _repetition(request)
    elif request.window_open is not None and request.window_close is not None:
        window = QCoreApplication.translate(
            "TaskingDialog", "{open} → {close} ({duration})"
        ).format(
            open=when(request.window_open),
            close=when(request.window_close),
            duration=duration_text(request.window_close - request.window_open),
        )
        rows.append((QCoreApplication.translate("TaskingDialog", "Window"), window))
    rows.append(
        (
            QCoreApplication.translate("TaskingDialog", "Collection"),
            QCoreApplication.translate("TaskingDialog", "{tier} tier, {type}").format(
                tier=request.collection_tier.value, type=request.collection_type.value
            ),
        )
    )
    products = ", ".join(p.value for p in request.product_types or [])
    rows.append(
        (
            QCoreApplication.translate("TaskingDialog", "Products"),
            products or QCoreApplication.translate("TaskingDialog", "the Console's default"),
        )
    )
    parts = constraint_parts(request)
    rows.append((QCoreApplication.translate("TaskingDialog", "Constraints"), "; ".join(parts)))
    rows.append(
        (
            QCoreApplication.translate("TaskingDialog", "Archive holdback"),
            request.archive_holdback.value,
        )
    )
    rows.append(
        (
            QCoreApplication.translate("TaskingDialog", "Contract"),
            request.contract_id
            or QCoreApplication.translate("TaskingDialog", "the organization's default"),
        )
    )
    if not isinstance(request, RepeatRequestCreate):
        # Each call on one line or hanging: pylupdate5 drops a call with a trailing comma.
        if request.pre_approval:
            approval = QCoreApplication.translate(
                "TaskingDialog", "yes: collected without a cost review"
            )
        else:
            approval = QCoreApplication.translate(
                "TaskingDialog", "no: the Console estimates the cost and waits for your approval"
            )
        rows.append((QCoreApplication.translate("TaskingDialog", "Pre-approval"), approval))
    for label, value in (
        (
            QCoreApplication.translate("TaskingDialog", "Custom attribute 1"),
            request.custom_attribute_1,
        ),
        (
            QCoreApplication.translate("TaskingDialog", "Custom attribute 2"),
            request.custom_attribute_2,
        ),
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
