"""Layers of tasking and repeat requests, styled by status (QGIS, no widgets)."""
