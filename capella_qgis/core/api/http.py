"""One HTTP stack for the API and the asset host: client factory, retry policy, auth, waits."""

from __future__ import annotations

import random
import time
from collections.abc import Generator, Mapping
from dataclasses import dataclass
from typing import Any, Callable, Optional, Union

import httpx

from capella_qgis.core.api.credential import Credential
from capella_qgis.core.api.errors import parse_retry_after
from capella_qgis.core.exceptions import CancelledError, NetworkConfigError, RateLimitedError
from capella_qgis.core.redact import redact_text, redact_url
from capella_qgis.version import __version__

IsCancelled = Callable[[], bool]

USER_AGENT = f"capella-qgis/{__version__}"
DEFAULT_TIMEOUT = 60.0

# --- retry tables ----------------------------------------------------------------------------

# The one table of statuses worth another attempt, for the API and the asset host alike: each
# says "not now" rather than "not this" (408/425 request timing, 429 rate limit, 500 S3
# InternalError, 502/503/504 a gateway or a busy server). Everything else is final.
RETRYABLE_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Answered before the request was processed: safe to resend even a creating POST.
NOT_PROCESSED_STATUSES = frozenset({429, 503})
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

# The longest server-requested wait we sit out, for every request. A person is watching in
# both cases (a search, an order, a download's progress bar): beyond two minutes a message
# saying when to try again serves them better than a frozen bar, and downloads lose nothing by
# stopping (the .part resumes). Waiting less than asked would only earn another 429/503.
MAX_RETRY_AFTER = 120.0
# How soon a wait notices a cancel: well under the ~0.2 s a person perceives as instant.
CANCEL_POLL = 0.05
# How often a long wait reports the seconds left (a countdown the user can read).
TICK_INTERVAL = 1.0
# Downloads: an asset server that sends nothing (no answer, no byte) for this long is retried.
# S3 answers in well under a second and streams continuously; 30 s of silence is a dead
# connection or a stuck proxy, and the resumed attempt loses nothing.
SILENCE_TIMEOUT = 30.0
# Downloads: the most one file waits for its server (retry waits and silences since its last
# byte) before it gives up with a message; five minutes outlasts S3 throttling bursts.
WAIT_BUDGET = 300.0

# The OS generator: bandit (plugins.qgis.org) refuses the Mersenne Twister even for jitter.
_JITTER = random.SystemRandom()


def is_idempotent_method(method: str) -> bool:
    return method.upper() in IDEMPOTENT_METHODS


def cancellable_wait(
    seconds: float,
    is_cancelled: Optional[IsCancelled] = None,
    *,
    poll: float = CANCEL_POLL,
    tick: Optional[Callable[[float], Any]] = None,
) -> None:
    """Sleep ``seconds``; raise CancelledError within ``poll`` s of ``is_cancelled()``.

    ``tick(remaining)`` is called at the start and then every ``TICK_INTERVAL`` s.
    """
    deadline = time.monotonic() + max(0.0, seconds)
    next_tick = time.monotonic()
    while True:
        if is_cancelled is not None and is_cancelled():
            raise CancelledError()
        now = time.monotonic()
        remaining = deadline - now
        if remaining <= 0:
            return
        step = remaining
        if tick is not None:
            if now >= next_tick:
                tick(remaining)
                next_tick = now + TICK_INTERVAL
            step = min(step, max(0.0, next_tick - now))
        if is_cancelled is not None:
            step = min(step, poll)
        time.sleep(step)


