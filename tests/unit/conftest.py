"""Fixtures of the unit tests (no QGIS)."""

from __future__ import annotations

import pytest
from capella_console_client import CapellaConsoleClient

from tests.console_emulator import Emulator


@pytest.fixture
def client(emulator: Emulator) -> CapellaConsoleClient:
    sdk = CapellaConsoleClient(api_key="demo", base_url=emulator.url)
    emulator.clear_requests()
    return sdk
