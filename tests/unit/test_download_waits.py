"""Bounded waits in downloads: cancel wakes every blocking wait, silent servers, Retry-After cap."""

from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from capella_qgis.core.api.http import MAX_RETRY_AFTER, RetryPolicy
from capella_qgis.core.download import DownloadEngine, DownloadJob
from tests.console_emulator import Emulator
from tests.unit.download_support import STAC_A, FakeAssetHost, engine_for, payload, sha

PATH = f"/bucket/{STAC_A}/{STAC_A}.tif"
# Cancel latency bound: the behaviour is "within 1 s"; the rest is margin for a loaded CI.
CANCEL_BOUND = 1.5


class SilentServer:
    """A TCP server that accepts, reads the request, optionally sends a prefix, then is silent.

    ``prefix`` is sent once per connection (e.g. headers and part of a body). The server keeps
    every connection open for ``hold`` seconds (then closes it), so a client that does not
    bound its waits is stuck for that long.
    """

    def __init__(self, prefix: bytes = b"", hold: float = 10.0) -> None:
        self.prefix = prefix
        self.hold = hold
        self.accepted = 0
        self._sock = socket.create_server(("127.0.0.1", 0))
        self._sock.settimeout(0.2)
        self._stop = threading.Event()
        self._conns: list[socket.socket] = []
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        port = self._sock.getsockname()[1]
        return f"http://127.0.0.1:{port}{PATH}?X-Amz-Signature=sig1&X-Amz-Credential=secret"

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                continue
            self.accepted += 1
            self._conns.append(conn)
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        try:
            conn.settimeout(5)
            data = b""
            while b"\r\n\r\n" not in data:
                piece = conn.recv(65536)
                if not piece:
                    return
                data += piece
            if self.prefix:
                conn.sendall(self.prefix)
            self._stop.wait(self.hold)
        except OSError:
            pass
        finally:
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._sock.close()
        for conn in self._conns:
            with contextlib.suppress(OSError):
                conn.close()


@pytest.fixture
def silent() -> Iterator[Any]:
    servers: list[SilentServer] = []

    def make(prefix: bytes = b"", hold: float = 10.0) -> SilentServer:
        server = SilentServer(prefix, hold)
        servers.append(server)
        return server

    yield make
    for server in servers:
        server.close()


def _job(url: str, tmp_path: Path) -> DownloadJob:
    return DownloadJob(STAC_A, "HH", url, tmp_path / STAC_A / f"{STAC_A}.tif", "SLC")


def _engine(**policy: Any) -> DownloadEngine:
    return DownloadEngine(
        segments_per_file=1,
        check_disk_space=False,
        progress_interval=0.0,
        retry=RetryPolicy.asset(**policy),
    )


def _cancel_later(delay: float) -> tuple[threading.Event, list[float]]:
    """An event set ``delay`` s from now; the list gets the time it was set."""
    event = threading.Event()
    at: list[float] = []

    def fire() -> None:
        at.append(time.monotonic())
        event.set()

    threading.Timer(delay, fire).start()
    return event, at


# --- cancel ends every blocking wait ---------------------------------------------------------


def test_cancel_wakes_a_body_read_from_a_stalled_server(tmp_path: Path, silent: Any) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\nAccept-Ranges: bytes\r\n\r\n"
    server = silent(head + b"x" * 100_000)
    job = _job(server.url, tmp_path)
    cancel, at = _cancel_later(0.5)
    report = _engine().run([job], cancel_event=cancel)
    assert time.monotonic() - at[0] < CANCEL_BOUND
    assert [o.status for o in report.outcomes] == ["cancelled"]
    assert job.part_path.stat().st_size == 100_000  # what arrived is kept for resume
    assert not job.target.exists()


def test_cancel_wakes_a_wait_for_response_headers(tmp_path: Path, silent: Any) -> None:
    server = silent()  # connects, then never answers
    job = _job(server.url, tmp_path)
    cancel, at = _cancel_later(0.5)
    report = _engine().run([job], cancel_event=cancel)
    assert time.monotonic() - at[0] < CANCEL_BOUND
    assert [o.status for o in report.outcomes] == ["cancelled"]


