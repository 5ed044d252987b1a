"""Deterministic generation of realistic Capella STAC catalog items."""

from __future__ import annotations

import math
import random
from datetime import datetime, timedelta
from typing import Any

from tests.console_emulator.enums import ANALYTICS, MODE_CODES, PRODUCT_TYPES
from tests.console_emulator.util import UTC, iso, rng_uuid

try:
    from zoneinfo import ZoneInfo
except ImportError:  # pragma: no cover
    ZoneInfo = None  # type: ignore[assignment,misc]

CITIES: dict[str, tuple[float, float, str]] = {
    "Denver": (39.7392, -104.9903, "America/Denver"),
    "Rome": (41.9028, 12.4964, "Europe/Rome"),
    "Rotterdam": (51.9244, 4.4777, "Europe/Amsterdam"),
    "Singapore": (1.3521, 103.8198, "Asia/Singapore"),
    "San Francisco": (37.7749, -122.4194, "America/Los_Angeles"),
    "Sydney": (-33.8688, 151.2093, "Australia/Sydney"),
    "Tokyo": (35.6762, 139.6503, "Asia/Tokyo"),
}

# per-mode footprint (across-track km, along-track km), resolution ranges (m)
MODE_SPECS: dict[str, dict[str, Any]] = {
    "spotlight": {"size": (5.0, 5.0), "res": (0.5, 1.0), "dur": (3.0, 12.0)},
    "sliding_spotlight": {"size": (5.0, 10.0), "res": (0.8, 1.5), "dur": (5.0, 15.0)},
    "stripmap": {"size": (5.0, 20.0), "res": (1.2, 3.0), "dur": (5.0, 20.0)},
}
COLLECTION_TYPE_BY_MODE = {
    "spotlight": ("spotlight", "spotlight_ultra"),
    "sliding_spotlight": ("spotlight_wide",),
    "stripmap": ("stripmap_20", "stripmap_50", "stripmap_100", "parallel_stripmap_20"),
}
USE_CASES = ("maritime", "infrastructure", "disaster-response", "agriculture", "defense")
_T_MIN = datetime(2020, 6, 1, tzinfo=UTC).timestamp()
_T_MAX = datetime(2025, 12, 31, tzinfo=UTC).timestamp()


