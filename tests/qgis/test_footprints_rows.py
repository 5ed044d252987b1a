"""GeoPackage rows built straight from raw STAC dicts agree with the record (model) path."""

from __future__ import annotations

import copy
import json
import sqlite3
import threading
from pathlib import Path

import pytest

from capella_qgis.core.exceptions import MalformedResponseError
from capella_qgis.core.redact import strip_json_signatures
from capella_qgis.core.search.pages import RawFeature
from capella_qgis.core.search.query import CatalogQuery, SearchResult
from capella_qgis.footprints import rows as rows_mod
from capella_qgis.footprints.rows import RowBuilder, _record_values
from capella_qgis.footprints.schema import FIELD_NAMES
from capella_qgis.footprints.store import FootprintWriter
from capella_qgis.footprints.summary import summarize
from tests.unit.core_support import FakeCatalog, make_client


def _slow(entry: RawFeature) -> list:
    values, _ = _record_values(entry.data, "sid")
    return values


def _fast(entry: RawFeature) -> list:
    values = rows_mod._fast_values(entry.data, entry.text, "sid")
    assert values is not None, "the usual Console item must take the fast path"
    return values


def _raw(data: dict) -> RawFeature:
    return RawFeature(data, json.dumps(data))


def test_fast_rows_equal_record_rows_for_every_emulator_item(search_result: SearchResult) -> None:
    entries = search_result.entries
    assert all(isinstance(e, RawFeature) for e in entries)
    for entry in entries:
        fast, slow = _fast(entry), _slow(entry)
        # item_json differs only in form (wire text vs re-serialised model); compare as data
        at = FIELD_NAMES.index("item_json")
        assert json.loads(fast[at]) == json.loads(strip_json_signatures(entry.text))
        fast[at] = slow[at] = None
        assert fast == slow, entry.id


def _variant(base: dict, **props: object) -> dict:
    data = copy.deepcopy(base)
    data["properties"].update(props)
    return data


@pytest.mark.parametrize(
    ("props", "field", "expected", "fast"),
    [
        ({"datetime": "2024-03-01T10:00:00.123Z"}, "datetime", "2024-03-01T10:00:00.123Z", True),
        ({"datetime": "2024-03-01T10:00:00Z"}, "datetime", "2024-03-01T10:00:00.000Z", True),
        (
            {"datetime": "2024-03-01T10:00:00.123456+00:00"},
            "datetime",
            "2024-03-01T10:00:00.123Z",
            True,
        ),
        ({"datetime": "2024-03-01T10:00:00.9"}, "datetime", "2024-03-01T10:00:00.900Z", True),
        ({"datetime": "2024-03-01T12:30:00+02:00"}, "datetime", "2024-03-01T10:30:00.000Z", True),
        ({"view:incidence_angle": 30}, "incidence_angle", 30.0, True),
        ({"proj:epsg": 32633.0}, "epsg", 32633, True),
        ({"view:incidence_angle": True}, "incidence_angle", 1.0, False),
        ({"sar:polarizations": ["HH", "VV"]}, "polarizations", "HH,VV", True),
    ],
)
def test_unusual_values_convert_like_the_record_path(
    search_result: SearchResult,
    props: dict,
    field: str,
    expected: object,
    fast: bool,
) -> None:
    data = _variant(search_result.entries[0].data, **props)
    at = FIELD_NAMES.index(field)
    assert (rows_mod._fast_values(data, None, "sid") is not None) is fast
    built = RowBuilder("sid").build(_raw(data))
    assert built.row[2 + at] == expected
    assert built.row[2:] == [*_slow(_raw(data))[:-1], built.row[-1]]


@pytest.mark.parametrize(
    "props",
    [
        {"view:incidence_angle": "steep"},
        {"datetime": "yesterday"},
        {"datetime": "2024-02-30T10:00:00.000Z"},
        {"proj:epsg": 4326.5},
    ],
)
def test_malformed_items_raise_the_precise_catalog_error(
    search_result: SearchResult,
    props: dict,
) -> None:
    data = _variant(search_result.entries[0].data, **props)
    with pytest.raises(MalformedResponseError) as caught:
        RowBuilder("sid").build(_raw(data))
    assert "catalog search" in str(caught.value)


