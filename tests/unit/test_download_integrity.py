"""Download integrity: work-file names never collide with assets; only our own .part resumes."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from capella_qgis.core.download import (
    AssetFilter,
    DownloadEngine,
    DownloadJob,
    plan_downloads,
    sanitize_filename,
)
from capella_qgis.core.download.plan import WORK_SUFFIXES
from capella_qgis.core.download.sources import ItemsSource, resolve
from capella_qgis.core.exceptions import InputError
from tests.console_emulator import Emulator
from tests.unit.download_support import STAC_A, STAC_B, FakeAssetHost, engine_for, payload, sha

CHUNK = 64 * 1024


@dataclass
class EtagHost(FakeAssetHost):
    """The fake S3 host, with an ETag per object that changes when the object does."""

    etags: dict[str, str] = field(default_factory=dict)

    def add(self, path: str, data: bytes) -> str:
        self.etags[path] = f'"{sha(data)[:16]}"'
        return super().add(path, data)

    def handle(self, request: httpx.Request) -> httpx.Response:
        response = super().handle(request)
        etag = self.etags.get(request.url.path)
        if etag and response.status_code in (200, 206, 416):
            response.headers["ETag"] = etag
        return response


def _ends_with_work_suffix(name: str) -> bool:
    return any(name.casefold().endswith(s) for s in WORK_SUFFIXES)


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ----------------------------------------------------------- asset names vs work-file names


def _colliding_item(host: FakeAssetHost) -> tuple[dict[str, Any], dict[str, bytes]]:
    """X.tif (5 MB) with a thumbnail X.tif.part and metadata Y.tif.part.json beside Y.tif."""
    served = {
        "HH": payload(5_000_000, seed=1),
        "thumbnail": payload(100, seed=2),
        "metadata": payload(300, seed=3),
        "VV": payload(2_000, seed=4),
    }
    names = {"HH": "X.tif", "thumbnail": "X.tif.part", "metadata": "Y.tif.part.json", "VV": "Y.tif"}
    assets = {
        key: {"href": host.add(f"/bucket/{STAC_A}/{names[key]}", data)}
        for key, data in served.items()
    }
    assets["HH"]["file:size"] = len(served["HH"])
    item = {"id": STAC_A, "properties": {"sar:product_type": "SLC"}, "assets": assets}
    return item, served


def _assert_identical(plan: list[DownloadJob], served: dict[str, bytes]) -> None:
    for job in plan:
        assert job.target.is_file(), f"{job.key}: {job.target.name} is missing"
        assert sha(job.target.read_bytes()) == sha(served[job.asset_key]), job.key


def test_assets_named_like_work_files_are_renamed_and_survive_two_runs(tmp_path: Path) -> None:
    host = FakeAssetHost()
    item, served = _colliding_item(host)
    plan = plan_downloads([item], tmp_path)
    names = {job.asset_key: job.target.name for job in plan}
    assert names["HH"] == "X.tif" and names["VV"] == "Y.tif"
    assert not any(_ends_with_work_suffix(n) for n in names.values()), names
    assert {f"{STAC_A}/thumbnail", f"{STAC_A}/metadata"} <= set(plan.renamed)
    engine, _ = engine_for(host, segments_per_file=1)
    for run in (1, 2):
        report = engine.run(plan)
        assert report.ok, (run, report.summary())
        _assert_identical(plan, served)
    assert report.summary().startswith("0 downloaded, 4 already present")
    assert _listing(tmp_path / STAC_A) == sorted(names.values())


def test_an_earlier_download_of_a_part_named_asset_is_never_resumed(tmp_path: Path) -> None:
    # Run 1 downloads only the thumbnail (X.tif.part) and metadata (Y.tif.part.json); run 2
    # everything: X.tif must not resume from the thumbnail, Y.tif must not eat the metadata.
    host = FakeAssetHost()
    item, served = _colliding_item(host)
    engine, _ = engine_for(host, segments_per_file=1)
    first = plan_downloads(
        [item], tmp_path, filters=AssetFilter.create(include=["thumbnail", "metadata"])
    )
    assert engine.run(first).ok
    _assert_identical(first, served)
    full = plan_downloads([item], tmp_path)
    for run in (2, 3):
        report = engine.run(full)
        assert report.ok, (run, report.summary())
        _assert_identical(full, served)
        _assert_identical(first, served)  # run 1's files are still there, unchanged


@pytest.mark.parametrize(
    "name", ["X.tif.part", "X.TIF.PART", "a.Part.Json", "a.part.json.TMP", "x.PART.lock", ".part"]
)
def test_sanitize_renames_names_ending_in_a_work_suffix(name: str) -> None:
    clean = sanitize_filename(name)
    assert clean != name and not _ends_with_work_suffix(clean)
    assert sanitize_filename(clean) == clean  # stable: a renamed name stays as it is


def test_truncation_never_produces_a_work_suffix() -> None:
    # 210 bytes; shortening the stem to fit 200 bytes leaves exactly "….part.json".
    name = "a" * 190 + ".part" + "x" * 10 + ".json"
    assert not _ends_with_work_suffix(name)
    clean = sanitize_filename(name)
    assert len(clean.encode()) <= 200 and not _ends_with_work_suffix(clean), clean[-12:]


def test_collisions_between_final_names_are_case_insensitive(tmp_path: Path) -> None:
    items = [
        {"id": STAC_A, "assets": {"HH": {"href": f"https://h.example/{STAC_A}/data.tif"}}},
        {"id": STAC_B, "assets": {"HH": {"href": f"https://h.example/{STAC_B}/DATA.TIF"}}},
    ]
    plan = plan_downloads(items, tmp_path, separate_dirs=False)
    assert len({j.target.name.casefold() for j in plan}) == 2


# ----------------------------------------------------------- only our own .part is resumed

PATH = f"/bucket/{STAC_A}/{STAC_A}.tif"


def _job(host: FakeAssetHost, tmp_path: Path, data: bytes, size: int | None = None) -> DownloadJob:
    url = host.add(PATH, data)
    return DownloadJob(STAC_A, "HH", url, tmp_path / STAC_A / f"{STAC_A}.tif", "SLC", size)


def _interrupted(host: EtagHost, job: DownloadJob, at: int, **kw: Any) -> int:
    """Run ``job`` until ``at`` bytes arrived, then cancel: our own .part (and sidecar) stay."""
    cancel = threading.Event()

    def progress(snap: Any) -> None:
        if snap.bytes_done >= at:
            cancel.set()

    engine, _ = engine_for(host, **kw)
    report = engine.run([job], progress=progress, cancel_event=cancel)
    assert report.cancelled and job.part_path.exists()
    return job.part_path.stat().st_size


def test_own_linear_part_resumes_from_its_size(tmp_path: Path) -> None:
    host = EtagHost()
    data = payload(10 * CHUNK)
    job = _job(host, tmp_path, data)
    kept = _interrupted(host, job, 3 * CHUNK, segments_per_file=1)
    assert job.sidecar_path.is_file()  # linear downloads have a sidecar too
    doc = json.loads(job.sidecar_path.read_text(encoding="utf-8"))
    assert (doc["stac_id"], doc["asset_key"]) == (STAC_A, "HH")
    assert doc["total"] == len(data) and doc["validator"] == "etag:" + host.etags[PATH]
    assert "sig1" not in job.sidecar_path.read_text() and "secret" not in json.dumps(doc)
    engine, _ = engine_for(host, segments_per_file=1)
    report = engine.run([job])
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    assert host.gets(PATH)[-1].headers["range"] == f"bytes={kept}-"
    assert _listing(job.target.parent) == [job.target.name]


@pytest.mark.parametrize("segments", [1, 4])
def test_part_without_sidecar_is_not_resumed(tmp_path: Path, segments: int) -> None:
    host = EtagHost()
    data = payload(1_000_000)
    job = _job(host, tmp_path, data)
    job.target.parent.mkdir(parents=True)
    job.part_path.write_bytes(b"someone else's bytes " * 5000)  # 105 000 bytes, no sidecar
    engine, _ = engine_for(
        host, segments_per_file=segments, segment_threshold=256 * 1024, adaptive=False
    )
    report = engine.run([job])
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    assert host.body_bytes(PATH) == len(data)  # every byte came from the server
    if segments == 1:
        assert host.gets(PATH)[0].headers["range"] == "bytes=0-"  # from byte 0
    assert _listing(job.target.parent) == [job.target.name]


def test_complete_part_of_an_older_version_is_not_taken_for_done(tmp_path: Path) -> None:
    host = EtagHost()
    old = payload(10 * CHUNK, seed=1)
    job = _job(host, tmp_path, old)
    _interrupted(host, job, 3 * CHUNK, segments_per_file=1)  # sidecar of the old version
    job.part_path.write_bytes(old)  # all of it: the resume asks beyond the end (416)
    new = payload(10 * CHUNK, seed=2)
    host.add(PATH, new)
    engine, _ = engine_for(host, segments_per_file=1)
    report = engine.run([job])
    assert report.ok and job.target.read_bytes() == new
    assert [r.status for r in host.gets(PATH)][-2:] == [416, 206]


def test_sidecar_is_written_before_the_first_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import capella_qgis.core.download.fetch as fetch_mod
    import capella_qgis.core.download.segments as segments_mod

    real_open = open
    seen: list[tuple[str, bool]] = []

    def watching_open(file: Any, mode: str = "r", *args: Any, **kw: Any) -> Any:
        path = Path(file)
        if path.name.endswith(".part") and any(m in mode for m in "wa+"):
            sidecar = path.with_name(path.name + ".json")
            seen.append((mode, sidecar.is_file()))
        return real_open(file, mode, *args, **kw)

    monkeypatch.setattr(fetch_mod, "open", watching_open, raising=False)
    monkeypatch.setattr(segments_mod, "open", watching_open, raising=False)
    host = EtagHost()
    linear = _job(host, tmp_path, payload(300_000))
    engine, _ = engine_for(host, segments_per_file=1)
    assert engine.run([linear]).ok
    big = DownloadJob(STAC_A, "VV", host.add("/b/big.tif", payload(1_000_000)), tmp_path / "b")
    engine, _ = engine_for(host, segments_per_file=4, segment_threshold=256 * 1024, adaptive=False)
    assert engine.run([big]).ok
    assert {m for m, _ in seen} >= {"wb", "r+b"} and all(ok for _, ok in seen), seen


def test_validator_is_the_etag_else_last_modified() -> None:
    from capella_qgis.core.download.segments import validator_of

    def response(**headers: str) -> httpx.Response:
        return httpx.Response(200, headers={k.replace("_", "-"): v for k, v in headers.items()})

    assert validator_of(response(ETag='"abc"', Last_Modified="x")) == 'etag:"abc"'
    modified = "Tue, 01 Dec 2026 10:00:00 GMT"
    assert validator_of(response(Last_Modified=modified)) == f"last-modified:{modified}"
    assert validator_of(response()) is None


@pytest.mark.parametrize(
    ("field_name", "value"),
    [
        ("asset_key", "VV"),  # another asset of the product wrote it
        ("stac_id", STAC_B),  # the same asset of another product
        ("total", 10 * CHUNK + 1),  # another size
        ("validator", '"an-older-etag"'),  # another version of the object
        ("version", 99),  # a format this version does not know
    ],
)
def test_part_with_someone_elses_sidecar_is_not_resumed(
    tmp_path: Path, field_name: str, value: Any
) -> None:
    host = EtagHost()
    data = payload(10 * CHUNK)
    job = _job(host, tmp_path, data)
    kept = _interrupted(host, job, 3 * CHUNK, segments_per_file=1)
    job.part_path.write_bytes(b"\xff" * kept)  # not the prefix of this asset
    doc = json.loads(job.sidecar_path.read_text(encoding="utf-8"))
    doc[field_name] = value
    job.sidecar_path.write_text(json.dumps(doc), encoding="utf-8")
    engine, _ = engine_for(host, segments_per_file=1)
    report = engine.run([job])
    assert report.ok, report.summary()
    assert sha(job.target.read_bytes()) == sha(data)
    assert _listing(job.target.parent) == [job.target.name]


def test_wrong_size_sidecar_is_rejected_before_any_request(tmp_path: Path) -> None:
    host = EtagHost()
    data = payload(10 * CHUNK)
    job = _job(host, tmp_path, data, size=len(data))
    kept = _interrupted(host, job, 3 * CHUNK, segments_per_file=1)
    job.part_path.write_bytes(b"\xff" * kept)
    doc = json.loads(job.sidecar_path.read_text(encoding="utf-8"))
    doc["total"] = len(data) - 1
    job.sidecar_path.write_text(json.dumps(doc), encoding="utf-8")
    host.log.clear()
    engine, _ = engine_for(host, segments_per_file=1)
    assert engine.run([job]).ok and sha(job.target.read_bytes()) == sha(data)
    assert [r.headers.get("range") for r in host.gets(PATH)] == ["bytes=0-"]


def test_linear_part_of_a_changed_object_starts_over(tmp_path: Path) -> None:
    host = EtagHost()
    old = payload(10 * CHUNK, seed=1)
    job = _job(host, tmp_path, old)
    _interrupted(host, job, 3 * CHUNK, segments_per_file=1)
    new = payload(10 * CHUNK, seed=2)  # same size, new ETag
    host.add(PATH, new)
    engine, _ = engine_for(host, segments_per_file=1)
    report = engine.run([job])
    assert report.ok and sha(job.target.read_bytes()) == sha(new)
    assert _listing(job.target.parent) == [job.target.name]


def test_segmented_part_of_a_changed_object_starts_over(tmp_path: Path) -> None:
    host = EtagHost()
    old = payload(3 * 1024 * 1024, seed=1)
    job = _job(host, tmp_path, old)
    seg = {"segments_per_file": 4, "segment_threshold": 256 * 1024, "adaptive": False}
    _interrupted(host, job, len(old) // 3, **seg)
    doc = json.loads(job.sidecar_path.read_text(encoding="utf-8"))
    assert doc["segments"] and doc["validator"] == "etag:" + host.etags[PATH]
    new = payload(len(old), seed=2)
    host.add(PATH, new)
    engine, _ = engine_for(host, **seg)
    report = engine.run([job])
    assert report.ok and sha(job.target.read_bytes()) == sha(new)
    assert _listing(job.target.parent) == [job.target.name]


def test_changed_object_between_segment_requests_is_not_mixed(tmp_path: Path) -> None:
    host = EtagHost()
    old, new = payload(3 * 1024 * 1024, seed=1), payload(3 * 1024 * 1024, seed=2)
    job = _job(host, tmp_path, old)
    orig = host.handle

    def handle(request: httpx.Request) -> httpx.Response:
        if len(host.log) == 2:  # after the probe and the first segment: a new version
            host.add(PATH, new)
        return orig(request)

    host.handle = handle  # type: ignore[method-assign]
    engine, _ = engine_for(host, segments_per_file=4, segment_threshold=256 * 1024, adaptive=False)
    report = engine.run([job])
    assert report.ok, report.summary()
    assert sha(job.target.read_bytes()) == sha(new)


def test_emulator_part_without_sidecar_is_not_resumed(emulator: Emulator, tmp_path: Path) -> None:
    entry = next(e for e in emulator.state.entries if "HH" in emulator.assets.filenames(e))
    name = emulator.assets.filenames(entry)["HH"]
    job = DownloadJob(entry.id, "HH", emulator.presign(entry.id, "HH", 3600), tmp_path / name)
    source = Path(emulator.store.path(entry.item, "HH")).read_bytes()
    tmp_path.joinpath(name + ".part").write_bytes(b"\0" * (len(source) // 2))
    engine = DownloadEngine(segments_per_file=1, check_disk_space=False, progress_interval=0.0)
    report = engine.run([job])
    assert report.ok and sha(job.target.read_bytes()) == sha(source)
    assert _listing(tmp_path) == [name]


# ----------------------------------------------------------- unsafe names are skipped, all


def _item_with_unsafe_assets(host: FakeAssetHost) -> tuple[dict[str, Any], dict[str, bytes]]:
    served = {"HH": payload(40_000, seed=5), "thumbnail": payload(500, seed=6)}
    assets: dict[str, Any] = {
        key: {"href": host.add(f"/bucket/{STAC_A}/{key}.bin", data)} for key, data in served.items()
    }
    assets["metadata"] = {"href": host.add(f"/bucket/{STAC_A}/..%2F..%2Fevil.json", b"x")}
    assets["preview"] = {"href": host.add(f"/bucket/{STAC_A}/%2E%2E", b"y")}
    assets["VV"] = {"href": host.add(f"/bucket/{STAC_A}/a%5Cb.tif", b"z")}
    return {"id": STAC_A, "assets": assets}, served


def test_unsafe_assets_are_skipped_and_all_reported(tmp_path: Path) -> None:
    host = FakeAssetHost()
    item, served = _item_with_unsafe_assets(host)
    plan = plan_downloads([item], tmp_path)
    assert sorted(j.asset_key for j in plan) == ["HH", "thumbnail"]
    skipped = {s.asset_key: s for s in plan.skipped_unsafe}
    assert sorted(skipped) == ["VV", "metadata", "preview"]
    assert all("Unsafe filename" in s.reason for s in skipped.values())
    assert "evil.json" in skipped["metadata"].reason and "a%5Cb.tif" in skipped["VV"].reason
    engine, _ = engine_for(host, segments_per_file=1)
    report = engine.run(plan)
    assert report.ok
    _assert_identical(plan, served)
    text = report.summary()
    assert "2 downloaded" in text and "3 skipped (unsafe name)" in text
    for key in ("VV", "metadata", "preview"):
        assert f"{STAC_A}/{key}: Unsafe filename" in text
    assert _listing(tmp_path) == [STAC_A]  # nothing escaped the download folder


def test_resolved_items_carry_the_skipped_assets_to_the_report(tmp_path: Path) -> None:
    host = FakeAssetHost()
    item, _ = _item_with_unsafe_assets(host)
    resolved = resolve(ItemsSource((item,)), None, tmp_path)
    assert len(resolved.jobs) == 2 and len(resolved.skipped_unsafe) == 3
    engine, _ = engine_for(host, segments_per_file=1)
    report = engine.run(resolved.jobs)
    assert report.ok and len(report.skipped_unsafe) == 3
    assert report.summary().count("Unsafe filename") == 3


def test_unsafe_product_folder_skips_that_product_only(tmp_path: Path) -> None:
    host = FakeAssetHost()
    good, _ = _item_with_unsafe_assets(host)
    bad = {"id": "..", "assets": {"thumbnail": {"href": host.add("/x/thumb.png", b"t")}}}
    plan = plan_downloads([bad, good], tmp_path)
    assert sorted(j.asset_key for j in plan) == ["HH", "thumbnail"]
    assert {(s.stac_id, s.asset_key) for s in plan.skipped_unsafe} >= {("..", "thumbnail")}
    assert ".." not in plan.empty_items


def test_only_unsafe_assets_is_an_error_naming_each(tmp_path: Path) -> None:
    host = FakeAssetHost()
    item = {
        "id": STAC_A,
        "assets": {
            "HH": {"href": host.add(f"/b/{STAC_A}/..%2Fone.tif", b"1")},
            "VV": {"href": host.add(f"/b/{STAC_A}/..%2Ftwo.tif", b"2")},
        },
    }
    with pytest.raises(InputError) as exc:
        resolve(ItemsSource((item,)), None, tmp_path)
    assert "one.tif" in exc.value.message and "two.tif" in exc.value.message


@pytest.mark.parametrize(
    "name",
    [
        "CON .tif",
        "con ",
        "COM¹.tif",
        "LPT².txt",
        "COM³",
        "CONIN$",
        "conout$.log",
        "COM0.tif",
        "LPT0",
        "nul .json",
        "Aux.tar.gz",
    ],
)
def test_windows_device_names_are_renamed(name: str) -> None:
    clean = sanitize_filename(name)
    assert clean.startswith("_"), clean
