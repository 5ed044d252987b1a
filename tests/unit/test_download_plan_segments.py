"""Engine segment plan: the last wave of files shares the connections (per-connection caps)."""

from __future__ import annotations

from pathlib import Path

import pytest

from capella_qgis.core.download import DownloadEngine, DownloadJob
from tests.unit.download_support import STAC_A, FakeAssetHost, engine_for, payload, sha


def _jobs(count: int, tmp_path: Path) -> list[DownloadJob]:
    return [
        DownloadJob(f"{STAC_A}_{i}", "HH", f"https://a.example/{i}", tmp_path / f"{i}.tif", "GEO")
        for i in range(count)
    ]


@pytest.mark.parametrize(
    ("files", "connections", "tail", "share"),
    [
        (40, 32, 8, 4),  # 32 whole files, then 8 files in 4 ranges each
        (40, 24, 16, 3),  # 16 files on 24 connections: two rounds of a third of a file
        (40, 8, 0, 1),  # full waves: nothing to split
        (1, 8, 1, 8),  # one large file gets every connection
        (3, 8, 3, 8),
    ],
)
def test_plan_splits_only_the_last_wave(
    tmp_path: Path, files: int, connections: int, tail: int, share: int
) -> None:
    jobs = _jobs(files, tmp_path)
    plan = DownloadEngine(max_connections=connections)._segment_plan(jobs)
    split = [job for job in jobs if plan.get(job.key, 1) > 1]
    assert split == jobs[files - tail :] if share > 1 else split == []
    assert {plan.get(job.key, 1) for job in split} <= {share}


def test_one_segment_per_file_disables_splitting(tmp_path: Path) -> None:
    engine = DownloadEngine(max_connections=8, segments_per_file=1)
    assert engine._segment_plan(_jobs(3, tmp_path)) == {}


def test_tail_file_is_fetched_in_ranges_and_byte_identical(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = [payload(600_000 + i) for i in range(5)]
    jobs = []
    for i, blob in enumerate(data):
        url = host.add(f"/bucket/{STAC_A}/f{i}.tif", blob)
        jobs.append(DownloadJob(STAC_A, f"f{i}", url, tmp_path / f"f{i}.tif", "GEO"))
    engine, _ = engine_for(host, max_connections=4, segment_threshold=256 * 1024, adaptive=False)
    report = engine.run(jobs)
    assert report.ok
    assert [sha(job.target.read_bytes()) for job in jobs] == [sha(blob) for blob in data]
    by_file = {
        i: [r.headers.get("range") for r in host.gets(f"/bucket/{STAC_A}/f{i}.tif")]
        for i in range(5)
    }
    assert all(by_file[i] == ["bytes=0-"] for i in range(4))  # the first wave: one GET each
    probe, *ranges = by_file[4]  # the last wave: a size probe, then parallel ranges
    assert probe == "bytes=0-0" and len(ranges) >= 3
    assert all(r and r.startswith("bytes=") for r in ranges)
    assert host.body_bytes() == sum(len(blob) for blob in data)
