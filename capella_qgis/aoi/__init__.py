"""Areas of interest: checks, geometry and parsing of pasted text (QGIS, no widgets)."""
