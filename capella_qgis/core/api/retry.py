"""RetryPolicy: bounded exponential backoff with jitter, Retry-After and idempotency rules."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Callable, Optional

import httpx

from capella_qgis.core.api.errors import parse_retry_after
from capella_qgis.core.exceptions import CancelledError, RateLimitedError

# Statuses answered before the request was processed: safe to resend even a creating POST.
NOT_PROCESSED_STATUSES = frozenset({429, 503})
RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})
# Transport failures that prove the request never reached the server.
NOT_SENT_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.ConnectError,
    httpx.ConnectTimeout,
    httpx.PoolTimeout,
)
# Failures after (part of) the request may have been processed: idempotent calls only.
MAYBE_SENT_EXCEPTIONS: tuple[type[Exception], ...] = (
    httpx.ReadTimeout,
    httpx.ReadError,
    httpx.WriteError,
    httpx.WriteTimeout,
    httpx.RemoteProtocolError,
)
IDEMPOTENT_METHODS = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS", "PATCH"})


@dataclass
class RetryPolicy:
    """When and how long to wait before resending a request.

    ``max_delay`` caps the computed backoff; a server ``Retry-After`` is honoured as given up to
    ``max_retry_after`` (waiting less than asked would only earn another 429) and above that we
    give up at once with a RateLimitedError that tells the user when to retry.
    """

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    jitter: bool = True
    sleep: Callable[[float], None] = time.sleep
    rng: Callable[[], float] = random.random
    max_retry_after: float = 120.0
    delays: list[float] = field(default_factory=list, repr=False)

    def backoff(self, attempt: int) -> float:
        """Delay before attempt ``attempt + 1`` (``attempt`` is 1-based)."""
        delay = min(self.max_delay, self.base_delay * (2 ** (attempt - 1)))
        if self.jitter:
            # "Equal jitter": keeps at least half the delay, spreads concurrent clients.
            delay = delay / 2 + self.rng() * delay / 2
        return delay

    def delay_for_response(
        self, response: httpx.Response, attempt: int, idempotent: bool
    ) -> Optional[float]:
        """Seconds to wait before retrying ``response``, or None to stop and surface it."""
        status = response.status_code
        if status not in RETRYABLE_STATUSES:
            return None
        if not idempotent and status not in NOT_PROCESSED_STATUSES:
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if retry_after is not None and retry_after > self.max_retry_after:
            if status == 429:
                raise RateLimitedError(
                    "Too Many Requests", retry_after=retry_after, status=429, code="RATE_LIMITED"
                )
            return None
        if attempt >= self.max_attempts:
            return None
        if retry_after is not None:
            return retry_after
        return self.backoff(attempt)

    def delay_for_exception(
        self, exc: Exception, attempt: int, idempotent: bool
    ) -> Optional[float]:
        if attempt >= self.max_attempts:
            return None
        if isinstance(exc, NOT_SENT_EXCEPTIONS):
            return self.backoff(attempt)
        if idempotent and isinstance(exc, MAYBE_SENT_EXCEPTIONS):
            return self.backoff(attempt)
        return None

    def _wait(self, delay: float, is_cancelled: Optional[Callable[[], bool]]) -> None:
        if is_cancelled is not None and is_cancelled():
            raise CancelledError()
        self.delays.append(delay)
        self.sleep(delay)
        if is_cancelled is not None and is_cancelled():
            raise CancelledError()

    def run(
        self,
        send: Callable[[], httpx.Response],
        *,
        idempotent: bool,
        is_cancelled: Optional[Callable[[], bool]] = None,
        on_retry: Optional[Callable[[int, float, str], None]] = None,
    ) -> httpx.Response:
        """Call ``send`` until it succeeds or the policy says stop.

        Returns the last response (possibly an error status, for the caller to map); re-raises
        the last transport exception when retries are exhausted or not allowed.
        """
        attempt = 0
        while True:
            attempt += 1
            try:
                response = send()
            except httpx.TransportError as exc:
                delay = self.delay_for_exception(exc, attempt, idempotent)
                if delay is None:
                    raise
                if on_retry is not None:
                    on_retry(attempt, delay, type(exc).__name__)
                self._wait(delay, is_cancelled)
                continue
            delay = self.delay_for_response(response, attempt, idempotent)
            if delay is None:
                return response
            response.close()
            if on_retry is not None:
                on_retry(attempt, delay, f"HTTP {response.status_code}")
            self._wait(delay, is_cancelled)


def is_idempotent_method(method: str) -> bool:
    return method.upper() in IDEMPOTENT_METHODS


NO_RETRY = RetryPolicy(max_attempts=1)
