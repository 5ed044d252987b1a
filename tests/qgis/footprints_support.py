"""Shared fixtures and helpers of the footprint layer tests (test_footprints*.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsProject

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.search.query import CatalogQuery, SearchResult
from capella_qgis.footprints import layer as fp
from capella_qgis.footprints.ogr_store import OgrFootprintStore
from capella_qgis.footprints.store import FootprintWriter, StoreFactory
from tests.console_emulator import Emulator

LAYER = "capella_search_20240101_120000"
# Every footprint store writes the same layer; the tests that take ``store`` run against each.
STORES: dict[str, StoreFactory] = {"sqlite": FootprintWriter, "ogr": OgrFootprintStore}


@pytest.fixture(params=sorted(STORES))
def store(request: pytest.FixtureRequest) -> StoreFactory:
    return STORES[request.param]


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


@pytest.fixture(scope="module")
def search_result() -> Iterator[SearchResult]:
    yield run_search()


@pytest.fixture
def written(search_result: SearchResult, tmp_path: Path, store: StoreFactory) -> fp.FootprintOutput:
    return fp.write_footprints(
        search_result,
        tmp_path / "fp.gpkg",
        LAYER,
        search_query=search_result.query.to_body(),
        store=store,
    )


@pytest.fixture
def project() -> Iterator[QgsProject]:
    project = QgsProject.instance()
    yield project
    project.clear()


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
