"""Shared fixture of the search dock tests: a SearchController against the emulator."""

from __future__ import annotations

from typing import Any


def search_bodies(emulator: Any) -> list[dict]:
    """JSON bodies of the catalog searches the emulator received."""
    return [r.json for r in emulator.requests() if r.path.endswith("/catalog/search")]
