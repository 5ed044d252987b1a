"""Asset-host HTTP plumbing: auth-free client, status classification, retries, URL refresh."""

from __future__ import annotations

import contextlib
import logging
import math
import re
import socket
import threading
import time
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Generic, Optional, TypeVar

import httpx

from capella_qgis.core.api.errors import parse_retry_after
from capella_qgis.core.api.http import CANCEL_POLL, RetryPolicy, make_http_client
from capella_qgis.core.download.errors import (
    AssetNotFoundError,
    DownloadError,
    RedirectLoopError,
    ServerWaitError,
    UrlExpiredError,
)
from capella_qgis.core.download.plan import DownloadJob
from capella_qgis.core.exceptions import CancelledError
from capella_qgis.core.redact import redact_text, redact_url, strip_query

log = logging.getLogger("capella_qgis.download")
T = TypeVar("T")

_CONTENT_RANGE_RE = re.compile(r"bytes\s+(?:(\d+)-(\d+)|\*)/(\d+|\*)", re.IGNORECASE)
# S3 answers an expired or re-signed-needed presigned URL with 403 and one of these.
_EXPIRED_MARKERS = ("accessdenied", "request has expired", "signaturedoesnotmatch", "expired")
# Fresh links per file before giving up: a link that keeps expiring is not a clock problem.
MAX_URL_REFRESHES = 3
# on_wait(job, seconds_left, reason): a retry wait started or counts down; 0 when it is over.
WaitFn = Callable[[DownloadJob, float, str], None]
# Bytes one socket read may return. httpcore asks for 64 KiB: 16,384 reads (each a system
# call, a poll and a GIL hand-over between the download threads) per GiB. A read returns
# what the kernel already holds, so a larger limit only ever saves calls, never waits longer.
# 256 KiB, not more: with 32 connections each holds up to one such piece (peak memory).
READ_SIZE = 1 << 18


