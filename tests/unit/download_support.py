"""Shared fakes for the download tests: an in-process S3-like asset host on httpx.MockTransport."""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Optional

import httpx

from capella_qgis.core.api.http import RetryPolicy
from capella_qgis.core.download import DownloadEngine

ASSET_HOST = "https://assets.example.com"
STAC_A = "CAPELLA_C13_SM_SLC_HH_20240512171708_20240512171713"
STAC_B = "CAPELLA_C13_SM_GEO_HH_20240512171708_20240512171713"
_RANGE_RE = re.compile(r"bytes=(\d+)-(\d*)")
EXPIRED_XML = b"<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>"


def payload(size: int, seed: int = 1) -> bytes:
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"{seed}-{counter}".encode()).digest()
        counter += 1
    return bytes(out[:size])


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _Stream(httpx.SyncByteStream):
    """Body that yields ``data`` in pieces and optionally dies after ``fail_after`` bytes."""

    def __init__(self, data: bytes, fail_after: Optional[int] = None, host: Any = None):
        self.data, self.fail_after, self.piece = data, fail_after, 64 * 1024
        self.sent = 0
        self.host = host
        self.closed = False

    def close(self) -> None:
        if not self.closed and self.host is not None:
            self.closed = True
            with self.host.lock:
                self.host.active -= 1

    def __iter__(self) -> Iterator[bytes]:
        limit = len(self.data) if self.fail_after is None else min(self.fail_after, len(self.data))
        pos = 0
        while pos < limit:
            chunk = self.data[pos : min(limit, pos + self.piece)]
            pos += len(chunk)
            self.sent += len(chunk)
            yield chunk
        if self.fail_after is not None:
            raise httpx.ReadError("connection reset by peer")


@dataclass
class Logged:
    method: str
    path: str
    query: str
    headers: dict[str, str]
    status: int = 0
    body_bytes: int = 0


@dataclass
class FakeAssetHost:
    """Files by URL path; per-test fault knobs; a request log with bytes served."""

    files: dict[str, bytes] = field(default_factory=dict)
    ignore_range: bool = False
    no_length: bool = False
    wrong_length: int = 0
    reset_after: dict[str, list[int]] = field(default_factory=dict)  # path -> byte counts
    statuses: dict[str, list[tuple[int, dict[str, str]]]] = field(default_factory=dict)
    valid_tokens: set[str] = field(default_factory=lambda: {"sig1"})
    log: list[Logged] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    streams: list[tuple[Logged, _Stream]] = field(default_factory=list)
    active: int = 0
    peak: int = 0

    def url(self, path: str, sig: str = "sig1") -> str:
        return f"{ASSET_HOST}{path}?X-Amz-Signature={sig}&X-Amz-Credential=secret"

    def add(self, path: str, data: bytes) -> str:
        self.files[path] = data
        return self.url(path)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def body_bytes(self, path: Optional[str] = None) -> int:
        return sum(s.sent for rec, s in self.streams if path is None or rec.path == path)

    def gets(self, path: Optional[str] = None) -> list[Logged]:
        return [r for r in self.log if path is None or r.path == path]

    def handle(self, request: httpx.Request) -> httpx.Response:
        path = request.url.path
        rec = Logged(request.method, path, request.url.query.decode(), dict(request.headers))
        with self.lock:
            self.log.append(rec)
            queued = self.statuses.get(path) or []
            forced = queued.pop(0) if queued else None
        if forced is not None:
            rec.status = forced[0]
            return httpx.Response(forced[0], headers=forced[1], content=forced[1].get("body", ""))
        if request.url.params.get("X-Amz-Signature") not in self.valid_tokens:
            rec.status = 403
            return httpx.Response(403, content=EXPIRED_XML)
        data = self.files.get(path)
        if data is None:
            rec.status = 404
            return httpx.Response(404, content=b"<Error><Code>NoSuchKey</Code></Error>")
        size = len(data)
        start, end, status = 0, size - 1, 200
        headers: dict[str, str] = {"Accept-Ranges": "bytes"}
        m = _RANGE_RE.match(request.headers.get("Range", ""))
        if m and not self.ignore_range:
            start = int(m.group(1))
            end = min(int(m.group(2)), size - 1) if m.group(2) else size - 1
            if start >= size:
                rec.status = 416
                return httpx.Response(416, headers={"Content-Range": f"bytes */{size}"})
            status = 206
            headers["Content-Range"] = f"bytes {start}-{end}/{size}"
        body = data[start : end + 1]
        if not self.no_length:
            headers["Content-Length"] = str(len(body) + self.wrong_length)
        with self.lock:
            fails = self.reset_after.get(path) or []
            fail_after = fails.pop(0) if fails else None
        stream = _Stream(body, fail_after, self)
        rec.status = status
        with self.lock:
            self.streams.append((rec, stream))
            self.active += 1
            self.peak = max(self.peak, self.active)
        return httpx.Response(status, headers=headers, stream=stream)


class Sleeps(list):
    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def engine_for(host: FakeAssetHost, **kw: Any) -> tuple[DownloadEngine, Sleeps]:
    sleeps = Sleeps()
    retry = kw.pop("retry", None) or RetryPolicy.asset(sleep=sleeps, jitter=False)
    kw.setdefault("chunk_size", 64 * 1024)
    kw.setdefault("check_disk_space", False)
    kw.setdefault("progress_interval", 0.0)
    return DownloadEngine(transport=host.transport(), retry=retry, **kw), sleeps
