"""Footprint geometry: GeoJSON (Multi)Polygons to MultiPolygon WKT/WKB, cut at the antimeridian."""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from typing import Any, Optional

import shapely
from qgis.core import QgsGeometry

from capella_qgis.core.geometry import ring_jumps, split_antimeridian

Envelope = tuple[float, float, float, float]  # min x, max x, min y, max y (GeoPackage order)
Polygon = Sequence[Sequence[Sequence[float]]]


def _polygons(geometry: Mapping[str, Any]) -> list[Polygon]:
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    if kind == "GeometryCollection":
        out = []
        for part in geometry.get("geometries") or []:
            out.extend(_polygons(part))
        return out
    return []


def _usable(geometry: Optional[Mapping[str, Any]]) -> list[Polygon]:
    """The non-empty polygons of a footprint (none for a missing or non-polygonal one)."""
    if not geometry:
        return []
    return [p for p in _polygons(geometry) if p and p[0]]


def _crosses(polygons: Sequence[Polygon]) -> bool:
    return any(ring_jumps(ring) for poly in polygons for ring in poly)


def _split(polygons: Sequence[Polygon]) -> Optional[Any]:
    """The footprint cut at ±180° as a shapely MultiPolygon (None when nothing is left)."""
    try:
        shape = shapely.MultiPolygon([(poly[0], list(poly[1:])) for poly in polygons])
        return split_antimeridian(shape)
    # Around a pole (AntimeridianError), or rings shapely cannot build: no usable footprint.
    except (TypeError, ValueError, shapely.errors.ShapelyError):
        return None


def _wkt_ring(ring: Sequence[Sequence[float]]) -> str:
    return "(" + ",".join(f"{float(p[0])!r} {float(p[1])!r}" for p in ring) + ")"


def footprint_wkt(geometry: Optional[Mapping[str, Any]]) -> Optional[str]:
    """GeoJSON (Multi)Polygon → MultiPolygon WKT; rings crossing ±180° are split into parts."""
    polygons = _usable(geometry)
    if not polygons:
        return None
    if not _crosses(polygons):
        body = ",".join("(" + ",".join(_wkt_ring(r) for r in poly) + ")" for poly in polygons)
        return f"MULTIPOLYGON({body})"
    split = _split(polygons)
    return None if split is None else str(shapely.to_wkt(split, rounding_precision=-1))


def footprint_geometry(geometry: Optional[Mapping[str, Any]]) -> QgsGeometry:
    """:func:`footprint_wkt` as a QgsGeometry (null geometry when there is no polygon)."""
    wkt = footprint_wkt(geometry)
    return QgsGeometry.fromWkt(wkt) if wkt else QgsGeometry()


def _wkb_polygons(polygons: Sequence[Polygon]) -> tuple[bytes, Envelope]:
    parts = [struct.pack("<BII", 1, 6, len(polygons))]
    xs: list[float] = []
    ys: list[float] = []
    for polygon in polygons:
        parts.append(struct.pack("<BII", 1, 3, len(polygon)))
        for ring in polygon:
            flat = [float(v) for point in ring for v in (point[0], point[1])]
            xs.extend(flat[0::2])
            ys.extend(flat[1::2])
            parts.append(struct.pack(f"<I{len(flat)}d", len(ring), *flat))
    return b"".join(parts), (min(xs), max(xs), min(ys), max(ys))


def footprint_gpkg_blob(
    geometry: Optional[Mapping[str, Any]],
) -> tuple[Optional[bytes], Optional[Envelope]]:
    """:func:`footprint_wkt` as a GeoPackage geometry blob (EPSG:4326) and its envelope.

    The usual case (no ring crosses ±180°) is packed straight from the GeoJSON coordinates;
    split footprints are cut by the core (shapely) and written as little-endian WKB.
    """
    polygons = _usable(geometry)
    if not polygons:
        return None, None
    if _crosses(polygons):
        split = _split(polygons)
        if split is None:
            return None, None
        wkb = bytes(shapely.to_wkb(split, byte_order=1, output_dimension=2))
        minx, miny, maxx, maxy = (float(v) for v in split.bounds)
        envelope: Envelope = (minx, maxx, miny, maxy)
    else:
        wkb, envelope = _wkb_polygons(polygons)
    header = b"GP\x00\x03" + struct.pack("<i4d", 4326, *envelope)  # v0, LE, xy envelope
    return header + wkb, envelope
