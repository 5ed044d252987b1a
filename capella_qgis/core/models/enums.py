"""Enumerations and lookup tables of the Capella Console API contract (§10, §5.3)."""

from __future__ import annotations

import math
from enum import Enum, IntEnum


class StrEnum(str, Enum):
    """str Enum whose str() is the wire value (Python 3.9 has no enum.StrEnum)."""

    def __str__(self) -> str:
        return str(self.value)

    @classmethod
    def values(cls) -> list[str]:
        return [m.value for m in cls]

    @classmethod
    def has_value(cls, value: object) -> bool:
        return any(m.value == value for m in cls)


class ProductType(StrEnum):
    SLC = "SLC"
    GEO = "GEO"
    SICD = "SICD"
    GEC = "GEC"
    SIDD = "SIDD"
    CPHD = "CPHD"
    CSI = "CSI"
    CSIDD = "CSIDD"
    VC = "VC"
    VS = "VS"
    ACD = "ACD"


ANALYTICS_PRODUCT_TYPES = frozenset({ProductType.VC, ProductType.VS, ProductType.ACD})


class AssetType(StrEnum):
    preview = "preview"
    thumbnail = "thumbnail"
    HH = "HH"
    VV = "VV"
    raster = "raster"
    metadata = "metadata"
    analytic_product = "analytic_product"
    analytic_product_diag = "analytic_product_diag"
    landmask = "landmask"
    changemap = "changemap"
    log = "log"
    profile = "profile"
    stats = "stats"
    stats_plots = "stats_plots"


# Not an AssetType member on purpose: the SDK never downloads it.
LICENSE_ASSET_KEY = "license"
# The alias "raster" stands for the per-polarisation data files.
RASTER_ASSET_KEYS = ("HH", "VV")
# Order matters: the downloader derives the STAC id from the first one found.
MAIN_ASSET_KEYS = ("HH", "VV", "analytic_product", "changemap")


class CollectionTier(StrEnum):
    urgent = "urgent"
    priority = "priority"
    standard = "standard"
    flexible = "flexible"
    internal = "internal"


class RepeatCollectionTier(StrEnum):
    flexible = "flexible"
    routine = "routine"
    internal = "internal"
    insar = "insar"
    insar_internal = "insar-internal"


INSAR_TIERS = frozenset({RepeatCollectionTier.insar, RepeatCollectionTier.insar_internal})


class CollectionType(StrEnum):
    spotlight = "spotlight"
    spotlight_ultra = "spotlight_ultra"
    spotlight_wide = "spotlight_wide"
    stripmap_20 = "stripmap_20"
    stripmap_50 = "stripmap_50"
    stripmap_100 = "stripmap_100"
    parallel_stripmap_20 = "parallel_stripmap_20"
    parallel_stripmap_50 = "parallel_stripmap_50"
    parallel_stripmap_100 = "parallel_stripmap_100"


class InstrumentMode(StrEnum):
    stripmap = "stripmap"
    spotlight = "spotlight"
    sliding_spotlight = "sliding_spotlight"


class Polarization(StrEnum):
    HH = "HH"
    VV = "VV"


class CatalogPolarization(StrEnum):
    HH = "HH"
    VV = "VV"
    HV = "HV"
    VH = "VH"


class OrbitState(StrEnum):
    ascending = "ascending"
    descending = "descending"
    either = "either"


class ObservationDirection(StrEnum):
    left = "left"
    right = "right"
    either = "either"


class OrbitalPlane(IntEnum):
    MID_INCLINATION_45 = 45
    MID_INCLINATION_53 = 53
    SUN_SYNCHRONOUS_97 = 97


class LocalTimeOption(StrEnum):
    day = "day"
    night = "night"
    anytime = "anytime"


# Server-side expansion of the LocalTimeOption strings (seconds of local day).
LOCAL_TIME_RANGES = {
    LocalTimeOption.day: [[21600, 64800]],
    LocalTimeOption.night: [[0, 21600], [64800, 86400]],
    LocalTimeOption.anytime: [[0, 86400]],
}


