"""Drawing an area of interest on the map canvas."""
