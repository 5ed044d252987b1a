"""Response objects produced by route handlers and consumed by the HTTP writer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.console_emulator.util import dumps

CHUNK = 64 * 1024


@dataclass
class FileBody:
    """A byte range of a file on disk, streamed in chunks."""

    path: Path
    start: int
    length: int

    def chunks(self, size: int = CHUNK) -> Iterator[bytes]:
        remaining = self.length
        with open(self.path, "rb") as fh:
            fh.seek(self.start)
            while remaining > 0:
                data = fh.read(min(size, remaining))
                if not data:
                    return
                remaining -= len(data)
                yield data


@dataclass
class Response:
    status: int = 200
    body: bytes | FileBody = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "application/json"

    @property
    def length(self) -> int:
        return self.body.length if isinstance(self.body, FileBody) else len(self.body)

    def chunks(self, size: int = CHUNK) -> Iterator[bytes]:
        if isinstance(self.body, FileBody):
            yield from self.body.chunks(size)
        else:
            for i in range(0, len(self.body), size):
                yield self.body[i : i + size]


def json_response(obj: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(status, dumps(obj), dict(headers or {}))


def raw_json(body: bytes, status: int = 200) -> Response:
    return Response(status, body)
