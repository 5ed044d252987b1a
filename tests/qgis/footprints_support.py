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
from tests.console_emulator import Emulator

LAYER = "capella_search_20240101_120000"


@pytest.fixture(scope="module")
def search_result() -> Iterator[SearchResult]:
    emu = Emulator(items=400, seed=7).start()
    try:
        client = ConsoleClient(Credential.api_key("demo"), base_url=emu.url)
        query = CatalogQuery(limit=1000, collections=["capella-archive"], sortby="-datetime")
        result = client.search(query)
        client.close()
    finally:
        emu.stop()
    assert len(result) > 100
    yield result


@pytest.fixture
def written(search_result: SearchResult, tmp_path: Path) -> fp.FootprintOutput:
    return fp.write_footprints(
        search_result,
        tmp_path / "fp.gpkg",
        LAYER,
        search_query=search_result.query.to_body(),
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
