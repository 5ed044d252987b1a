"""Runtime fault injection, rate limiting and concurrency probes."""

from __future__ import annotations

import fnmatch
import itertools
import threading
import time
from collections import deque
from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = (
    "status",  # status=500|503|..., body=<json>, retry_after=<s>
    "rate_limit",  # 429 with Retry-After (retry_after=<s>)
    "reset",  # drop the connection after after_bytes body bytes
    "delay",  # sleep seconds before answering
    "stall",  # send headers + after_bytes, then sleep seconds
    "silence",  # read the request, send nothing for seconds, then close the connection
    "malformed_json",  # API body replaced by broken JSON
    "wrong_length",  # advertise Content-Length + delta, then close ("long" length)
    "short_length",  # advertise Content-Length - delta, send only that many bytes, close
    "chunked",  # no Content-Length, chunked transfer encoding
    "ignore_range",  # asset host ignores Range (always 200)
    "redirect",  # 3xx (status=302) to location (default: same URL, a loop while armed)
    "bandwidth",  # cap bytes_per_sec for the response
    # On /orders/*/download: presign with ttl (default -60 s). On an asset path: send
    # after_bytes (default half the body), expire the link (clock moves on), drop the connection.
    "expired_links",
    "duplicates",  # catalog pages repeat n items of the previous page
    # On /catalog/search: pages hold at most size items (default 900) whatever limit asks.
    "short_page",
    # A JSON answer whose field (default windowClose) holds value (default month 14, as in
    # the SDK's own fixture) in its first n occurrences (default 1; 0: all).
    "malformed_timestamp",
)
#: The malformed timestamp of the SDK's fixture (tests/test_data.py, a collect's windowClose).
MALFORMED_TIMESTAMP = "2021-14-22T05:23:48.028Z"
ALIASES = {"429": "rate_limit", "5xx": "status", "latency": "delay", "no_content_length": "chunked"}
# The size probe a download client sends before the body (a presigned GET cannot be a HEAD).
PROBE_RANGE = "bytes=0-0"


@dataclass
class FaultRule:
    kind: str
    pattern: str = "*"
    count: int | None = None
    method: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    id: int = 0
    hits: int = 0
    # False: size probes (Range: bytes=0-0) pass untouched and do not use up ``count``, so a
    # fault aimed at the body transfer hits it whether or not the client probes first.
    probes: bool = True

    def matches(self, method: str, path: str, range_header: str | None = None) -> bool:
        if self.method and self.method.upper() != method.upper():
            return False
        if not self.probes and (range_header or "").strip() == PROBE_RANGE:
            return False
        return fnmatch.fnmatchcase(path, self.pattern)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Faults:
    """Thread-safe registry of fault rules (first ``count`` matching requests).

    The waits of ``delay``, ``stall`` and ``silence`` go through ``sleep``: ``clear`` ends the
    ones in progress, so a test (or a reset between tests) never leaves a serving thread
    asleep for the rest of a long fault.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._ids = itertools.count(1)
        self._wake = threading.Event()

    def add(
        self,
        kind: str,
        pattern: str = "*",
        count: int | None = None,
        method: str | None = None,
        probes: bool = True,
        **params: Any,
    ) -> int:
        kind = ALIASES.get(str(kind), str(kind))
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; known: {', '.join(KINDS)}")
        if not pattern.startswith(("/", "*")):
            pattern = "/" + pattern
        rule = FaultRule(
            kind, pattern, count, method, dict(params), next(self._ids), probes=bool(probes)
        )
        with self._lock:
            self._rules.append(rule)
        return rule.id

    def add_from_json(self, spec: dict[str, Any]) -> int:
        spec = dict(spec)
        kind = spec.pop("kind", None) or spec.pop("type", None)
        pattern = spec.pop("pattern", None) or spec.pop("route", None) or spec.pop("path", "*")
        count = spec.pop("count", None)
        method = spec.pop("method", None)
        probes = spec.pop("probes", True)
        params = spec.pop("params", {}) or {}
        params.update(spec)
        return self.add(str(kind), str(pattern), count, method, probes, **params)

    def remove(self, rule_id: int) -> None:
        with self._lock:
            self._rules = [r for r in self._rules if r.id != rule_id]

    def clear(self) -> None:
        """Remove every rule and wake every fault sleep in progress."""
        with self._lock:
            self._rules.clear()
            wake, self._wake = self._wake, threading.Event()
        wake.set()

    def sleep(self, seconds: float) -> bool:
        """Sleep ``seconds`` unless ``clear`` is called first (then True: woken early)."""
        with self._lock:
            wake = self._wake
        return wake.wait(max(0.0, float(seconds)))

    def list(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r.to_dict() for r in self._rules]

    def take(self, method: str, path: str, range_header: str | None = None) -> dict[str, FaultRule]:
        """Consume matching rules; at most one per kind (first added wins)."""
        out: dict[str, FaultRule] = {}
        with self._lock:
            for rule in self._rules:
                if rule.kind in out or not rule.matches(method, path, range_header):
                    continue
                if rule.count is not None and rule.hits >= rule.count:
                    continue
                rule.hits += 1
                out[rule.kind] = rule
        return out


class RateLimiter:
    """Sliding one-second window of requests per credential."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._seen: dict[str, deque[float]] = {}

    def allow(self, credential: str, per_second: float) -> bool:
        now = time.monotonic()
        with self._lock:
            q = self._seen.setdefault(credential, deque())
            while q and now - q[0] >= 1.0:
                q.popleft()
            if len(q) >= per_second:
                return False
            q.append(now)
            return True

    def reset(self) -> None:
        with self._lock:
            self._seen.clear()