class RetryableError(Exception):
    """A transient failure: back off and try again (resuming from what is on disk)."""

    def __init__(
        self,
        reason: str,
        *,
        progressed: bool = False,
        retry_after: Optional[float] = None,
        immediate: bool = False,
        status: Optional[int] = None,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.progressed = progressed
        self.retry_after = retry_after
        self.immediate = immediate
        self.status = status


def parse_content_range(value: Optional[str]) -> tuple[Optional[int], Optional[int], Optional[int]]:
    """``bytes a-b/total`` → (a, b, total); ``bytes */total`` → (None, None, total)."""
    match = _CONTENT_RANGE_RE.search(value or "")
    if not match:
        return None, None, None
    start, end, total = match.groups()
    return (
        int(start) if start is not None else None,
        int(end) if end is not None else None,
        int(total) if total not in (None, "*") else None,
    )


def body_length(response: httpx.Response) -> Optional[int]:
    # A content-encoded length is not the length of the object's bytes.
    if response.headers.get("Content-Encoding", "identity").lower() not in ("", "identity"):
        return None
    value = response.headers.get("Content-Length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def host_proxies(
    urls: Iterable[str], proxy_for: Callable[[str], Optional[str]]
) -> dict[str, Optional[str]]:
    """The proxy for each distinct ``scheme://host:port`` of ``urls`` (None = direct)."""
    proxies: dict[str, Optional[str]] = {}
    for url in urls:
        parsed = httpx.URL(url)
        key = f"{parsed.scheme}://{parsed.host}:{parsed.port or ''}".rstrip(":")
        if key not in proxies:
            proxies[key] = proxy_for(url)
    return proxies


def make_client(
    *,
    proxy: Optional[str] = None,
    verify: Any = True,
    transport: Optional[httpx.BaseTransport] = None,
    timeout: Optional[httpx.Timeout] = None,
    max_connections: int = 4,
    proxies: Optional[dict[str, Optional[str]]] = None,
) -> httpx.Client:
    """An httpx client that never carries API credentials to the asset host.

    ``proxies`` maps ``scheme://host[:port]`` to the proxy that host needs (QGIS decides per
    URL: exclusions and no-proxy lists differ between the API and the S3 hosts).
    ``timeout`` defaults to the asset policy's silence timeout for every phase.
    """
    return make_http_client(
        proxy=proxy,
        proxies=proxies,
        verify=verify,
        transport=transport,
        timeout=timeout or silence_timeout(RetryPolicy.asset()),
        max_connections=max_connections,
        # Presigned S3 links may redirect; ApiHostAuth (no credential) keeps every hop bare.
        follow_redirects=True,
        headers={"Accept-Encoding": "identity"},
    )


def silence_timeout(retry: RetryPolicy) -> httpx.Timeout:
    """The asset client's timeouts: no phase (connect, answer, next byte) waits longer."""
    return httpx.Timeout(retry.silence_timeout)


def _seconds(value: float) -> str:
    """``0.3``, ``30``, ``245``: tenths only where they matter."""
    return str(round(value)) if value >= 10 else f"{round(value, 1):g}"


def _location(url: httpx.URL) -> str:
    """``host[:port]/path`` of a URL, never its (presigned) query."""
    return url.netloc.decode("ascii", "replace") + url.path


def _widen_reads(stream: Any, size: int = READ_SIZE) -> None:
    """Let ``stream.read`` (httpcore's network stream of one connection) return up to ``size``.

    Set on the instance, so only this client's connections read wider; a stream without the
    ``read(max_bytes, timeout)`` httpcore documents is left as it is.
    """
    read = getattr(stream, "read", None)
    if not callable(read):
        return

    def wide(max_bytes: int, timeout: Optional[float] = None) -> Any:
        return read(max(max_bytes, size), timeout)

    with contextlib.suppress(AttributeError, TypeError):
        stream.read = wide


def _shutdown(stream: Any) -> None:
    """Shut a connection's socket down: a read blocked on it in any thread returns at once.

    ``shutdown``, unlike ``close``, is safe while another thread reads the socket; the plain
    socket method is used so a TLS socket's state is left to its reader.
    """
    try:
        sock = stream.get_extra_info("socket")
    except Exception:  # a stream that is already closed or not a real socket
        return
    if isinstance(sock, socket.socket):
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Call(Generic[T]):
    """``fn()`` on a helper thread, so the caller can stop waiting for it (cancel).

    DNS, connect and the wait for the response headers cannot be interrupted in the calling
    thread; an abandoned call finishes on its own (bounded by the client's timeouts, and cut
    short by the requester's abort) and hands any late response to ``discard``.
    """

    def __init__(self, fn: Callable[[], T], discard: Callable[[T], None]) -> None:
        self.done = threading.Event()
        self._discard = discard
        self._lock = threading.Lock()
        self._value: Optional[T] = None
        self._error: Optional[BaseException] = None
        self._abandoned = False
        threading.Thread(target=self._run, args=(fn,), name="capella-dl-send", daemon=True).start()

    def _run(self, fn: Callable[[], T]) -> None:
        value: Optional[T] = None
        error: Optional[BaseException] = None
        try:
            value = fn()
        except BaseException as exc:  # handed to the caller, whatever it is
            error = exc
        with self._lock:
            abandoned = self._abandoned
            self._value, self._error = value, error
            self.done.set()
        if abandoned and value is not None:
            self._discard(value)

    def result(self, cancel_event: threading.Event) -> T:
        """The call's value (or its exception); CancelledError within CANCEL_POLL of a cancel."""
        while not self.done.wait(CANCEL_POLL):
            if cancel_event.is_set():
                with self._lock:
                    self._abandoned = not self.done.is_set()
                if self._abandoned:
                    raise CancelledError()
        if self._error is not None:
            raise self._error
        if cancel_event.is_set() and self._value is not None:
            self._discard(self._value)
            raise CancelledError()
        return self._value  # type: ignore[return-value]


class UrlHolder:
    """The job's current presigned URL; concurrent segments share one refresh per expiry."""

    def __init__(
        self,
        job: DownloadJob,
        refresh: Optional[Callable[[DownloadJob], str]],
        limit: int = MAX_URL_REFRESHES,
    ) -> None:
        self.job = job
        self._refresh = refresh
        self._limit = limit
        self._lock = threading.Lock()
        self.generation = 0

    def get(self) -> tuple[str, int]:
        with self._lock:
            return self.job.url, self.generation

    def refresh(self, seen_generation: int, cause: UrlExpiredError) -> None:
        with self._lock:
            if self.generation != seen_generation:
                return  # another segment already refreshed it
            if self._refresh is None:
                raise cause
            if self.generation >= self._limit:
                raise UrlExpiredError(
                    f"{self.job.key}: the download link kept expiring after "
                    f"{self.generation} refreshes",
                    status=403,
                )
            log.info("Refreshing expired download link for %s", self.job.key)
            new_url = self._refresh(self.job)
            if not new_url:
                raise cause
            self.job.url = str(new_url)
            self.generation += 1


class Requester:
    """Runs one request attempt at a time under the shared connection budget, with retries.

    Every wait ends within a fraction of a second of ``cancel_event``: retry waits poll it,
    requests run on a helper thread the caller stops waiting for, and ``abort`` (the engine's
    cancel watcher) shuts down every socket of the client so blocked body reads return.
    """

    def __init__(
        self,
        client: httpx.Client,
        retry: RetryPolicy,
        slots: threading.Semaphore,
        cancel_event: threading.Event,
        on_wait: Optional[WaitFn] = None,
        capacity: Optional[int] = None,
    ) -> None:
        self.client = client
        self.retry = retry
        self.slots = slots
        # How many connections ``slots`` allows (None: unknown); see idle_connections.
        self.capacity = capacity
        self.cancel_event = cancel_event
        self.on_wait = on_wait
        self._wanted = 0  # requests holding or waiting for a connection slot (_slots_lock)
        self._slots_lock = threading.Lock()
        # Every connection this client opened (the trace hook sees each one connect).
        self._streams: weakref.WeakSet[Any] = weakref.WeakSet()
        self._streams_lock = threading.Lock()
        self._aborted = False

    def check_cancel(self) -> None:
        if self.cancel_event.is_set():
            raise CancelledError()

    def idle_connections(self) -> Optional[int]:
        """Connection slots no request holds or waits for (None: the capacity is unknown).

        A split takes only these: a slot another file's request waits for is not free.
        """
        if self.capacity is None:
            return None
        with self._slots_lock:
            return max(0, self.capacity - self._wanted)

    @contextmanager
    def _slot(self) -> Iterator[None]:
        with self._slots_lock:
            self._wanted += 1
        try:
            with self.slots:
                yield
        finally:
            with self._slots_lock:
                self._wanted -= 1

    def abort(self) -> None:
        """Cancel: wake every read blocked on this client's connections (any thread)."""
        with self._streams_lock:
            self._aborted = True
            streams = list(self._streams)
        for stream in streams:
            _shutdown(stream)

    def _trace(self, name: str, info: dict[str, Any]) -> None:
        # httpcore's documented trace hook: connect_tcp / start_tls (direct or via a proxy)
        # return the new network stream.
        if not name.endswith((".connect_tcp.complete", ".start_tls.complete")):
            return
        stream = info.get("return_value")
        if stream is None:
            return
        _widen_reads(stream)
        with self._streams_lock:
            self._streams.add(stream)
            aborted = self._aborted
        if aborted:
            _shutdown(stream)  # connected after the cancel: end this request too

    def sleep(self, seconds: float, job: Optional[DownloadJob] = None, reason: str = "") -> None:
        """The policy's wait; a cancel ends it at once (CancelledError).

        ``on_wait`` hears the seconds left about every second, and 0 once the wait is over.
        """
        tick: Optional[Callable[[float], None]] = None
        on_wait = self.on_wait
        if on_wait is not None and job is not None and seconds > 0:

            def tick(remaining: float) -> None:
                on_wait(job, remaining, reason)

        try:
            if seconds > 0:
                self.retry.wait(seconds, self.cancel_event.is_set, tick)
        finally:
            if tick is not None:
                tick(0.0)
        self.check_cancel()

    @contextmanager
    def get(self, job: DownloadJob, url: str, headers: dict[str, str]) -> Iterator[httpx.Response]:
        """GET under a connection slot; non-2xx/416 statuses become exceptions.

        A cancel turns whatever the broken connection raised into CancelledError, and a body
        that merely ended after a cancel is not taken for the end of the file.
        """
        self.check_cancel()
        with self._slot():
            response = self._send(job, url, headers)
            try:
                self._raise_for_status(job, response)
                yield response
            except httpx.TransportError as exc:
                self.check_cancel()
                raise self._retryable(exc) from None
            except RetryableError as exc:
                self.check_cancel()
                cause = exc.__context__
                if isinstance(cause, httpx.TimeoutException):
                    exc.reason = f"{self._timeout_reason(cause)}; {exc.reason}"
                raise
            finally:
                response.close()
        self.check_cancel()

    def _send(self, job: DownloadJob, url: str, headers: dict[str, str]) -> httpx.Response:
        request = self.client.build_request(
            "GET", url, headers=headers, extensions={"trace": self._trace}
        )
        call = _Call(lambda: self.client.send(request, stream=True), lambda r: r.close())
        try:
            return call.result(self.cancel_event)
        except httpx.TooManyRedirects as exc:
            try:
                where = _location(exc.request.url)  # the hop it would have followed next
            except RuntimeError:
                where = _location(request.url)
            raise RedirectLoopError(
                f"{job.key}: the server redirected too many times; last location {where}"
            ) from None
        except httpx.TransportError as exc:
            raise self._retryable(exc) from None

    def _retryable(self, exc: httpx.TransportError) -> RetryableError:
        if isinstance(exc, httpx.TimeoutException):
            return RetryableError(self._timeout_reason(exc))
        return RetryableError(f"{type(exc).__name__}: {redact_text(exc)}")

    def _timeout_reason(self, exc: httpx.TimeoutException) -> str:
        timeout = self.client.timeout
        if isinstance(exc, httpx.ConnectTimeout):
            return f"no connection to the file server within {_seconds(timeout.connect or 0)} s"
        if isinstance(exc, httpx.PoolTimeout):
            return f"no free connection to the file server within {_seconds(timeout.pool or 0)} s"
        if isinstance(exc, httpx.WriteTimeout):
            return f"the file server took nothing for {_seconds(timeout.write or 0)} s"
        return f"the file server sent nothing for {_seconds(timeout.read or 0)} s"

    def _raise_for_status(self, job: DownloadJob, response: httpx.Response) -> None:
        status = response.status_code
        if status in (200, 206, 416):
            return
        where = strip_query(response.request.url)
        if status == 403:
            text = response.read()[:4096].decode("utf-8", "replace")
            if any(marker in text.lower() for marker in _EXPIRED_MARKERS):
                raise UrlExpiredError(f"{job.key}: download link expired ({where})", status=403)
            raise DownloadError(
                f"{job.key}: access denied by the file server ({where})", status=403
            )
        if status == 404:
            raise AssetNotFoundError(
                f"{job.key}: file not found on the server ({where})", status=404
            )
        if self.retry.retryable_status(status):
            # A Retry-After above the policy's cap is waited for as the cap (RetryPolicy.delay);
            # the file's wait budget decides when to stop asking.
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            raise RetryableError(
                f"HTTP {status} from the file server", retry_after=retry_after, status=status
            )
        raise DownloadError(f"{job.key}: unexpected HTTP {status} from {where}", status=status)

    def with_retries(self, job: DownloadJob, holder: UrlHolder, attempt: Callable[[str], T]) -> T:
        """Call ``attempt(url)`` until it succeeds; refresh expired URLs; bounded back-off.

        Two bounds: ``max_attempts`` failures, and ``wait_budget`` seconds spent waiting
        (retry waits, and attempts that brought nothing new, e.g. a silent server); both
        start again when an attempt makes progress.
        """
        failures = 0
        waited = 0.0
        while True:
            self.check_cancel()
            url, generation = holder.get()
            started = time.monotonic()
            try:
                return attempt(url)
            except UrlExpiredError as exc:
                holder.refresh(generation, exc)
            except RetryableError as exc:
                # A connection the cancel watcher broke is a cancel, not a failed attempt.
                self.check_cancel()
                if exc.progressed:
                    failures, waited = 0, 0.0  # the server is making progress; only stalls count
                else:
                    waited += time.monotonic() - started
                failures += 1
                log.warning(
                    "%s: %s (attempt %d of %d) for %s",
                    job.key,
                    exc.reason,
                    failures,
                    self.retry.max_attempts,
                    redact_url(url),
                )
                if failures >= self.retry.max_attempts:
                    raise DownloadError(
                        f"{job.key}: download failed after {failures} attempts: {exc.reason}"
                    ) from None
                delay = 0.0 if exc.immediate else self.retry.delay(failures, exc.retry_after)
                if waited + delay > self.retry.wait_budget:
                    raise ServerWaitError(_gave_up(job, exc, waited)) from None
                if delay > 0:
                    self.sleep(delay, job, exc.reason)
                    waited += delay


def _gave_up(job: DownloadJob, exc: RetryableError, waited: float) -> str:
    """Why a file stopped waiting for its server, and when a new try makes sense."""
    spent = f"gave up after waiting {_seconds(waited)} s"
    if exc.retry_after is None:
        return f"{job.key}: {exc.reason}; {spent} for the file server"
    seconds = math.ceil(exc.retry_after)
    at = datetime.now(timezone.utc) + timedelta(seconds=seconds)
    return (
        f"{job.key}: the file server is busy (HTTP {exc.status}) and asks to wait {seconds} s; "
        f"{spent}; try again after {at:%H:%M:%S} UTC"
    )
