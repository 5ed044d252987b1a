"""Adaptive segmentation: split a file into more Range requests only while that pays off."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

# No piece of a split is smaller than this (aria2's --min-split-size, 20 MiB there). Smaller
# than aria2's: under S3's per-connection cap (~20 MB/s) 8 MiB is already 0.4 s of one
# connection, well above the cost of one more request (one round trip), and files of a few
# tens of MiB still gain from a split at the end of a batch.
MIN_SPLIT_SIZE = 8 * 1024 * 1024
# Shortest measurement window (s). Each window costs the connections not yet opened: under a
# 20 MB/s cap with 8 connections, one window at one stream leaves 7 x 20 MB/s x 0.05 s unused.
WINDOW = 0.05
# A window whose verdict is unclear grows up to this long (s), then is decided either way.
LONGEST_WINDOW = 1.0
# Share of the rate the added connections would bring on a link with room for them (each as
# fast as the ones already open). At or above SURE_GAIN they paid; at or below NO_GAIN the
# open connections already used the link (they slowed down to make room for the new ones);
# in between the window is measured longer, and at LONGEST_WINDOW the midpoint decides.
SURE_GAIN = 0.6
NO_GAIN = 0.25

SPLIT = "split"  # the added connections raised the throughput: split up to the limit
HOLD = "hold"  # they did not: keep the connections open now, split no further
MEASURE = "measure"  # too close to call yet: measure the window longer


@dataclass(frozen=True)
class Throughput:
    """What one file's open connections delivered together over one measurement window."""

    connections: int
    rate: float  # bytes per second, all of the file's connections together
    seconds: float  # how long the window was


def gain(before: Throughput, after: Throughput) -> float:
    """The share of the expected gain the connections added between two windows brought.

    1.0: each added connection was as fast as the ones open before (the link had room);
    0 or less: the aggregate did not rise (the link, or this machine, was already the limit).
    """
    added = after.connections - before.connections
    if added <= 0 or before.connections <= 0:
        return 0.0
    expected = before.rate / before.connections * added
    if expected <= 0:
        # Nothing was flowing before: any rate now is a gain (a stalled start recovered).
        return math.inf if after.rate > 0 else 0.0
    return (after.rate - before.rate) / expected


def split_verdict(before: Throughput, after: Throughput) -> str:
    """SPLIT, HOLD or MEASURE: whether a file whose connections went from ``before`` to
    ``after`` should be split up to its connection limit.

    Unsure (MEASURE) only while ``after`` is shorter than LONGEST_WINDOW; a link that stays
    between the two bounds is split (the cost of a wrong split is small, of a missing one
    is the per-connection cap).
    """
    if after.connections <= before.connections:
        return HOLD
    share = gain(before, after)
    if share >= SURE_GAIN:
        return SPLIT
    if after.seconds < LONGEST_WINDOW and share > NO_GAIN:
        return MEASURE
    return SPLIT if share >= (SURE_GAIN + NO_GAIN) / 2 else HOLD


def trial_connections(current: int, limit: int) -> int:
    """Connections to open for the trial that tells whether the link has room (double)."""
    return max(current, min(limit, 2 * current))


def allocate_pieces(remaining: Sequence[int], extra: int, min_size: int) -> list[int]:
    """How many pieces to cut each segment's ``remaining`` bytes into, for up to ``extra``
    new segments: always the largest piece in two, never a piece below ``min_size``.

    The pieces come out about equal, so the connections tend to finish together.
    """
    pieces = [1] * len(remaining)
    for _ in range(max(0, extra)):
        best = max(range(len(remaining)), key=lambda i: remaining[i] / pieces[i], default=None)
        if best is None or remaining[best] // (pieces[best] + 1) < max(1, min_size):
            break
        pieces[best] += 1
    return pieces