@dataclass
class RetryPolicy:
    """When and how long to wait before sending a request again (API and asset host).

    ``max_delay`` caps the computed backoff. A server ``Retry-After`` is honoured as given up
    to ``max_retry_after``; above that the API stops at once (a RateLimitedError that says
    when to retry) and a download waits ``max_retry_after`` and tries again (``delay``), so
    no single wait is longer, whoever asks for one.
    ``silence_timeout`` and ``wait_budget`` bound downloads (the API has its own timeout):
    an asset server silent that long is retried, and a file that has waited ``wait_budget``
    seconds in all (retry waits and silences since its last byte) gives up with a message.
    Use the presets: ``RetryPolicy.api()`` (the defaults) and ``RetryPolicy.asset()``.
    ``sleep`` replaces the cancellable wait in tests.
    """

    max_attempts: int = 4
    base_delay: float = 0.5
    max_delay: float = 30.0
    jitter: bool = True
    max_retry_after: float = MAX_RETRY_AFTER
    silence_timeout: float = SILENCE_TIMEOUT
    wait_budget: float = WAIT_BUDGET
    sleep: Optional[Callable[[float], Any]] = None
    rng: Callable[[], float] = _JITTER.random

    @classmethod
    def api(cls, **changes: Any) -> RetryPolicy:
        """Console API calls: someone waits for the answer, so start short (0.5 s, 4 tries)."""
        return cls(**{"max_attempts": 4, "base_delay": 0.5, "max_delay": 30.0, **changes})

    @classmethod
    def asset(cls, **changes: Any) -> RetryPolicy:
        """Asset downloads: long transfers that resume, and S3 throttles (503 SlowDown) ask
        for patience, so one more try and longer first waits (1 s, 5 tries)."""
        return cls(**{"max_attempts": 5, "base_delay": 1.0, "max_delay": 30.0, **changes})

    @classmethod
    def never(cls) -> RetryPolicy:
        return cls(max_attempts=1)

    # ---------------------------------------------------------------------------- delays

    def backoff(self, attempt: int) -> float:
        """Delay before attempt ``attempt + 1`` (``attempt`` is 1-based)."""
        delay = min(self.max_delay, self.base_delay * (2 ** max(0, attempt - 1)))
        if self.jitter:
            # "Equal jitter": keeps at least half the delay, spreads concurrent clients.
            delay = delay / 2 + self.rng() * delay / 2
        return float(delay)

    def delay(self, attempt: int, retry_after: Optional[float] = None) -> float:
        """The server's ``Retry-After`` (at most ``max_retry_after``), else the backoff."""
        if retry_after is None:
            return self.backoff(attempt)
        return min(float(retry_after), self.max_retry_after)

    def retry_after_too_long(self, retry_after: Optional[float]) -> bool:
        return retry_after is not None and retry_after > self.max_retry_after

    def retryable_status(self, status: int, idempotent: bool = True) -> bool:
        if status not in RETRYABLE_STATUSES:
            return False
        return idempotent or status in NOT_PROCESSED_STATUSES

    def delay_for_response(
        self, response: httpx.Response, attempt: int, idempotent: bool
    ) -> Optional[float]:
        """Seconds to wait before retrying ``response``, or None to stop and surface it."""
        status = response.status_code
        if not self.retryable_status(status, idempotent):
            return None
        retry_after = parse_retry_after(response.headers.get("Retry-After"))
        if self.retry_after_too_long(retry_after):
            if status == 429:
                raise RateLimitedError(
                    "Too Many Requests", retry_after=retry_after, status=429, code="RATE_LIMITED"
                )
            return None
        if attempt >= self.max_attempts:
            return None
        return self.delay(attempt, retry_after)

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

    # ------------------------------------------------------------------------------ waits

    def wait(
        self,
        delay: float,
        is_cancelled: Optional[IsCancelled] = None,
        tick: Optional[Callable[[float], Any]] = None,
    ) -> None:
        """Wait ``delay`` seconds; a cancel ends the wait early with CancelledError.

        ``tick(remaining)`` counts the wait down (see ``cancellable_wait``).
        """
        if is_cancelled is not None and is_cancelled():
            raise CancelledError()
        if self.sleep is None:
            cancellable_wait(delay, is_cancelled, tick=tick)
        elif delay > 0:
            if tick is not None:
                tick(delay)
            self.sleep(delay)
        if is_cancelled is not None and is_cancelled():
            raise CancelledError()

    def run(
        self,
        send: Callable[[], httpx.Response],
        *,
        idempotent: bool,
        is_cancelled: Optional[IsCancelled] = None,
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
                self.wait(delay, is_cancelled)
                continue
            delay = self.delay_for_response(response, attempt, idempotent)
            if delay is None:
                return response
            response.close()
            if on_retry is not None:
                on_retry(attempt, delay, f"HTTP {response.status_code}")
            self.wait(delay, is_cancelled)


# --- credentials -----------------------------------------------------------------------------


def origin(url: Union[str, httpx.URL]) -> tuple[str, str, int]:
    """``(scheme, host, port)`` with the default port filled in."""
    parsed = httpx.URL(str(url))
    port = parsed.port or (443 if parsed.scheme == "https" else 80)
    return (parsed.scheme, parsed.host.lower(), port)


class ApiHostAuth(httpx.Auth):
    """The Authorization header, on requests to the API's scheme, host and port only.

    Presigned asset URLs (S3, another host or port) never get it, whoever builds the request;
    without a credential no request carries one (the asset client).
    """

    def __init__(self, credential: Optional[Credential] = None, api_url: str = "") -> None:
        self.credential = credential
        self.api_origin = origin(api_url) if api_url else None

    def applies_to(self, url: Union[str, httpx.URL]) -> bool:
        return self.api_origin is not None and origin(url) == self.api_origin

    def scrub(self, request: httpx.Request) -> None:
        """Drop an Authorization header the request must not carry (every hop, redirects too)."""
        if not self.applies_to(request.url):
            request.headers.pop("Authorization", None)

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        value = self.credential.header_value() if self.credential is not None else None
        if value and self.applies_to(request.url):
            request.headers["Authorization"] = value
        else:
            request.headers.pop("Authorization", None)
        yield request


# --- proxies ---------------------------------------------------------------------------------

_SOCKS_SCHEMES = ("socks5", "socks5h")


def check_proxy(proxy: Optional[str]) -> Optional[str]:
    """The proxy URL httpx should get, or NetworkConfigError for one it cannot use."""
    if not proxy:
        return None
    where = redact_url(proxy)
    try:
        url = httpx.URL(proxy)
    except httpx.InvalidURL:
        raise NetworkConfigError(f"The proxy address {where} is not a valid URL") from None
    scheme = url.scheme.lower()
    if scheme in ("http", "https"):
        return proxy
    if scheme in _SOCKS_SCHEMES:
        try:
            import socksio  # noqa: F401  (bundled; httpcore imports it for SOCKS)
        except ImportError:
            raise NetworkConfigError(
                f"The SOCKS5 proxy {where} needs the Python package socksio, which cannot be "
                "loaded. Reinstall the plugin, or use an HTTP proxy"
            ) from None
        if scheme == "socks5h":
            # httpcore sends the host name to the proxy for it to resolve: that is socks5h.
            return str(url.copy_with(scheme="socks5"))
        return proxy
    raise NetworkConfigError(
        f"The proxy {where} uses {scheme or 'no'} protocol, which the plugin cannot speak "
        "(HTTP, HTTPS or SOCKS5 only)"
    )


def _network_config_error(exc: Exception) -> NetworkConfigError:
    return NetworkConfigError(f"The network settings cannot be used: {redact_text(exc)}")


def make_http_client(
    *,
    base_url: str = "",
    auth: Optional[ApiHostAuth] = None,
    timeout: Union[float, httpx.Timeout] = DEFAULT_TIMEOUT,
    proxy: Optional[str] = None,
    proxies: Optional[Mapping[str, Optional[str]]] = None,
    verify: Any = True,
    transport: Optional[httpx.BaseTransport] = None,
    user_agent: Optional[str] = None,
    headers: Optional[Mapping[str, str]] = None,
    max_connections: int = 8,
    follow_redirects: bool = False,
) -> httpx.Client:
    """The one httpx client factory; ``auth`` (ApiHostAuth) decides who gets credentials.

    ``base_url`` resolves relative request paths (absolute URLs go where they say).
    ``proxy`` applies to every host; ``proxies`` maps ``scheme://host[:port]`` to the proxy
    that host needs (QGIS decides per URL). A ``transport`` (tests) replaces both.
    Proxy kinds httpx cannot use raise NetworkConfigError, never ImportError or ValueError.
    """
    auth = auth or ApiHostAuth()
    limits = httpx.Limits(
        max_connections=max_connections, max_keepalive_connections=max_connections
    )
    mounts: Optional[dict[str, Optional[httpx.BaseTransport]]] = None
    if transport is not None:
        proxy = None
    else:
        proxy = check_proxy(proxy)
        if proxies:
            mounts = {}
            for key, value in proxies.items():
                checked = check_proxy(value)
                try:
                    mounts["all://" + key.split("://", 1)[-1]] = httpx.HTTPTransport(
                        proxy=checked, verify=verify, limits=limits
                    )
                except (ImportError, ValueError) as exc:
                    raise _network_config_error(exc) from None
    all_headers = {"User-Agent": user_agent or USER_AGENT, **(headers or {})}
    try:
        return httpx.Client(
            base_url=base_url,
            auth=auth,
            proxy=proxy,
            mounts=mounts,
            verify=verify,
            transport=transport,
            timeout=timeout if isinstance(timeout, httpx.Timeout) else httpx.Timeout(timeout),
            follow_redirects=follow_redirects,
            headers=all_headers,
            limits=limits,
            event_hooks={"request": [auth.scrub]},
        )
    except (ImportError, ValueError) as exc:
        # A proxy from the environment (ALL_PROXY=socks4://…) fails inside httpx.
        raise _network_config_error(exc) from None