def test_cancel_does_not_wait_for_a_blocked_connect(tmp_path: Path) -> None:
    # DNS and connect cannot be interrupted in the calling thread (no socket to shut yet).
    release = threading.Event()

    def handler(request: httpx.Request) -> httpx.Response:
        release.wait(10)  # a resolver or a SYN that takes its time
        return httpx.Response(200, content=b"late")

    engine = DownloadEngine(
        transport=httpx.MockTransport(handler), segments_per_file=1, check_disk_space=False
    )
    job = DownloadJob(STAC_A, "HH", f"https://assets.example.com{PATH}", tmp_path / "a.tif", "SLC")
    cancel, at = _cancel_later(0.3)
    try:
        report = engine.run([job], cancel_event=cancel)
        assert time.monotonic() - at[0] < CANCEL_BOUND
    finally:
        release.set()
    assert [o.status for o in report.outcomes] == ["cancelled"]
    assert not job.target.exists() and not job.part_path.exists()  # the late answer is dropped


def test_is_cancelled_is_polled_during_a_retry_after_wait(tmp_path: Path) -> None:
    # Processing has no event to set: the engine asks feedback.isCanceled() itself.
    host = FakeAssetHost()
    job = DownloadJob(STAC_A, "HH", host.add(PATH, payload(1000)), tmp_path / "a.tif", "SLC")
    host.statuses[PATH] = [(429, {"Retry-After": "60"})]
    engine = DownloadEngine(transport=host.transport(), segments_per_file=1, check_disk_space=False)
    flag: list[float] = []
    threading.Timer(0.3, lambda: flag.append(time.monotonic())).start()
    report = engine.run([job], is_cancelled=lambda: bool(flag))
    assert time.monotonic() - flag[0] < CANCEL_BOUND
    assert [o.status for o in report.outcomes] == ["cancelled"]


# --- one policy bounds every wait ------------------------------------------------------------


def test_retry_after_above_the_cap_waits_the_cap_and_says_so(tmp_path: Path) -> None:
    host = FakeAssetHost()
    data = payload(5000)
    job = DownloadJob(STAC_A, "HH", host.add(PATH, data), tmp_path / "a.tif", "SLC")
    host.statuses[PATH] = [(429, {"Retry-After": "600"})]
    engine, sleeps = engine_for(host, segments_per_file=1)
    waits: list[tuple[str, float, str]] = []
    report = engine.run([job], on_wait=lambda j, s, why: waits.append((j.key, s, why)))
    assert report.ok and sha(job.target.read_bytes()) == sha(data)
    assert sleeps == [MAX_RETRY_AFTER]
    assert waits[0] == (job.key, MAX_RETRY_AFTER, "HTTP 429 from the file server")
    assert waits[-1][1] == 0  # the wait is over: the UI clears its notice


def test_waits_beyond_the_budget_give_up_saying_when(tmp_path: Path) -> None:
    host = FakeAssetHost()
    job = DownloadJob(STAC_A, "HH", host.add(PATH, payload(5000)), tmp_path / "a.tif", "SLC")
    host.statuses[PATH] = [(503, {"Retry-After": "100"})] * 10
    retry = RetryPolicy.asset(sleep=lambda s: None, jitter=False, wait_budget=250)
    engine, _ = engine_for(host, segments_per_file=1, retry=retry)
    report = engine.run([job])
    reason = report.failed[0].reason
    assert len(host.gets(PATH)) == 3  # waited 100 + 100; a third 100 s wait exceeds 250 s
    assert "busy (HTTP 503)" in reason and "asks to wait 100 s" in reason
    assert "gave up after waiting 200 s" in reason and "UTC" in reason
    assert report.failed[0].error is not None
    assert report.failed[0].error.code == "SERVER_WAIT_EXCEEDED"


