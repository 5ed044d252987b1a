"""Footprint layers of catalog items: schema, GeoPackage store, rows, style, layer."""
