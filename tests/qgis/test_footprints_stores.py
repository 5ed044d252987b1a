"""The two footprint stores write identical layers; the summary is read back from either."""

from __future__ import annotations

import copy
import sqlite3
import threading
from pathlib import Path
from typing import Any, Callable

import pytest
from osgeo import ogr

from capella_qgis.core.models.stac import StacItem
from capella_qgis.core.search.pages import RawFeature
from capella_qgis.core.search.query import CatalogQuery
from capella_qgis.footprints.layer import open_footprint_layer
from capella_qgis.footprints.schema import FootprintOutput
from capella_qgis.footprints.store import write_footprints
from capella_qgis.footprints.summary import RESULT_FIELDS, summarize
from capella_qgis.gui.search.wdg_results import ResultsView
from capella_qgis.tasks.task_search import SearchOutcome, SearchTask
from tests.qgis import footprints_support as support
from tests.qgis.footprints_support import hand_item
from tests.unit.core_support import FakeCatalog, make_client

SEARCH_ID = "0123456789abcdef0123456789abcdef"


@pytest.fixture(scope="module")
def raw() -> list[RawFeature]:
    """Emulator items as the search hands them over (``SearchResult.items`` never asked)."""
    entries = support.run_search().entries
    assert all(isinstance(e, RawFeature) for e in entries)
    return entries


def _dump(out: FootprintOutput) -> dict[str, Any]:
    """Everything a reader sees of one layer: schema, every value, geometries, index, counts."""
    dataset = ogr.Open(str(out.path))
    layer = dataset.GetLayerByName(out.layer_name)
    definition = layer.GetLayerDefn()
    fields = [
        (d.GetName(), d.GetType(), d.GetSubType(), d.GetWidth())
        for d in (definition.GetFieldDefn(i) for i in range(definition.GetFieldCount()))
    ]
    features = []
    for feature in layer:
        values = [
            feature.GetField(i) if feature.IsFieldSetAndNotNull(i) else None
            for i in range(len(fields))
        ]
        shape = feature.GetGeometryRef()
        wkb = bytes(shape.ExportToIsoWkb()) if shape is not None else None
        features.append((feature.GetFID(), values, wkb))
    dump = {
        "fields": fields,
        "geometry": (layer.GetGeomType(), layer.GetGeometryColumn(), layer.GetFIDColumn()),
        "srs": layer.GetSpatialRef().GetAuthorityCode(None),
        "count": layer.GetFeatureCount(),
        "extent": layer.GetExtent() if features else None,
        "metadata": layer.GetMetadata(),
        "features": sorted(features, key=lambda f: f[0]),
    }
    layer = dataset = None
    table = out.layer_name
    with sqlite3.connect(str(out.path)) as db:
        # The stored rows themselves, byte for byte (blobs, datetime text, numbers).
        dump["rows"] = db.execute(f'SELECT * FROM "{table}" ORDER BY fid').fetchall()
        dump["rtree"] = db.execute(f'SELECT * FROM "rtree_{table}_geom" ORDER BY id').fetchall()
        dump["rtreecheck"] = db.execute(f"SELECT rtreecheck('rtree_{table}_geom')").fetchone()
        dump["triggers"] = db.execute(
            "SELECT name, sql FROM sqlite_master WHERE type='trigger' AND tbl_name=? ORDER BY name",
            (table,),
        ).fetchall()
    return dump


def _write_both(tmp_path: Path, pages: Callable[[], list[list[Any]]], query: Any = None) -> list:
    """Dumps of the layer each store writes from the same pages (``pages()`` makes them)."""
    dumps = []
    for name, factory in sorted(support.STORES.items()):
        writer = factory(tmp_path / f"{name}.gpkg", "same", search_query=query, search_id=SEARCH_ID)
        for page in pages():
            writer.prepare(page)
            writer.add(page)
        out = summarize(writer.finish(), RESULT_FIELDS)
        dump = _dump(out)
        dump["summary"] = out.summary
        dump["output"] = (out.layer_name, out.feature_count, out.search_id, out.query_json)
        dumps.append(dump)
    return dumps


