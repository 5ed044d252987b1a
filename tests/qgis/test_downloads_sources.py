"""Downloads through the task manager for every input kind and filter (Console emulator)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from capella_qgis.core.download.sources import (
    CollectSource,
    ItemsSource,
    OrderSource,
    TaskingRequestSource,
    UrlSource,
)
from capella_qgis.tasks.task_download import DownloadRequest, DownloadResult, format_progress
from tests.qgis.downloads_support import (
    entries_with,
    make_task,
    place_order,
    presigned_items,
    run_task,
    sha,
    source,
)


def _check(emulator: Any, result: DownloadResult) -> None:
    report = result.report
    assert report.ok, report.summary()
    for outcome in report.completed:
        assert outcome.verified
        src = source(emulator, outcome.job.stac_id, outcome.job.asset_key)
        assert sha(outcome.path) == sha(src)
        assert not outcome.job.part_path.exists()


def test_order_id_with_raster_filter(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    entries = entries_with(emulator, "GEO", 2)
    order_id = place_order(emulator, entries)
    request = DownloadRequest(OrderSource(order_id), tmp_path, include=["raster"])
    task = make_task(emulator, request, tmp_path)
    snaps: list[Any] = []
    task.progressSnapshot.connect(snaps.append)
    ok, errors = run_task(qtbot, task)
    assert not errors, errors
    result = ok[0]
    _check(emulator, result)
    assert {o.job.asset_key for o in result.report.outcomes} <= {"HH", "VV"}
    assert {o.job.stac_id for o in result.report.outcomes} == {e.id for e in entries}
    for outcome in result.report.outcomes:  # <folder>/<stac_id>/<file>
        assert outcome.path.parent == tmp_path / outcome.job.stac_id
    assert snaps and snaps[-1].bytes_done == snaps[-1].bytes_total
    assert "KiB" in task.last_description or "MiB" in task.last_description
    assert "/" in format_progress(snaps[-1])


def test_exclude_beats_include_and_flat_layout(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    entries = entries_with(emulator, "GEO", 1)
    order_id = place_order(emulator, entries)
    request = DownloadRequest(
        OrderSource(order_id),
        tmp_path,
        include=["raster", "thumbnail"],
        exclude=["raster"],
        separate_dirs=False,
    )
    ok, errors = run_task(qtbot, make_task(emulator, request, tmp_path))
    assert not errors, errors
    outcomes = ok[0].report.outcomes
    assert [o.job.asset_key for o in outcomes] == ["thumbnail"]
    assert outcomes[0].path.parent == tmp_path


def test_product_type_filter_on_presigned_items(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    entries = entries_with(emulator, "GEO", 1) + entries_with(emulator, "SLC", 1)
    order_id = place_order(emulator, entries)
    items = presigned_items(emulator, order_id)
    emulator.clear_requests()
    request = DownloadRequest(
        ItemsSource(tuple(items)), tmp_path, product_types=["slc"], include=["raster"]
    )
    ok, errors = run_task(qtbot, make_task(emulator, request, tmp_path))
    assert not errors, errors
    _check(emulator, ok[0])
    assert {o.job.stac_id for o in ok[0].report.outcomes} == {entries[1].id}
    assert not emulator.requests("api")  # presigned items need no API call


def test_single_url(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    entry = entries_with(emulator, "GEO", 1)[0]
    url = emulator.presign(entry.id, "HH")
    request = DownloadRequest(UrlSource(url), tmp_path)
    ok, errors = run_task(qtbot, make_task(emulator, request, tmp_path))
    assert not errors, errors
    outcome = ok[0].report.completed[0]
    assert sha(outcome.path) == sha(source(emulator, entry.id, "HH"))


def _user_task(emulator: Any, status: str) -> str:
    user_id = emulator.state.user["id"]
    for tr_id, rec in emulator.state.tasks.items():
        props = rec["properties"]
        mine = props.get("userId") == user_id and props["statusHistory"][0]["code"] == status
        if mine and (status != "completed" or emulator.state.collects.get(tr_id)):
            return str(tr_id)
    raise AssertionError(f"no {status} tasking request")


def test_a_download_task_never_orders(qtbot: Any, emulator: Any, tmp_path: Path) -> None:
    """Collects and tasking requests are ordered through the review (the Orders controller's
    dialog, or the Processing algorithm's logged review), never by a download task."""
    entry = entries_with(emulator, "GEO", 1)[0]
    for src in (
        CollectSource((entry.props["capella:collect_id"],)),
        TaskingRequestSource((_user_task(emulator, "completed"),)),
    ):
        emulator.clear_requests()
        request = DownloadRequest(src, tmp_path, include=["HH", "VV"])
        ok, errors = run_task(qtbot, make_task(emulator, request, tmp_path))
        assert not ok and "review the order first" in errors[0], errors
        assert not [r for r in emulator.requests("api") if r.path.startswith("/orders")]
        assert not list(tmp_path.rglob("*.tif"))


def test_insufficient_disk_space_is_refused(
    qtbot: Any, emulator: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10, 10, 0))
    entry = entries_with(emulator, "GEO", 1)[0]
    order_id = place_order(emulator, [entry])
    request = DownloadRequest(OrderSource(order_id), tmp_path, include=["raster"])
    ok, errors = run_task(qtbot, make_task(emulator, request, tmp_path))
    # Presigned items carry no size, so the per-file check (once the size is known) refuses.
    assert not errors
    report = ok[0].report
    assert not report.ok and "disk space" in report.failed[0].reason
    assert not report.failed[0].job.target.exists()
