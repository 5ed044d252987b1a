"""Benchmarks for capella_qgis (run with ``make bench``)."""