def test_silent_server_gives_up_after_the_wait_budget(tmp_path: Path, silent: Any) -> None:
    server = silent()  # connect, then silence: each attempt ends at the silence timeout
    job = _job(server.url, tmp_path)
    engine = _engine(silence_timeout=0.3, wait_budget=1.0, max_attempts=100, base_delay=0.05)
    started = time.monotonic()
    report = engine.run([job])
    elapsed = time.monotonic() - started
    reason = report.failed[0].reason
    assert "the file server sent nothing for 0.3 s" in reason, reason
    assert "gave up after waiting" in reason and "Traceback" not in reason
    assert 1.0 <= elapsed < 5.0  # the budget, not 100 attempts
    assert 2 <= server.accepted < 10


def test_silence_timeout_bounds_a_stall_mid_body(tmp_path: Path, silent: Any) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 1000000\r\n\r\n"
    server = silent(head + b"x" * 1000)
    job = _job(server.url, tmp_path)
    engine = _engine(silence_timeout=0.3, wait_budget=1.0, base_delay=0.05, max_attempts=3)
    started = time.monotonic()
    report = engine.run([job])
    reason = report.failed[0].reason
    assert "the file server sent nothing for 0.3 s" in reason, reason
    assert time.monotonic() - started < 5.0


def test_asset_client_timeouts_come_from_the_policy() -> None:
    engine = _engine(silence_timeout=7.0)
    timeout = engine.client_timeout()
    assert (timeout.connect, timeout.read, timeout.write, timeout.pool) == (7.0, 7.0, 7.0, 7.0)


# --- redirect loops ---------------------------------------------------------------------------


def test_redirect_loop_is_a_clear_download_error(tmp_path: Path) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(302, headers={"Location": str(request.url)})

    url = f"https://assets.example.com{PATH}?X-Amz-Signature=sig1&X-Amz-Credential=secret"
    engine = DownloadEngine(
        transport=httpx.MockTransport(handler), segments_per_file=1, check_disk_space=False
    )
    report = engine.run([DownloadJob(STAC_A, "HH", url, tmp_path / "a.tif", "SLC")])
    reason = report.failed[0].reason
    assert "the server redirected too many times; last location" in reason, reason
    assert f"assets.example.com{PATH}" in reason
    assert "unexpected error" not in reason and "TooManyRedirects" not in reason
    assert "sig1" not in reason and "secret" not in reason
    assert 1 < len(seen) <= 30  # httpx' limit (20 hops), not retried 5 times
    error = report.failed[0].error
    assert error is not None and error.code == "TOO_MANY_REDIRECTS"


# --- segmented downloads against the emulator ------------------------------------------------


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    emulator = Emulator(items=40, seed=7, asset_size=3_000_000).start()
    yield emulator
    emulator.stop()


def test_cancel_wakes_every_segment_of_a_stalled_file(tmp_path: Path, emu: Emulator) -> None:
    entry = next(e for e in emu.state.entries if "HH" in emu.assets.filenames(e))
    name = emu.assets.filenames(entry)["HH"]
    job = DownloadJob(entry.id, "HH", emu.presign(entry.id, "HH", 3600), tmp_path / name, "SLC")
    emu.faults.add("stall", "/assets/*", after_bytes=100_000, seconds=60)
    engine = DownloadEngine(
        segments_per_file=4, segment_threshold=256 * 1024, check_disk_space=False, adaptive=False
    )
    cancel, at = _cancel_later(1.0)
    try:
        report = engine.run([job], cancel_event=cancel)
        assert time.monotonic() - at[0] < CANCEL_BOUND
    finally:
        emu.faults.clear()  # wakes the emulator's stalled writers
    assert [o.status for o in report.outcomes] == ["cancelled"]
    bodies = [r for r in emu.requests("asset") if r.headers.get("Range") != "bytes=0-0"]
    assert len(bodies) == 4  # every segment was stalled, none retried after the cancel
    assert job.sidecar_path.exists()  # the segments' progress is kept for resume
