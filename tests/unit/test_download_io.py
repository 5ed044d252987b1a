"""Download I/O per byte: wide socket reads, positioned writes, no buffer between (issue #20)."""

from __future__ import annotations

import hashlib
import os
import socket
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from capella_qgis.core.api.http import RetryPolicy
from capella_qgis.core.download import DownloadEngine, DownloadJob
from capella_qgis.core.download.http import READ_SIZE, _widen_reads
from capella_qgis.core.download.segments import write_at
from tests.console_emulator import Emulator

SIZE = 3_000_000


@pytest.fixture(scope="module")
def emu() -> Iterator[Emulator]:
    emulator = Emulator(items=10, seed=7, asset_size=SIZE).start()
    yield emulator
    emulator.stop()


def _job(emu: Emulator, tmp_path: Path) -> tuple[DownloadJob, Path]:
    entry = next(e for e in emu.state.entries if "HH" in emu.assets.filenames(e))
    url = emu.presign(entry.id, "HH", 3600)
    name = emu.assets.filenames(entry)["HH"]
    job = DownloadJob(entry.id, "HH", url, tmp_path / name, "SLC")
    return job, Path(emu.store.path(entry.item, "HH"))


def _engine(**kw: Any) -> DownloadEngine:
    kw.setdefault("retry", RetryPolicy.asset(sleep=lambda s: None, jitter=False))
    return DownloadEngine(check_disk_space=False, progress_interval=0.0, **kw)


class _RecvSizes:
    """Records the byte counts asked of every socket ``recv`` in this process."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.asked: list[int] = []
        self._lock = threading.Lock()
        real = socket.socket.recv

        def recv(sock: socket.socket, size: int, *args: Any) -> bytes:
            with self._lock:
                self.asked.append(size)
            return real(sock, size, *args)

        monkeypatch.setattr(socket.socket, "recv", recv)


@pytest.mark.parametrize("segments", [1, 4])
def test_body_reads_ask_the_socket_for_a_mebibyte(
    emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, segments: int
) -> None:
    job, source = _job(emu, tmp_path)
    recvs = _RecvSizes(monkeypatch)
    engine = _engine(max_connections=segments, segment_threshold=256 * 1024, adaptive=False)
    report = engine.run([job])
    assert report.ok
    assert hashlib.sha256(job.target.read_bytes()).digest() == (
        hashlib.sha256(source.read_bytes()).digest()
    )
    # httpcore asks for 64 KiB per read: 16 reads (and GIL hand-overs) per MiB.
    assert recvs.asked and max(recvs.asked) >= READ_SIZE == 1 << 18


def test_widen_reads_keeps_the_stream_contract() -> None:
    calls: list[tuple[int, Any]] = []

    class Stream:
        def read(self, max_bytes: int, timeout: Any = None) -> bytes:
            calls.append((max_bytes, timeout))
            return b"x"

    stream = Stream()
    _widen_reads(stream)
    assert stream.read(65536, 5.0) == b"x" and calls == [(READ_SIZE, 5.0)]
    stream.read(4 * READ_SIZE)  # a larger request is never narrowed
    assert calls[-1] == (4 * READ_SIZE, None)
    _widen_reads(object())  # no read method: left alone, no error


def test_segments_write_each_piece_at_its_offset(
    emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(os, "pwrite"):
        pytest.skip("no os.pwrite on this platform")
    job, source = _job(emu, tmp_path)
    writes: list[int] = []
    real = os.pwrite

    def pwrite(fd: int, data: Any, offset: int) -> int:
        writes.append(len(data))
        return real(fd, data, offset)

    monkeypatch.setattr(os, "pwrite", pwrite)
    engine = _engine(max_connections=4, segment_threshold=256 * 1024, adaptive=False)
    assert engine.run([job]).ok
    assert job.target.read_bytes() == source.read_bytes()
    # Every byte written once, straight from the network piece (no growing buffer between).
    assert sum(writes) == source.stat().st_size


def test_write_at_without_pwrite_seeks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "f.part"
    path.write_bytes(b"\0" * 10)
    monkeypatch.delattr(os, "pwrite", raising=False)  # as on Windows
    with open(path, "r+b", buffering=0) as fh:
        write_at(fh, b"abc", 5)
        write_at(fh, b"zz", 0)
    assert path.read_bytes() == b"zz\0\0\0abc\0\0"