class Stats:
    """Counters and peak-concurrency probes for API and asset requests."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.reset()

    def reset(self) -> None:
        with self._lock:
            self.current = {"api": 0, "asset": 0}
            self.peak = {"api": 0, "asset": 0}
            self.counts: dict[str, int] = {"api": 0, "asset": 0, "hook": 0}
            self.asset_auth_headers = 0
            self.rate_limited = 0
            # Body bytes written per asset path (every request, ranges and retries included).
            self.asset_bytes: dict[str, int] = {}

    def add_asset_bytes(self, path: str, n: int) -> None:
        with self._lock:
            self.asset_bytes[path] = self.asset_bytes.get(path, 0) + n

    def bytes_served(self, pattern: str = "*") -> int:
        """Body bytes the asset host has sent for paths matching the ``fnmatch`` pattern."""
        with self._lock:
            return sum(n for p, n in self.asset_bytes.items() if fnmatch.fnmatchcase(p, pattern))

    def enter(self, kind: str) -> int:
        with self._lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
            if kind not in self.current:
                return 0
            self.current[kind] += 1
            self.peak[kind] = max(self.peak[kind], self.current[kind])
            return self.current[kind]

    def leave(self, kind: str) -> None:
        with self._lock:
            if kind in self.current:
                self.current[kind] -= 1

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "peak_api_concurrency": self.peak["api"],
                "peak_asset_concurrency": self.peak["asset"],
                "current_api": self.current["api"],
                "current_asset": self.current["asset"],
                "requests": dict(self.counts),
                "asset_requests_with_authorization": self.asset_auth_headers,
                "rate_limited": self.rate_limited,
                "asset_bytes_served": dict(self.asset_bytes),
            }


def malform_timestamps(data: Any, field: str, value: str, n: int) -> int:
    """Put ``value`` in the first ``n`` (0: every) occurrences of ``field`` in ``data``,
    depth first in document order; how many were replaced."""
    done = 0

    def walk(node: Any) -> None:
        nonlocal done
        if n and done >= n:
            return
        if isinstance(node, dict):
            for key in list(node):
                if key == field and (not n or done < n):
                    node[key] = value
                    done += 1
                else:
                    walk(node[key])
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(data)
    return done
