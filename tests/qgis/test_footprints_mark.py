"""One rule says what a footprint layer is: the footprint schema, i.e. written by a store."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsProject, QgsRasterLayer, QgsVectorLayer

from capella_qgis.footprints import layer as fp
from capella_qgis.gui.search.controller import SearchController
from tests.qgis.footprints_support import hand_item

PACKAGE = Path(__file__).resolve().parents[2] / "capella_qgis"
SQUARE = [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]]


def _written(tmp_path: Path) -> fp.FootprintOutput:
    item = hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000001", SQUARE)
    return fp.write_footprints([item], tmp_path / "fp.gpkg", "fp", search_query={"q": 1})


def _lookalike(fields: tuple[str, ...], **properties: str) -> QgsVectorLayer:
    spec = "&".join(f"field={name}:string" for name in fields)
    layer = QgsVectorLayer(f"Polygon?crs=EPSG:4326&{spec}", "lookalike", "memory")
    assert layer.isValid()
    for key, value in properties.items():
        layer.setCustomProperty(key, value)
    return layer


def test_layers_written_by_a_store_are_footprint_layers(tmp_path: Path) -> None:
    out = _written(tmp_path)
    assert fp.is_footprint_layer(fp.load_footprint_layer(out, add_to_project=False))
    # Opened any other way (the Browser, drag and drop): no custom property, same schema.
    plain = QgsVectorLayer(out.uri, "plain", "ogr")
    assert plain.customProperty(fp.SEARCH_QUERY_PROPERTY) is None
    assert fp.is_footprint_layer(plain)


@pytest.mark.parametrize(
    "layer",
    [
        # What the thumbnail filler used to accept: the three fields it reads and writes.
        lambda: _lookalike(("stac_id", "thumb_path", "item_json")),
        # What the order and stream actions used to accept: an item_json field ...
        lambda: _lookalike(("item_json",)),
        # ... or the search-query custom property alone.
        lambda: _lookalike(("name",), **{fp.SEARCH_QUERY_PROPERTY: '{"q": 1}'}),
        lambda: QgsVectorLayer("/no/such/file.gpkg|layername=fp", "gone", "ogr"),
        lambda: QgsRasterLayer("/no/such/file.tif", "raster", "gdal"),
        lambda: None,
    ],
    ids=["filler-fields", "item-json", "query-property", "invalid", "raster", "none"],
)
def test_lookalikes_are_not_footprint_layers(layer: Any) -> None:
    assert not fp.is_footprint_layer(layer())


def test_there_is_one_rule() -> None:
    defined = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef) and node.name == "is_footprint_layer":
                defined.append(str(path.relative_to(PACKAGE)))
    assert defined == ["footprints/layer.py"]


def test_the_search_controller_fills_thumbnails_of_footprint_layers_only(
    qgis_iface: Any, tmp_path: Path
) -> None:
    controller = SearchController(qgis_iface, mode="sequential")
    controller.install()
    project = QgsProject.instance()
    try:
        footprints = fp.load_footprint_layer(_written(tmp_path))
        lookalike = _lookalike(("stac_id", "thumb_path", "item_json"))
        project.addMapLayer(lookalike)
        assert footprints.id() in controller.fillers
        assert lookalike.id() not in controller.fillers
    finally:
        controller.unload()
        project.removeAllMapLayers()