class ArchiveHoldback(StrEnum):
    none = "none"
    one_year = "1_year"
    thirty_day = "30_day"
    permanent = "permanent"


class SquintMode(StrEnum):
    enabled = "enabled"
    disabled = "disabled"
    forward = "forward"
    backward = "backward"


class RepeatCycle(IntEnum):
    DAILY = 1
    WEEKLY = 7
    BI_WEEKLY = 14
    MONTHLY = 30


class InsarOrbit(StrEnum):
    MIO_53_2P95 = "MIO_53_2P95"
    SSO_97_7P00 = "SSO_97_7P00"


class InsarOrbitInfo:
    """What an InSAR orbit name encodes."""

    __slots__ = ("description", "orbital_plane", "revisit_days")

    def __init__(self, orbital_plane: OrbitalPlane, revisit_days: float, description: str):
        self.orbital_plane = orbital_plane
        self.revisit_days = revisit_days
        self.description = description

    @property
    def interval_days(self) -> int:
        """The whole-day ``repetitionInterval`` of one revisit (2.95 → 3, 7.00 → 7).

        ``repetitionInterval`` is a whole number of days, so a revisit is rounded up: the
        smallest interval whose derived requests each span a pass. Capella's own example
        sends ``MIO_53_2P95`` with ``repetitionInterval: 3`` (docs/tasking.md).
        """
        # round() first: a revisit stored a hair above a whole day (7.0000000001) means 7.
        return max(1, math.ceil(round(self.revisit_days, 6)))

    def __repr__(self) -> str:
        return (
            f"InsarOrbitInfo(orbital_plane={int(self.orbital_plane)}, "
            f"revisit_days={self.revisit_days})"
        )


INSAR_ORBIT_INFO = {
    InsarOrbit.MIO_53_2P95: InsarOrbitInfo(
        OrbitalPlane.MID_INCLINATION_53, 2.95, "mid-inclination orbit, 53° plane, 2.95-day revisit"
    ),
    InsarOrbit.SSO_97_7P00: InsarOrbitInfo(
        OrbitalPlane.SUN_SYNCHRONOUS_97, 7.00, "sun-synchronous orbit, 97° plane, 7.00-day revisit"
    ),
}


class TaskingRequestStatus(StrEnum):
    received = "received"
    review = "review"
    submitted = "submitted"
    active = "active"
    accepted = "accepted"
    rejected = "rejected"
    expired = "expired"
    completed = "completed"
    anomaly = "anomaly"
    canceled = "canceled"
    error = "error"
    failed = "failed"


CANCELABLE_STATUSES = frozenset(
    {
        TaskingRequestStatus.received,
        TaskingRequestStatus.review,
        TaskingRequestStatus.submitted,
        TaskingRequestStatus.active,
        TaskingRequestStatus.accepted,
    }
)
FINAL_STATUSES = frozenset(
    {
        TaskingRequestStatus.rejected,
        TaskingRequestStatus.expired,
        TaskingRequestStatus.completed,
        TaskingRequestStatus.anomaly,
        TaskingRequestStatus.canceled,
        TaskingRequestStatus.error,
        TaskingRequestStatus.failed,
    }
)


class OwnershipOption(StrEnum):
    ownedByOrganization = "ownedByOrganization"
    publiclyAvailable = "publiclyAvailable"
    sharedWithOrganization = "sharedWithOrganization"
    availableForPurchase = "availableForPurchase"


class AuthHeaderPrefix(StrEnum):
    Basic = "Basic"
    Bearer = "Bearer"  # pragma: allowlist secret
    ApiKey = "ApiKey"  # pragma: allowlist secret


class OrderStatus(StrEnum):
    completed = "completed"
    rejected = "rejected"


class CollectStatus(StrEnum):
    predicted = "predicted"
    tasked = "tasked"
    collected = "collected"
    processing = "processing"
    qa = "qa"
    delivered = "delivered"


