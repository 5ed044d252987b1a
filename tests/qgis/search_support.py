"""Shared fixture of the search dock tests: a SearchController against the emulator."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsProject

from capella_qgis.gui.search.controller import SearchController
from capella_qgis.gui.search.saved_searches import SavedSearchStore


def search_bodies(emulator: Any) -> list[dict]:
    """JSON bodies of the catalog searches the emulator received."""
    return [r.json for r in emulator.requests() if r.path.endswith("/catalog/search")]


@pytest.fixture
def search_controller(
    qgis_iface: Any, emulator: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> Iterator[SearchController]:
    """An installed SearchController using the emulator; footprints and saved searches in tmp."""
    monkeypatch.setenv("CAPELLA_API_URL", emulator.url)
    monkeypatch.setenv("CAPELLA_API_KEY", "demo")
    monkeypatch.setattr(
        "capella_qgis.gui.search.controller.footprint_storage_path",
        lambda *a: tmp_path / "footprints.gpkg",
    )
    ctl = SearchController(qgis_iface, mode="sequential")
    ctl.install()
    ctl.dock.store = SavedSearchStore(tmp_path / "saved.json")
    emulator.clear_requests()
    yield ctl
    ctl.unload()
    QgsProject.instance().removeAllMapLayers()
