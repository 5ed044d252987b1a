"""Asset-host HTTP plumbing: auth-free client, status classification, retries, URL refresh."""

from __future__ import annotations

import logging
import math
import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Optional, TypeVar

import httpx

from capella_qgis.core.api.errors import parse_retry_after
from capella_qgis.core.api.http import RetryPolicy, make_http_client
from capella_qgis.core.download.errors import (
    AssetNotFoundError,
    DownloadError,
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


class RetryableError(Exception):
    """A transient failure: back off and try again (resuming from what is on disk)."""

    def __init__(
        self,
        reason: str,
        *,
        progressed: bool = False,
        retry_after: Optional[float] = None,
        immediate: bool = False,
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.progressed = progressed
        self.retry_after = retry_after
        self.immediate = immediate


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
    """
    return make_http_client(
        proxy=proxy,
        proxies=proxies,
        verify=verify,
        transport=transport,
        timeout=timeout or httpx.Timeout(60.0, connect=20.0),
        max_connections=max_connections,
        # Presigned S3 links may redirect; ApiHostAuth (no credential) keeps every hop bare.
        follow_redirects=True,
        headers={"Accept-Encoding": "identity"},
    )


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
    """Runs one request attempt at a time under the shared connection budget, with retries."""

    def __init__(
        self,
        client: httpx.Client,
        retry: RetryPolicy,
        slots: threading.Semaphore,
        cancel_event: threading.Event,
    ) -> None:
        self.client = client
        self.retry = retry
        self.slots = slots
        self.cancel_event = cancel_event

    def check_cancel(self) -> None:
        if self.cancel_event.is_set():
            raise CancelledError()

    def sleep(self, seconds: float) -> None:
        """The policy's wait; a cancel ends it at once (CancelledError)."""
        if seconds > 0:
            self.retry.wait(seconds, self.cancel_event.is_set)
        self.check_cancel()

    @contextmanager
    def get(self, job: DownloadJob, url: str, headers: dict[str, str]) -> Iterator[httpx.Response]:
        """GET under a connection slot; non-2xx/416 statuses become exceptions."""
        self.check_cancel()
        with self.slots:
            try:
                with self.client.stream("GET", url, headers=headers) as response:
                    self._raise_for_status(job, response)
                    yield response
            except httpx.TransportError as exc:
                raise RetryableError(f"{type(exc).__name__}: {redact_text(exc)}") from None

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
            retry_after = parse_retry_after(response.headers.get("Retry-After"))
            if self.retry.retry_after_too_long(retry_after):
                raise DownloadError(_wait_too_long(job, status, retry_after), status=status)
            raise RetryableError(f"HTTP {status} from the file server", retry_after=retry_after)
        raise DownloadError(f"{job.key}: unexpected HTTP {status} from {where}", status=status)

    def with_retries(self, job: DownloadJob, holder: UrlHolder, attempt: Callable[[str], T]) -> T:
        """Call ``attempt(url)`` until it succeeds; refresh expired URLs; bounded back-off."""
        failures = 0
        while True:
            self.check_cancel()
            url, generation = holder.get()
            try:
                return attempt(url)
            except UrlExpiredError as exc:
                holder.refresh(generation, exc)
            except RetryableError as exc:
                if exc.progressed:
                    failures = 0  # the server is making progress; only stalls count
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
                if not exc.immediate:
                    self.sleep(self.retry.delay(failures, exc.retry_after))


def _wait_too_long(job: DownloadJob, status: int, retry_after: Optional[float]) -> str:
    seconds = math.ceil(retry_after or 0)
    at = datetime.now(timezone.utc) + timedelta(seconds=seconds)
    return (
        f"{job.key}: the file server is busy (HTTP {status}) and asks to wait {seconds} s; "
        f"try again after {at:%H:%M:%S} UTC"
    )
