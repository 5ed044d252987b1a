"""Catalog filter definitions (real enum values) and the small parsers used by the filter form."""

from __future__ import annotations

from typing import Any, Optional

from capella_qgis.core.models.enums import (
    CatalogPolarization,
    CollectionType,
    FrequencyBand,
    ImageFormationAlgorithm,
    InstrumentMode,
    ObservationDirection,
    OrbitalPlane,
    OrbitState,
    ProductType,
)
from capella_qgis.toolbelt.compat import QT_TRANSLATE_NOOP, tr

ANY = "either"  # the enum value meaning "no filter" for look direction / orbit state
DATE_PRESETS = ("any", "7", "30", "365", "custom")


def values_of(enum_cls: Any, skip: tuple[str, ...] = (ANY,)) -> list[str]:
    return [str(m.value) for m in enum_cls if str(m.value) not in skip]


# Labels are marked for pylupdate5 and translated by the filter form (SearchFiltersWidget).
# (short name, label, values); multi-select enum filters sent as {"in": [...]}.
COMMON_ENUMS = (
    (
        "product_type",
        QT_TRANSLATE_NOOP("SearchFiltersWidget", "Product type"),
        values_of(ProductType),
    ),
    (
        "instrument_mode",
        QT_TRANSLATE_NOOP("SearchFiltersWidget", "Instrument mode"),
        values_of(InstrumentMode),
    ),
    (
        "polarizations",
        QT_TRANSLATE_NOOP("SearchFiltersWidget", "Polarization"),
        values_of(CatalogPolarization),
    ),
    (
        "observation_direction",
        QT_TRANSLATE_NOOP("SearchFiltersWidget", "Look direction"),
        values_of(ObservationDirection),
    ),
    ("orbit_state", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Orbit state"), values_of(OrbitState)),
)
ADVANCED_ENUMS = (
    (
        "orbital_plane",
        QT_TRANSLATE_NOOP("SearchFiltersWidget", "Orbital plane"),
        values_of(OrbitalPlane),
    ),
    (
        "collection_type",
        QT_TRANSLATE_NOOP("SearchFiltersWidget", "Collection type"),
        values_of(CollectionType),
    ),
    (
        "frequency_band",
        QT_TRANSLATE_NOOP("SearchFiltersWidget", "Frequency band"),
        values_of(FrequencyBand),
    ),
    (
        "image_formation_algorithm",
        QT_TRANSLATE_NOOP("SearchFiltersWidget", "Image formation"),
        values_of(ImageFormationAlgorithm),
    ),
)
INT_ENUMS = {"orbital_plane"}
# (short name, label, lowest, highest) numeric ranges sent as {"gte": a, "lte": b}.
RangeSpec = tuple[str, str, Optional[float], Optional[float]]
COMMON_RANGES: tuple[RangeSpec, ...] = (
    ("incidence_angle", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Incidence angle (°)"), 0.0, 90.0),
    ("look_angle", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Look angle (°)"), 0.0, 90.0),
    (
        "resolution_range",
        QT_TRANSLATE_NOOP("SearchFiltersWidget", "Range resolution (m)"),
        0.0,
        None,
    ),
    (
        "resolution_azimuth",
        QT_TRANSLATE_NOOP("SearchFiltersWidget", "Azimuth resolution (m)"),
        0.0,
        None,
    ),
)
ADVANCED_RANGES: tuple[RangeSpec, ...] = (
    ("azimuth_angle", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Azimuth (°)"), 0.0, 360.0),
    ("squint_angle", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Squint angle (°)"), None, None),
    ("layover_angle", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Layover angle (°)"), None, None),
    (
        "resolution_ground_range",
        QT_TRANSLATE_NOOP("SearchFiltersWidget", "Ground range resolution (m)"),
        0.0,
        None,
    ),
    ("absolute_orbit", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Absolute orbit"), 0.0, None),
    ("relative_orbit", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Relative orbit"), 0.0, None),
)
INT_RANGES = {"absolute_orbit", "relative_orbit"}
# Free-text filters (advanced).
TEXT_FIELDS = (
    ("local_time", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Local time (HH:MM from–to)")),
    ("epsg", QT_TRANSLATE_NOOP("SearchFiltersWidget", "EPSG code")),
    ("platform", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Platform (comma separated)")),
    ("collect_id", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Collect id(s)")),
    ("ids", QT_TRANSLATE_NOOP("SearchFiltersWidget", "STAC ids")),
)
SORT_FIELDS = (
    ("datetime", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Acquisition time")),
    ("incidence_angle", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Incidence angle")),
    ("look_angle", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Look angle")),
    ("resolution_range", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Range resolution")),
    ("product_type", QT_TRANSLATE_NOOP("SearchFiltersWidget", "Product type")),
    ("id", QT_TRANSLATE_NOOP("SearchFiltersWidget", "STAC id")),
)


def split_list(text: str) -> list[str]:
    return [t.strip() for t in text.replace("\n", ",").replace(";", ",").split(",") if t.strip()]


def is_hhmm(text: str) -> bool:
    parts = text.split(":")
    return (
        len(parts) == 2
        and all(p.isdigit() for p in parts)
        and 0 <= int(parts[0]) < 24
        and 0 <= int(parts[1]) < 60
    )


def range_spec(name: str, low: str, high: str) -> tuple[dict[str, Any], str]:
    values: list[Optional[float]] = []
    for text in (low.strip().replace(",", "."), high.strip().replace(",", ".")):
        if not text:
            values.append(None)
            continue
        try:
            values.append(float(text))
        except ValueError:
            return {}, tr("“{text}” is not a number.").format(text=text)
    lo, hi = values
    if lo is not None and hi is not None and lo > hi:
        return {}, tr("The minimum ({lo:g}) is larger than the maximum ({hi:g}).").format(
            lo=lo, hi=hi
        )
    cast = int if name in INT_RANGES else float
    spec: dict[str, Any] = {}
    if lo is not None:
        spec["gte"] = cast(lo)
    if hi is not None:
        spec["lte"] = cast(hi)
    return spec, ""
