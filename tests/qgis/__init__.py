"""Tests that need QGIS (pytest-qgis, offscreen)."""
