"""The main thread of a real QGIS window never freezes for seconds (#20): a 10 ms QTimer in
QGIS's own event loop, while the plugin searches 10,000 results, downloads a large asset, and
runs a search, a download and a quick-look task at once.

A coarse guard (250 ms) against multi-second freezes; the 50 ms target is measured by
``python -m bench.bench_ui_stall``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench import ui_stall_support as support
from tests.e2e.conftest import needs_qgis

pytestmark = [
    needs_qgis,
    pytest.mark.slow,
    # Not yet part of `make test`: the concurrent scenario still stalls ~0.8 s (12 quick-look
    # rasters added on the UI thread), so the guard would fail every run. Enable it with
    # CAPELLA_UI_STALL_GUARD=1; it becomes unconditional once that stall is fixed (#20).
    pytest.mark.skipif(
        os.environ.get("CAPELLA_UI_STALL_GUARD") != "1",
        reason="UI stall guard not enforced yet (CAPELLA_UI_STALL_GUARD=1 runs it)",
    ),
]

GUARD_MS = 250.0
LARGE_MB = 256  # the bench downloads 1 GiB; the guard needs the download's steady state only
BPS = 20e6  # per connection, as bench/bench_download.py


def test_no_long_stall_in_real_qgis(built_zip: Path, wheels: Path, tmp_path: Path) -> None:
    setup = support.Setup(built_zip, wheels)
    run = support.run_once(setup, tmp_path / "run", large_mb=LARGE_MB, bps=BPS, timeout=240)
    report = run.report
    assert report, f"QGIS left no report (exit {run.returncode}):\n{run.log[-4000:]}"
    assert "error" not in report, report["error"]
    assert report.get("plugin_class") == "CapellaPlugin", run.log[-3000:]
    scenarios = report["scenarios"]
    assert set(scenarios) == set(support.SCENARIOS), report["steps"]
    assert not any(s["timed_out"] for s in scenarios.values()), scenarios
    # Each scenario did what it says (a stall-free run that did nothing would prove nothing).
    search, download, both = scenarios["search"], scenarios["download"], scenarios["concurrent"]
    assert search["features"] == search["rows"] == 10_000, search
    assert download["download"] == "completed" and download["whole_file"], download
    assert both["features"] == both["rows"] == 10_000, both
    assert both["concurrent_download"] == "completed" and both["concurrent_whole_file"], both
    assert both["quicklooks"] == "completed" and both["quicklook_layers"] > 0, both
    stalls = {name: scenarios[name]["worst_ms"] for name in support.JUDGED}
    over = {name: ms for name, ms in stalls.items() if ms > GUARD_MS}
    assert not over, (
        f"main-thread stalls above {GUARD_MS:.0f} ms: {over} (all: {stalls}; longest gaps "
        f"[ms, s]: { {n: scenarios[n]['worst_at_s'][:3] for n in over} })"
    )
