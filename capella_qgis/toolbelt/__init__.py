"""QGIS glue shared by every layer except ``core``: settings, auth, network, logging, paths."""
