"""Downloaded and streamed Capella rasters: loading and the SAR style."""
