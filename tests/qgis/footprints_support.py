"""Shared fixtures and helpers of the footprint layer tests (test_footprints*.py)."""

from __future__ import annotations

from typing import Any

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.search.query import CatalogQuery, SearchResult
from capella_qgis.footprints.ogr_store import OgrFootprintStore
from capella_qgis.footprints.store import FootprintWriter, StoreFactory
from tests.console_emulator import Emulator

LAYER = "capella_search_20240101_120000"
# Every footprint store writes the same layer; the tests that take ``store`` run against each.
STORES: dict[str, StoreFactory] = {"sqlite": FootprintWriter, "ogr": OgrFootprintStore}


def run_search() -> SearchResult:
    """A few hundred emulator items, kept raw (``RawFeature``) until a test asks for models."""
    emu = Emulator(items=400, seed=7).start()
    try:
        client = ConsoleClient(Credential.api_key("demo"), base_url=emu.url)
        query = CatalogQuery(limit=1000, collections=["capella-archive"], sortby="-datetime")
        result = client.catalog.search(query)
        client.close()
    finally:
        emu.stop()
    assert len(result) > 100
    return result


def hand_item(stac_id: str, coords: list, **props: Any) -> dict:
    properties = {"datetime": "2024-05-12T17:17:10.928694Z", "sar:product_type": "GEO", **props}
    return {
        "type": "Feature",
        "stac_version": "1.0.0",
        "id": stac_id,
        "collection": "capella-test",
        "geometry": {"type": "Polygon", "coordinates": coords},
        "properties": properties,
        "assets": {"thumbnail": {"href": f"https://cdn.example.com/{stac_id}_thumb.png"}},
        "links": [],
    }