def test_rows_prepared_in_fetch_threads_are_used_once_and_released(tmp_path: Path) -> None:
    fake = FakeCatalog(2500)
    client, _ = make_client(fake)
    writer = FootprintWriter(tmp_path / "t.gpkg", "threads")
    threads: set[str] = set()
    built: list[int] = []
    original = RowBuilder.build

    def counting_build(self: RowBuilder, item: object) -> object:
        threads.add(threading.current_thread().name)
        built.append(1)
        return original(self, item)

    RowBuilder.build = counting_build  # type: ignore[method-assign]
    try:
        result = client.catalog.search(
            CatalogQuery(limit=2500),
            mode="parallel",
            on_parsed=writer.prepare,
            on_page=writer.add,
            keep_items=False,
        )
    finally:
        RowBuilder.build = original  # type: ignore[method-assign]
    out = summarize(writer.finish(), ("stac_id",))
    assert len(built) == 2500  # each row built once, none rebuilt by the writer
    assert any(name.startswith("capella-search") for name in threads)
    assert len(result) == 2500 and result.entries == []  # pages were not held
    assert out.feature_count == 2500
    assert [row[0] for row in out.summary.rows] == [i["id"] for i in fake.items[:2500]]


def test_released_features_keep_only_their_ids_and_the_layer_is_the_same(tmp_path: Path) -> None:
    fake = FakeCatalog(1200)
    client, _ = make_client(fake)
    outputs = []
    seen: list[RawFeature] = []
    for release in (False, True):
        writer = FootprintWriter(tmp_path / f"r{release}.gpkg", "released")

        def prepare(features: list, writer: FootprintWriter = writer, release: bool = release):
            writer.prepare(features, release=release)
            if release:
                seen.extend(features)

        client.catalog.search(
            CatalogQuery(limit=1200), on_parsed=prepare, on_page=writer.add, keep_items=False
        )
        fields = tuple(name for name in FIELD_NAMES if name != "search_id")  # one per writer
        outputs.append(summarize(writer.finish(), fields).summary.rows)
    assert outputs[0] == outputs[1]  # the rows were built before the features were slimmed
    assert len(seen) == 1200
    assert all(f.data == {"id": f.data["id"]} and f.text is None for f in seen)


def test_a_feature_whose_row_fails_is_not_released() -> None:
    bad = RawFeature({"id": "x", "geometry": {"type": "Point"}, "properties": "nope"}, "{}")
    RowBuilder("sid").prepare([bad], release=True)
    assert bad.prepared is None and bad.data["properties"] == "nope"  # rebuilt (and reported)


def test_a_failing_prepare_only_costs_its_speed(tmp_path: Path) -> None:
    fake = FakeCatalog(1000)
    client, _ = make_client(fake)
    writer = FootprintWriter(tmp_path / "f.gpkg", "failing")

    def broken(features: list) -> None:
        raise RuntimeError("boom")

    client.catalog.search(
        CatalogQuery(limit=1000), mode="parallel", on_parsed=broken, on_page=writer.add
    )
    assert writer.finish().feature_count == 1000


def test_new_geopackage_uses_large_pages_and_zero_results_leave_no_file(tmp_path: Path) -> None:
    writer = FootprintWriter(tmp_path / "big.gpkg", "big")
    writer.add(FakeCatalog(3).items)
    out = writer.finish()
    with sqlite3.connect(str(out.path)) as db:
        assert db.execute("PRAGMA page_size").fetchone()[0] == 65536
    empty = FootprintWriter(tmp_path / "none.gpkg", "none")
    empty.create()
    assert (tmp_path / "none.gpkg").exists()
    empty.abort()
    assert not (tmp_path / "none.gpkg").exists()
