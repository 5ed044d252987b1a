"""Import a workflow's modules in a worker thread once its dock is shown, before a click needs them.

The plugin imports httpx, pydantic and the download stack only when first used, so QGIS starts
fast (#20). Installed from the Plugin Manager, those modules have no bytecode yet: the first
search or download then compiled them on the UI thread, freezing QGIS 80-200 ms. Imported here
instead, each module holds the GIL for its own compile only, between which the UI thread runs;
a module the UI thread asks for meanwhile waits for this thread's import of it, as Python does.
"""

from __future__ import annotations

import importlib
import logging
import sys
import threading
from collections.abc import Iterable
from typing import Optional

LOGGER = logging.getLogger(__name__)

_lock = threading.Lock()
_asked: set[str] = set()


def warm_up(modules: Iterable[str]) -> Optional[threading.Thread]:
    """Import ``modules`` (dotted names) in a daemon thread; None when all are loaded or asked."""
    with _lock:
        todo = [name for name in modules if name not in sys.modules and name not in _asked]
        _asked.update(todo)
    if not todo:
        return None
    thread = threading.Thread(target=_import, args=(todo,), name="capella-warm-up", daemon=True)
    thread.start()
    return thread


def _import(modules: list[str]) -> None:
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # only a speed-up: the first use imports it (and reports) otherwise
            LOGGER.debug("Warm-up import of %s failed", name, exc_info=True)
