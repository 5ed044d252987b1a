"""Pytest plugin: session-scoped ``emulator`` fixture (reset before each test using it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.console_emulator.server import Emulator


@pytest.fixture(scope="session")
def emulator_session() -> Iterator[Emulator]:
    emu = Emulator(items=5000, seed=7).start()
    try:
        yield emu
    finally:
        emu.stop()


@pytest.fixture
def emulator(emulator_session: Emulator) -> Iterator[Emulator]:
    """The shared emulator, reset to its initial world (faults, config, log, clock cleared)."""
    emulator_session.reset()
    yield emulator_session
    emulator_session.reset()
