"""Footprint geometry: GeoJSON (Multi)Polygons to MultiPolygon WKT, split at the antimeridian."""

from __future__ import annotations

import struct
from collections.abc import Mapping, Sequence
from typing import Any, Optional

from qgis.core import QgsGeometry, QgsRectangle


def _ring_crosses(ring: Sequence[Sequence[float]]) -> bool:
    return any(abs(b[0] - a[0]) > 180 for a, b in zip(ring, ring[1:]))


def _unwrap(ring: Sequence[Sequence[float]]) -> list[tuple[float, float]]:
    """Shift longitudes so consecutive vertices never jump by more than 180°."""
    out: list[tuple[float, float]] = []
    offset = 0.0
    previous: Optional[float] = None
    for point in ring:
        lon, lat = float(point[0]), float(point[1])
        if previous is not None:
            delta = lon - previous
            if delta > 180:
                offset -= 360
            elif delta < -180:
                offset += 360
        previous = lon
        out.append((lon + offset, lat))
    return out


def _wkt_ring(ring: Sequence[Sequence[float]]) -> str:
    return "(" + ",".join(f"{float(p[0])!r} {float(p[1])!r}" for p in ring) + ")"


def _polygons(geometry: Mapping[str, Any]) -> list[Sequence[Sequence[Sequence[float]]]]:
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


def _split_antimeridian(polygon: Sequence[Sequence[Sequence[float]]]) -> QgsGeometry:
    rings = [_unwrap(ring) for ring in polygon]
    shifted = QgsGeometry.fromWkt("POLYGON(" + ",".join(_wkt_ring(r) for r in rings) + ")")
    parts = QgsGeometry.fromWkt("MULTIPOLYGON EMPTY")
    pieces = []
    for shift in (-360.0, 0.0, 360.0):
        window = QgsGeometry.fromRect(QgsRectangle(-180 - shift, -90, 180 - shift, 90))
        piece = shifted.intersection(window)
        if piece.isEmpty():
            continue
        piece.translate(shift, 0)
        pieces.append(piece)
    if not pieces:
        return parts
    merged = QgsGeometry.collectGeometry(pieces)
    merged.convertToMultiType()
    return merged


def footprint_wkt(geometry: Optional[Mapping[str, Any]]) -> Optional[str]:
    """GeoJSON (Multi)Polygon → MultiPolygon WKT; rings crossing ±180° are split into parts."""
    if not geometry:
        return None
    polygons = [p for p in _polygons(geometry) if p and p[0]]
    if not polygons:
        return None
    if not any(_ring_crosses(ring) for poly in polygons for ring in poly):
        body = ",".join("(" + ",".join(_wkt_ring(r) for r in poly) + ")" for poly in polygons)
        return f"MULTIPOLYGON({body})"
    pieces = []
    for poly in polygons:
        if any(_ring_crosses(ring) for ring in poly):
            pieces.append(_split_antimeridian(poly))
        else:
            pieces.append(
                QgsGeometry.fromWkt("POLYGON(" + ",".join(_wkt_ring(r) for r in poly) + ")")
            )
    merged = QgsGeometry.collectGeometry([p for p in pieces if not p.isEmpty()])
    if merged.isEmpty():
        return None
    merged.convertToMultiType()
    return merged.asWkt(9)


def footprint_geometry(geometry: Optional[Mapping[str, Any]]) -> QgsGeometry:
    """:func:`footprint_wkt` as a QgsGeometry (null geometry when there is no polygon)."""
    wkt = footprint_wkt(geometry)
    return QgsGeometry.fromWkt(wkt) if wkt else QgsGeometry()


Envelope = tuple[float, float, float, float]  # min x, max x, min y, max y (GeoPackage order)


def _wkb_polygons(polygons: Sequence[Sequence[Sequence[Sequence[float]]]]) -> tuple[bytes, list]:
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
    return b"".join(parts), [min(xs), max(xs), min(ys), max(ys)]


def footprint_gpkg_blob(
    geometry: Optional[Mapping[str, Any]],
) -> tuple[Optional[bytes], Optional[Envelope]]:
    """:func:`footprint_wkt` as a GeoPackage geometry blob (EPSG:4326) and its envelope.

    The usual case (no ring crosses ±180°) is packed straight from the GeoJSON coordinates;
    split footprints go through the WKT of :func:`footprint_wkt` and OGR.
    """
    if not geometry:
        return None, None
    polygons = [p for p in _polygons(geometry) if p and p[0]]
    if not polygons:
        return None, None
    if any(_ring_crosses(ring) for poly in polygons for ring in poly):
        from osgeo import ogr

        wkt = footprint_wkt(geometry)
        shape = ogr.CreateGeometryFromWkt(wkt) if wkt else None
        if shape is None or shape.IsEmpty():
            return None, None
        shape = ogr.ForceToMultiPolygon(shape)
        minx, maxx, miny, maxy = shape.GetEnvelope()
        wkb, envelope = bytes(shape.ExportToWkb(ogr.wkbNDR)), (minx, maxx, miny, maxy)
    else:
        wkb, bounds = _wkb_polygons(polygons)
        envelope = (bounds[0], bounds[1], bounds[2], bounds[3])
    header = b"GP\x00\x03" + struct.pack("<i4d", 4326, *envelope)  # v0, LE, xy envelope
    return header + wkb, envelope