def _assert_same(dumps: list[dict], count: int) -> None:
    ogr_dump, sqlite_dump = dumps
    assert sqlite_dump["count"] == count
    assert len(sqlite_dump["features"]) == count
    for key in ogr_dump:
        assert sqlite_dump[key] == ogr_dump[key], key


def _raw_pages(raw: list[RawFeature], size: int) -> list[list[RawFeature]]:
    # Fresh RawFeatures per store run: prepare() attaches rows to the objects it is given.
    entries = [RawFeature(copy.deepcopy(e.data), e.text) for e in raw]
    return [entries[i : i + size] for i in range(0, len(entries), size)]


def test_raw_search_pages_give_identical_layers(raw: list[RawFeature], tmp_path: Path) -> None:
    assert len(_raw_pages(raw, 70)) > 2
    dumps = _write_both(tmp_path, lambda: _raw_pages(raw, 70), {"q": 1})
    _assert_same(dumps, len(raw))


def test_empty_layers_are_identical(tmp_path: Path) -> None:
    _assert_same(_write_both(tmp_path, lambda: [], {"limit": 1}), 0)


def test_models_give_identical_layers(raw: list[RawFeature], tmp_path: Path) -> None:
    items = [StacItem.model_validate(entry.data) for entry in raw[:60]]
    dumps = _write_both(tmp_path, lambda: [items[:25], items[25:]], {"limit": 60})
    _assert_same(dumps, 60)


def test_unusual_items_give_identical_layers(raw: list[RawFeature], tmp_path: Path) -> None:
    square = [[[10, 10], [11, 10], [11, 11], [10, 11], [10, 10]]]
    crossing = [[[179.5, 10.0], [-179.5, 10.0], [-179.5, 11.0], [179.5, 11.0], [179.5, 10.0]]]
    multi = hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000002", [])
    multi["geometry"] = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
            [[[2, 0], [3, 0], [3, 1], [2, 1], [2, 0]]],
        ],
    }
    bare = hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000003", [])
    bare["geometry"] = None
    odd = copy.deepcopy(raw[0].data)
    odd["id"] += "_odd"
    odd["properties"].update(
        {
            "datetime": "2024-03-01T12:30:00.5+02:00",  # an offset: the converting path
            "view:incidence_angle": 30,  # an int where a float is expected
            "proj:epsg": 32633.0,  # a float where an int is expected
            "sar:product_type": "XYZ",  # a product type the palette does not know
        }
    )
    items = [
        hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000001", square),
        hand_item("CAPELLA_C01_SP_GEO_HH_20240101000000_20240101000004", crossing),
        multi,
        bare,
        hand_item(
            "CAPELLA_C01_SP_NUL_HH_20240101000000_20240101000005",
            square,
            **{"sar:product_type": None, "start_datetime": "2024-05-12T17:17:08.841022Z"},
        ),
    ]
    dumps = _write_both(tmp_path, lambda: [items, [RawFeature(odd)]])
    _assert_same(dumps, 6)


def test_the_summary_is_read_back_from_the_layer(raw: list[RawFeature], tmp_path: Path) -> None:
    entries = raw
    out = write_footprints(raw, tmp_path / "s.gpkg", "s")
    fields = (*RESULT_FIELDS, "no_such_field")
    summary = summarize(out, fields).summary
    assert summary is not None
    assert summary.fids == list(range(1, len(entries) + 1))
    first = entries[0].data["properties"]
    row = summary.rows[0]
    assert row[0] == entries[0].id
    assert row[1] == first["datetime"][:10] + " " + first["datetime"][11:19]
    assert row[RESULT_FIELDS.index("product_type")] == first["sar:product_type"]
    assert row[RESULT_FIELDS.index("incidence_angle")] == pytest.approx(
        first["view:incidence_angle"]
    )
    assert row[-1] is None  # not a footprint field: an empty column
    for field, key in (
        ("product_type", "sar:product_type"),
        ("observation_direction", "sar:observation_direction"),
        ("orbit_state", "sat:orbit_state"),
    ):
        expected = sorted({e.data["properties"][key] for e in entries})
        assert summary.style_values[field] == expected
    assert summary.time_range_complete
    # write_footprints reads the style values back too (no list columns asked for).
    assert out.summary is not None and out.summary.rows == []
    assert out.summary.style_values == summary.style_values


