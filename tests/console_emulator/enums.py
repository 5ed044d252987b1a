"""Enumerations of the Console API contract (§10) used by the emulator."""

from __future__ import annotations

PRODUCT_TYPES = ("SLC", "GEO", "SICD", "GEC", "SIDD", "CPHD", "CSI", "CSIDD", "VC", "VS", "ACD")
ANALYTICS = ("VC", "VS", "ACD")
INSTRUMENT_MODES = ("spotlight", "stripmap", "sliding_spotlight")
MODE_CODES = {"spotlight": "SP", "stripmap": "SM", "sliding_spotlight": "SS"}
COLLECTION_TIERS = ("urgent", "priority", "standard", "flexible", "internal")
REPEAT_TIERS = ("flexible", "routine", "internal", "insar", "insar-internal")
COLLECTION_TYPES = (
    "spotlight",
    "spotlight_ultra",
    "spotlight_wide",
    "stripmap_20",
    "stripmap_50",
    "stripmap_100",
    "parallel_stripmap_20",
    "parallel_stripmap_50",
    "parallel_stripmap_100",
)
ARCHIVE_HOLDBACKS = ("none", "1_year", "30_day", "permanent")
ORBIT_STATES = ("ascending", "descending", "either")
LOOK_DIRECTIONS = ("left", "right", "either")
ORBITAL_PLANES = (45, 53, 97)
LOCAL_TIME_OPTIONS = {
    "day": [[21600, 64800]],
    "night": [[0, 21600], [64800, 86400]],
    "anytime": [[0, 86400]],
}
POLARIZATIONS = ("HH", "VV")
SQUINT_MODES = ("enabled", "disabled", "forward", "backward")
INSAR_ORBITS = {"MIO_53_2P95": 53, "SSO_97_7P00": 97}
# Whole-day revisit of each orbit: the interval derived requests get when none is sent.
INSAR_INTERVAL_DAYS = {"MIO_53_2P95": 3, "SSO_97_7P00": 7}
STATUSES = (
    "received",
    "review",
    "submitted",
    "active",
    "accepted",
    "rejected",
    "expired",
    "completed",
    "anomaly",
    "canceled",
    "error",
    "failed",
)
CANCELABLE = ("received", "review", "submitted", "active", "accepted")
MAIN_CHAIN = ("received", "review", "submitted", "accepted", "active", "completed")
STATUS_MESSAGES = {
    "received": "Request created",
    "review": "Tasking request ready for review.",
    "submitted": "Request submitted through automatic approval",
    "accepted": "Request can be completely satisfied during validity window.",
    "active": "Request is being scheduled for collection.",
    "completed": "Tasking request has been completed.",
    "rejected": "Request could not be satisfied.",
    "expired": "Request window closed before it could be satisfied.",
    "anomaly": "An anomaly occurred while processing the request.",
    "canceled": "Request canceled by customer.",
    "error": "An error occurred while processing the request.",
    "failed": "Request failed.",
}
OWNERSHIP = (
    "ownedByOrganization",
    "publiclyAvailable",
    "sharedWithOrganization",
    "availableForPurchase",
)
OPEN_COLLECTION = "capella-open-data"
RESTRICTED_COLLECTION = "capella-internal"
COLLECTIONS = (
    "capella-open-data",
    "capella-archive",
    "capella-geo",
    "capella-gec",
    "capella-slc",
    "capella-sicd",
    "capella-sidd",
    "capella-cphd",
    "capella-test",
    RESTRICTED_COLLECTION,
)

# query short name (§5.3) -> STAC property
SHORT_TO_STAC = {
    "absolute_orbit": "sat:absolute_orbit",
    "azimuth_angle": "view:azimuth",
    "billable_area": "capella:billable_area",
    "center_frequency": "sar:center_frequency",
    "collect_id": "capella:collect_id",
    "collection_type": "capella:collection_type",
    "constellation": "constellation",
    "datetime": "datetime",
    "created": "created",
    "updated": "updated",
    "archive_holdback": "capella:archive_holdback_date",
    "use_case": "capella:use_case",
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
}
TIME_PROPERTIES = frozenset(
    {
        "datetime",
        "start_datetime",
        "end_datetime",
        "created",
        "updated",
        "capella:archive_holdback_date",
    }
)