class TransactionStatus(StrEnum):
    in_progress = "in-progress"
    customer_cancelled = "customer-cancelled"


class FrequencyBand(StrEnum):
    P = "P"
    L = "L"
    S = "S"
    C = "C"
    X = "X"
    Ku = "Ku"
    K = "K"
    Ka = "Ka"


class ImageFormationAlgorithm(StrEnum):
    pfa = "pfa"
    backprojection = "backprojection"


class UserRole(StrEnum):
    organization_manager = "organization-manager"
    admin = "admin"


REVIEW_DENIAL_INSUFFICIENT_FUNDS = "AUTHORIZATION_INSUFFICIENT_FUNDS"


class SearchOperator(StrEnum):
    eq = "eq"
    in_ = "in"
    gt = "gt"
    gte = "gte"
    lt = "lt"
    lte = "lte"


# Catalog search short names → STAC property names (§5.3, §0 additions of 0.20.1).
CATALOG_QUERY_FIELDS: dict[str, str] = {
    "absolute_orbit": "sat:absolute_orbit",
    "archive_holdback": "capella:archive_holdback_date",
    "azimuth_angle": "view:azimuth",
    "billable_area": "capella:billable_area",
    "center_frequency": "sar:center_frequency",
    "collect_id": "capella:collect_id",
    "collection_type": "capella:collection_type",
    "constellation": "constellation",
    "created": "created",
    "datetime": "datetime",
    "epsg": "proj:epsg",
    "frequency_band": "sar:frequency_band",
    "hash": "capella:hash",
    "image_formation_algorithm": "capella:image_formation_algorithm",
    "incidence_angle": "view:incidence_angle",
    "instrument_mode": "sar:instrument_mode",
    "instruments": "instruments",
    "layover_angle": "capella:layover_angle",
    "local_datetime": "locale:datetime",
    "local_time": "locale:time",
    "local_timezone": "locale:timezone",
    "look_angle": "view:look_angle",
    "looks_azimuth": "sar:looks_azimuth",
    "looks_equivalent_number": "sar:looks_equivalent_number",
    "looks_range": "sar:looks_range",
    "observation_direction": "sar:observation_direction",
    "orbit_state": "sat:orbit_state",
    "orbital_plane": "capella:orbital_plane",
    "pixel_spacing_azimuth": "sar:pixel_spacing_azimuth",
    "pixel_spacing_range": "sar:pixel_spacing_range",
    "platform": "platform",
    "polarizations": "sar:polarizations",
    "product_type": "sar:product_type",
    "relative_orbit": "sat:relative_orbit",
    "resolution_azimuth": "sar:resolution_azimuth",
    "resolution_ground_range": "capella:resolution_ground_range",
    "resolution_range": "sar:resolution_range",
    "rgt_id": "capella:rgt_id",
    "squint_angle": "capella:squint_angle",
    "updated": "updated",
    "use_case": "capella:use_case",
}

# Properties whose filter values are instants (normalised to UTC 'Z' by the query builder).
CATALOG_DATETIME_FIELDS = frozenset({"datetime", "created", "updated", "archive_holdback"})

# Root-level body keys of a catalog search (§5.2).
CATALOG_ROOT_FIELDS = ("bbox", "intersects", "collections", "ids", "limit")

# Catalog collections seen in the wild (§5.8); not exhaustive, never used to refuse input.
KNOWN_COLLECTIONS = (
    "capella-open-data",
    "capella-archive",
    "capella-geo",
    "capella-gec",
    "capella-slc",
    "capella-sicd",
    "capella-sidd",
    "capella-cphd",
    "capella-test",
)

# Limits of §5.6 / §8.7 / §11.
CATALOG_DEFAULT_LIMIT = 500
CATALOG_MAX_ITEMS = 10_000
CATALOG_PAGE_SIZE = 900
TASKING_SEARCH_PAGE_SIZE = 250
TASKING_SEARCH_CONCURRENCY = 8
BULK_UPDATE_CONCURRENCY = 10
