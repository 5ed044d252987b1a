"""Fault matrix (#13): capella:downloadproducts against the emulator through every fault kind.

For each kind, and for a cancel during each blocking one: no file presented complete that is
not byte-identical, the cancel honoured within 1 s (+ CI margin), every run bounded, no
traceback. One line per case goes to build/fault-matrix.txt (kind, outcome, seconds, bytes
served, bytes fetched twice), with the totals at the end.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.console_emulator import Emulator
from tests.qgis.fault_matrix_support import (
    CANCEL_AT,
    SUMMARY,
    Case,
    Result,
    make_order,
    run_case,
    small_filesystem,
)

# Rasters of ~0.5 and ~1 MB (two products): the cuts fall inside either body.
CUT = 400_000
# Transient faults aim at the body transfers: a size probe (bytes=0-0) neither gets them nor
# uses up their count, whether or not the download probes first. Persistent ones hit all.
BODY = {"probes": False}

CASES = (
    Case("baseline"),  # no fault: what a clean run serves
    Case("reset", ({"kind": "reset", "count": 2, "after_bytes": CUT, **BODY},)),
    Case("stall", ({"kind": "stall", "count": 1, "after_bytes": CUT, "seconds": 4, **BODY},)),
    Case("silence", ({"kind": "silence", "count": 2, "seconds": 2, **BODY},)),
    # Refused at once with a clear error, or waited for (capped) but cancellably: cancel at 3 s.
    Case(
        "429_long_retry_after",
        ({"kind": "rate_limit", "retry_after": 3600},),
        expect="error_or_wait",
        cancel_at=3.0,
    ),
    Case("5xx_transient", ({"kind": "status", "count": 3, "status": 503, **BODY},)),
    Case("5xx_persistent", ({"kind": "status", "status": 500},), expect="error", budget=30),
    Case(
        "expiry_mid_file",
        ({"kind": "expired_links", "count": 1, "after_bytes": CUT, **BODY},),
        config=(("url_ttl", 600),),  # below the order's lifetime: the order outlives the jump
    ),
    Case(
        "ignored_range",  # a resume the server answers with the whole file again
        ({"kind": "ignore_range"}, {"kind": "reset", "count": 1, "after_bytes": CUT, **BODY}),
    ),
    # Content-Length shorter than the object (body cut to match): looks complete, is not.
    Case("short_content_length", ({"kind": "short_length", "delta": 1000},), expect="error"),
    # Content-Length longer than the body, then the connection closes.
    Case("long_content_length", ({"kind": "wrong_length", "delta": 100_000},), expect="any"),
    Case("redirect_loop", ({"kind": "redirect"},), expect="error"),
    # ENOSPC simulated at the .part writes (works everywhere, CI's non-root make test too)...
    Case("disk_full", disk_full_after=CUT, expect="error"),
    # ...and a real full file system (1.2 MB for 1.5 MB of rasters) where a tmpfs can be mounted.
    Case("disk_full_tmpfs", tmpfs=1_200_000, expect="error"),
)
# A cancel CANCEL_AT s into a run blocked by each kind that blocks.
CANCEL_CASES = (
    Case(
        "cancel_stall",
        ({"kind": "stall", "after_bytes": 200_000, "seconds": 30, **BODY},),
        expect="cancelled",
        cancel_at=CANCEL_AT,
    ),
    Case(
        "cancel_silence",
        ({"kind": "silence", "seconds": 30},),
        expect="cancelled",
        cancel_at=CANCEL_AT,
    ),
    # Long, but below the longest Retry-After the download honours: it waits, cancellably.
    Case(
        "cancel_429_retry_after",
        ({"kind": "rate_limit", "count": 1, "retry_after": 10},),
        expect="cancelled",
        cancel_at=CANCEL_AT,
    ),
    Case(
        "cancel_slow_bandwidth",
        ({"kind": "bandwidth", "bytes_per_sec": 100_000},),
        expect="cancelled",
        cancel_at=CANCEL_AT,
    ),
)

_results: list[Result] = []


@pytest.fixture(scope="module", autouse=True)
def summary_file() -> Iterator[None]:
    """build/fault-matrix.txt: a header, one line per case as it ends, then the totals."""
    SUMMARY.parent.mkdir(parents=True, exist_ok=True)
    SUMMARY.write_text(
        f"# download fault matrix, {time.strftime('%Y-%m-%d %H:%M:%S')}\n", encoding="utf-8"
    )
    _results.clear()
    yield
    failures = [r.kind for r in _results if r.problems]
    totals = (
        f"# cases {len(_results)}, failures {len(failures)}"
        f"{' (' + ', '.join(failures) + ')' if failures else ''}, "
        f"bytes fetched twice {sum(r.twice for r in _results)} B, "
        f"bytes served {sum(r.served for r in _results)} B, "
        f"{sum(r.seconds for r in _results):.1f} s\n"
    )
    with SUMMARY.open("a", encoding="utf-8") as out:
        out.write(totals)


def _record(result: Result) -> None:
    _results.append(result)
    with SUMMARY.open("a", encoding="utf-8") as out:
        out.write(result.line() + "\n")


@pytest.mark.parametrize("case", CASES + CANCEL_CASES, ids=lambda c: c.kind)
def test_fault_matrix(
    capella_env: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Case
) -> None:
    order = make_order(capella_env)
    with ExitStack() as stack:
        root = (
            tmp_path
            if case.tmpfs is None
            else stack.enter_context(small_filesystem(tmp_path, case.tmpfs))
        )
        result = run_case(capella_env, case, order, root / "downloads", monkeypatch)
    _record(result)
    assert not result.problems, result.line()
