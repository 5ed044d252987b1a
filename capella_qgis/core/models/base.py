"""Base of every response model, and parsing that names the field a response got wrong."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, Optional, TypeVar

import pydantic
from pydantic import BaseModel, ConfigDict

from capella_qgis.core.exceptions import MalformedResponseError
from capella_qgis.core.timefmt import to_utc

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

M = TypeVar("M", bound=BaseModel)


class ApiModel(BaseModel):
    """Base of response models: unknown fields kept, snake_case or wire names accepted."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


def _loc(error: ErrorDetails) -> str:
    return ".".join(str(p) for p in error.get("loc", ())) or "<root>"


def parse_model(cls: type[M], data: Any, endpoint: str) -> M:
    """Validate ``data`` as ``cls``; a mismatch becomes MalformedResponseError naming the field."""
    try:
        return cls.model_validate(data)
    except pydantic.ValidationError as exc:
        first = exc.errors()[0]
        field = _loc(first)
        raise MalformedResponseError(
            f"Unexpected response from {endpoint}: field '{field}' {first.get('msg', 'invalid')}"
            f" ({exc.error_count()} problem(s))",
            field=field,
        ) from exc


def parse_list(cls: type[M], data: Any, endpoint: str) -> list[M]:
    if not isinstance(data, list):
        raise MalformedResponseError(
            f"Unexpected response from {endpoint}: expected a JSON array, got "
            f"{type(data).__name__}",
            field="<root>",
        )
    out = []
    for index, entry in enumerate(data):
        try:
            out.append(cls.model_validate(entry))
        except pydantic.ValidationError as exc:
            first = exc.errors()[0]
            field = f"[{index}].{_loc(first)}"
            raise MalformedResponseError(
                f"Unexpected response from {endpoint}: field '{field}' "
                f"{first.get('msg', 'invalid')}",
                field=field,
            ) from exc
    return out


def as_utc(value: Optional[datetime]) -> Optional[datetime]:
    """Aware UTC datetime; naive values are taken as UTC (the SDK would crash on them)."""
    return None if value is None else to_utc(value)
