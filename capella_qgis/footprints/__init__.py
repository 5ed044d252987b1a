"""Footprint layers of catalog items: schema, the two stores, rows, summary, style, layer."""
