"""Recorded requests of the emulator's request log."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from tests.console_emulator.util import Headers


@dataclass
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: Headers
    json: Any
    body: bytes
    host: str
    kind: str
    time: float
    raw_query: str = ""
    status: int | None = None
    authorization: bool = field(default=False)

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        return getattr(self, key, default)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["headers"] = dict(self.headers)
        d["body"] = self.body.decode("utf-8", "replace")
        return d