def _compact(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y%m%d%H%M%S")


def _tz_name(lon: float, tz: str | None) -> str:
    if tz:
        return tz
    hours = round(lon / 15.0)
    return "Etc/GMT" if hours == 0 else f"Etc/GMT{'-' if hours > 0 else '+'}{abs(hours)}"


def _locale(epoch: float, tz: str) -> dict[str, str]:
    dt = datetime.fromtimestamp(epoch, UTC)
    local = dt.astimezone(ZoneInfo(tz)) if ZoneInfo is not None else dt
    return {
        "locale:datetime": local.strftime("%Y-%m-%dT%H:%M:%S.%f%z"),
        "locale:timezone": tz,
        "locale:time": local.strftime("%H:%M:%S.%f"),
    }


def _footprint(
    lat: float, lon: float, across_km: float, along_km: float, heading: float
) -> list[list[float]]:
    """Rotated rectangle (closed ring) centred on lat/lon."""
    km_lat = 110.574
    km_lon = 111.320 * max(math.cos(math.radians(lat)), 0.05)
    h = math.radians(heading)
    corners = []
    for sx, sy in ((-1, -1), (1, -1), (1, 1), (-1, 1)):
        x = sx * across_km / 2.0
        y = sy * along_km / 2.0
        east = x * math.cos(h) + y * math.sin(h)
        north = -x * math.sin(h) + y * math.cos(h)
        corners.append([round(lon + east / km_lon, 6), round(lat + north / km_lat, 6)])
    corners.append(list(corners[0]))
    return corners


def _epsg(lat: float, lon: float) -> int:
    zone = int((lon + 180) // 6) % 60 + 1
    return (32600 if lat >= 0 else 32700) + zone


def random_location(rng: random.Random) -> tuple[float, float, str | None]:
    """80 % clustered around a demo city, 20 % spread worldwide."""
    if rng.random() < 0.8:
        lat, lon, tz = CITIES[rng.choice(list(CITIES))]
        return lat + rng.gauss(0, 0.08), lon + rng.gauss(0, 0.1), tz
    return rng.uniform(-55, 65), rng.uniform(-179, 179), None


def make_collect(
    rng: random.Random,
    *,
    lat: float,
    lon: float,
    tz: str | None,
    epoch: float,
    mode: str,
    product_types: list[str],
    collection: str,
    collect_id: str | None = None,
) -> list[dict[str, Any]]:
    """All products (STAC items without assets) of one acquisition."""
    spec = MODE_SPECS[mode]
    sat = rng.randint(1, 16)
    pol = "HH" if rng.random() < 0.8 else "VV"
    collect_id = collect_id or rng_uuid(rng)
    duration = rng.uniform(*spec["dur"])
    start = epoch - duration / 2
    end = epoch + duration / 2
    orbit_state = rng.choice(("ascending", "descending"))
    heading = rng.uniform(-12, 12) + (0 if orbit_state == "ascending" else 180)
    look = round(rng.uniform(5, 45), 1)
    incidence = round(look + rng.uniform(0.5, 4.0), 1)
    plane = rng.choice((45, 53, 97))
    res_r = round(rng.uniform(*spec["res"]), 2)
    res_a = round(rng.uniform(*spec["res"]), 2)
    ring = _footprint(lat, lon, spec["size"][0], spec["size"][1], heading)
    xs = [c[0] for c in ring]
    ys = [c[1] for c in ring]
    bbox = [min(xs), min(ys), max(xs), max(ys)]
    tzname = _tz_name(lon, tz)
    abs_orbit = rng.randint(500, 30000)
    common: dict[str, Any] = {
        "platform": f"capella-{sat}",
        "constellation": "capella",
        "instruments": [f"capella-radar-{sat}"],
        "sar:instrument_mode": mode,
        "sar:frequency_band": "X",
        "sar:center_frequency": 9.65,
        "sar:polarizations": [pol],
        "sar:observation_direction": rng.choice(("left", "right")),
        "sar:resolution_range": res_r,
        "sar:resolution_azimuth": res_a,
        "sat:orbit_state": orbit_state,
        "sat:absolute_orbit": abs_orbit,
        "sat:relative_orbit": abs_orbit % 200,
        "view:incidence_angle": incidence,
        "view:look_angle": look,
        "view:azimuth": round(rng.uniform(0, 360), 1),
        "capella:resolution_ground_range": round(res_r / math.sin(math.radians(incidence)), 2),
        "capella:squint_angle": round(rng.uniform(-5, 5), 1),
        "capella:layover_angle": round(rng.uniform(-3, 3), 1),
        "capella:orbital_plane": plane,
        "capella:collect_id": collect_id,
        "capella:collection_type": rng.choice(COLLECTION_TYPE_BY_MODE[mode]),
        "capella:image_formation_algorithm": "pfa" if mode != "stripmap" else "backprojection",
        "capella:billable_area": int(spec["size"][0] * spec["size"][1] * 1_000_000),
        "capella:rgt_id": f"{rng.randint(100, 999)}_{plane}.9_{rng.randint(1, 200)}_"
        f"{rng.randint(1, 9)}_{_compact(epoch)[:8]}T{_compact(epoch)[8:]}_-1",
    }
    if rng.random() < 0.3:
        common["capella:use_case"] = rng.choice(USE_CASES)
    if rng.random() < 0.15:
        common["capella:archive_holdback_date"] = iso(epoch + rng.choice((30, 365)) * 86400)
    items = []
    for ptype in product_types:
        geo_like = ptype not in ("SLC", "SICD", "CPHD")
        p_start, p_end = (start - 10, end + 10) if geo_like else (start, end)
        looks = 1 if not geo_like else rng.choice((1, 2, 3, 5))
        props: dict[str, Any] = {
            "datetime": iso(epoch),
            "start_datetime": iso(p_start),
            "end_datetime": iso(p_end),
            **_locale(epoch, tzname),
            **common,
            "sar:product_type": ptype,
            "sar:pixel_spacing_range": round(res_r * (0.9 if geo_like else 0.5), 2),
            "sar:pixel_spacing_azimuth": round(res_a * (0.9 if geo_like else 0.4), 2),
            "sar:looks_range": looks,
            "sar:looks_azimuth": looks,
            "sar:looks_equivalent_number": looks * looks,
            "capella:hash": f"{rng.getrandbits(128):032x}",
            "created": iso(epoch + rng.uniform(3600, 36000)),
        }
        props["updated"] = props["created"]
        if ptype in ("GEO", "GEC") or ptype in ANALYTICS:
            props["proj:epsg"] = _epsg(lat, lon)
        stamp = f"{_compact(p_start)}_{_compact(p_end)}"
        stac_id = f"CAPELLA_C{sat:02d}_{MODE_CODES[mode]}_{ptype}_{pol}_{stamp}"
        coll = collection
        if collection == "by-product":
            own = ("GEO", "GEC", "SLC", "SICD", "SIDD", "CPHD")
            coll = f"capella-{ptype.lower()}" if ptype in own else "capella-archive"
        items.append(
            {
                "type": "Feature",
                "stac_version": "1.0.0",
                "stac_extensions": [],
                "id": stac_id,
                "collection": coll,
                "bbox": bbox,
                "geometry": {"type": "Polygon", "coordinates": [ring]},
                "properties": props,
            }
        )
    return items


def product_bundle(rng: random.Random, forced: str | None = None) -> list[str]:
    """2–4 product types of one collect (analytics ride on a GEO/GEC base)."""
    if forced in ANALYTICS or (forced is None and rng.random() < 0.08):
        analytic = forced or rng.choice(ANALYTICS)
        return ["SLC", "GEO" if analytic != "ACD" else "GEC", analytic]
    extras = [p for p in PRODUCT_TYPES if p not in ANALYTICS and p not in ("SLC", "GEO")]
    bundle = ["SLC", "GEO", *rng.sample(extras, rng.randint(0, 2))]
    if forced and forced not in bundle:
        bundle[-1 if len(bundle) > 2 else 1] = forced
        if "SLC" not in bundle:
            bundle.insert(0, "SLC")
    return bundle


def random_epoch(rng: random.Random) -> float:
    return rng.uniform(_T_MIN, _T_MAX)


def epoch_days_ago(now: float, days: float) -> float:
    return (datetime.fromtimestamp(now, UTC) - timedelta(days=days)).timestamp()
