"""toolbelt.warmup imports modules in a worker thread, once each, and survives a broken one."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from capella_qgis.toolbelt import warmup


@pytest.fixture
def modules(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(warmup, "_asked", set())
    (tmp_path / "warm_a.py").write_text(
        "import threading\nWHERE = threading.current_thread().name\n"
    )
    (tmp_path / "warm_broken.py").write_text("raise ImportError('missing dependency')\n")
    (tmp_path / "warm_b.py").write_text(
        "import threading\nWHERE = threading.current_thread().name\n"
    )
    yield tmp_path
    for name in ("warm_a", "warm_b", "warm_broken"):
        sys.modules.pop(name, None)


def test_modules_are_imported_in_a_worker_thread_once(modules: Path) -> None:
    thread = warmup.warm_up(["warm_a", "warm_broken", "warm_b"])
    assert thread is not None
    thread.join(10)
    assert sys.modules["warm_a"].WHERE == sys.modules["warm_b"].WHERE == "capella-warm-up"
    assert threading.current_thread().name != "capella-warm-up"
    assert "warm_broken" not in sys.modules  # its failure stopped nothing else
    assert warmup.warm_up(["warm_a", "warm_b", "warm_broken"]) is None  # asked before


def test_loaded_modules_start_no_thread(modules: Path) -> None:
    assert warmup.warm_up(["json", "os"]) is None
