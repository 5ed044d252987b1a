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
    "malformed_json",  # API body replaced by broken JSON
    "wrong_length",  # advertise Content-Length + delta, then close
    "chunked",  # no Content-Length, chunked transfer encoding
    "ignore_range",  # asset host ignores Range (always 200)
    "redirect",  # 3xx (status=302) to location (default: same URL)
    "bandwidth",  # cap bytes_per_sec for the response
    "expired_links",  # presign order downloads with ttl (default -60 s)
    "duplicates",  # catalog pages repeat n items of the previous page
)
ALIASES = {"429": "rate_limit", "5xx": "status", "latency": "delay", "no_content_length": "chunked"}


@dataclass
class FaultRule:
    kind: str
    pattern: str = "*"
    count: int | None = None
    method: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    id: int = 0
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        if self.method and self.method.upper() != method.upper():
            return False
        return fnmatch.fnmatchcase(path, self.pattern)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Faults:
    """Thread-safe registry of fault rules (first ``count`` matching requests)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rules: list[FaultRule] = []
        self._ids = itertools.count(1)

    def add(
        self,
        kind: str,
        pattern: str = "*",
        count: int | None = None,
        method: str | None = None,
        **params: Any,
    ) -> int:
        kind = ALIASES.get(str(kind), str(kind))
        if kind not in KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; known: {', '.join(KINDS)}")
        if not pattern.startswith(("/", "*")):
            pattern = "/" + pattern
        rule = FaultRule(kind, pattern, count, method, dict(params), next(self._ids))
        with self._lock:
            self._rules.append(rule)
        return rule.id

    def add_from_json(self, spec: dict[str, Any]) -> int:
        spec = dict(spec)
        kind = spec.pop("kind", None) or spec.pop("type", None)
        pattern = spec.pop("pattern", None) or spec.pop("route", None) or spec.pop("path", "*")
        count = spec.pop("count", None)
        method = spec.pop("method", None)
        params = spec.pop("params", {}) or {}
        params.update(spec)
        return self.add(str(kind), str(pattern), count, method, **params)

    def remove(self, rule_id: int) -> None:
        with self._lock:
            self._rules = [r for r in self._rules if r.id != rule_id]

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    def list(self) -> list[dict[str, Any]]:
        with self._lock:
            return [r.to_dict() for r in self._rules]

    def take(self, method: str, path: str) -> dict[str, FaultRule]:
        """Consume matching rules; at most one per kind (first added wins)."""
        out: dict[str, FaultRule] = {}
        with self._lock:
            for rule in self._rules:
                if rule.kind in out or not rule.matches(method, path):
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
            }