def test_search_task_writes_the_same_layer_with_each_store(tmp_path: Path) -> None:
    outputs = []
    for name, store in sorted(support.STORES.items()):
        client, _ = make_client(FakeCatalog(2000))
        outcomes: list[SearchOutcome] = []
        task = SearchTask(
            CatalogQuery(limit=2000),
            tmp_path / f"{name}.gpkg",
            "task",
            client=client,
            mode="parallel",
            store=store,
            on_success=outcomes.append,
            on_error=pytest.fail,
        )
        task.finished(task.run())
        out = outcomes[0].output
        assert out is not None and out.summary is not None
        assert out.feature_count == 2000
        assert out.summary.fids == list(range(1, 2001))
        assert [row[0] for row in out.summary.rows] == [i["id"] for i in FakeCatalog(2000).items]
        outputs.append(out)
    dumps = [_dump(out) for out in outputs]
    for dump, out in zip(dumps, outputs):
        dump["summary"] = out.summary
        # Each search has its own id: in the metadata and in every row's search_id.
        dump["metadata"].pop("CAPELLA_SEARCH_ID")
        at = [name for name, *_ in dump["fields"]].index("search_id")
        dump["features"] = [(fid, v[:at] + v[at + 1 :], g) for fid, v, g in dump["features"]]
        dump["rows"] = [row[: at + 2] + row[at + 3 :] for row in dump["rows"]]
    _assert_same(dumps, 2000)


@pytest.mark.parametrize("store", sorted(support.STORES))
def test_a_layer_written_beside_another_writer_is_the_layer_written_alone(
    raw: list[RawFeature], tmp_path: Path, store: str
) -> None:
    """Writers of one file take turns per page: each layer is exactly what it is alone."""
    factory = support.STORES[store]

    def write(path: Path, name: str, pages: list[list[RawFeature]]) -> FootprintOutput:
        writer = factory(path, name, search_query={"q": name}, search_id=SEARCH_ID)
        writer.create()
        for page in pages:
            writer.prepare(page)
            writer.add(page)
        return writer.finish()

    alone = _dump(write(tmp_path / "alone.gpkg", "same", _raw_pages(raw, 70)))
    shared = tmp_path / "shared.gpkg"
    barrier = threading.Barrier(2)
    outs: dict[str, FootprintOutput] = {}
    errors: list[BaseException] = []

    def run(name: str) -> None:
        pages = _raw_pages(raw, 70 if name == "same" else 45)
        barrier.wait(60)
        try:
            outs[name] = write(shared, name, pages)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(n,)) for n in ("same", "other")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors and sorted(outs) == ["other", "same"], errors
    beside = _dump(outs["same"])
    for key in alone:
        assert beside[key] == alone[key], key
    assert _dump(outs["other"])["count"] == len(raw)


def test_the_results_list_reads_the_rows_of_a_layer_shown_without_them(
    raw: list[RawFeature], tmp_path: Path
) -> None:
    out = summarize(write_footprints(raw, tmp_path / "l.gpkg", "l"), RESULT_FIELDS)
    assert out.summary is not None
    layer = open_footprint_layer(out.path, out.layer_name)
    view = ResultsView()
    try:
        view.set_layer(layer)  # no rows handed over: read from the layer's GeoPackage
        assert view.results.fids == out.summary.fids
        assert view.results.rows == out.summary.rows
    finally:
        view.set_layer(None)
        view.deleteLater()
