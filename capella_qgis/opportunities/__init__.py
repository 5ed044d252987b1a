"""Opportunities (access-request passes) as QGIS layers: fields, features, style."""
