"""Local emulator of the Capella Space Console API and its presigned asset host."""

from __future__ import annotations

from tests.console_emulator.recording import RecordedRequest
from tests.console_emulator.server import Emulator

__all__ = ["Emulator", "RecordedRequest"]
