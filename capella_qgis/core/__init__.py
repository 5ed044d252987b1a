"""Pure-Python Capella Console client (httpx + pydantic); imports neither Qt nor QGIS."""
