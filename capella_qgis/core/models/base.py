"""Base of every response model, and parsing that names the field a response got wrong."""

from __future__ import annotations

import copy
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Callable, Optional, TypeVar

import pydantic
from pydantic import BaseModel, ConfigDict

from capella_qgis.core.exceptions import MalformedResponseError
from capella_qgis.core.timefmt import to_utc

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")

LOGGER = logging.getLogger(__name__)
# How many fields one record may lose before it is skipped instead (bounds the repair loop).
_MAX_REPAIRS = 8


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


@dataclass(frozen=True)
class RecordProblem:
    """A record of a list answer that did not fit its model: kept without a field, or skipped.

    Names the record and the field, never the value (it may be a presigned URL).
    """

    endpoint: str
    kind: str  # what the records are: "collect", "order", ...
    record: str  # the record's id, or its position ("#3") when it has none
    field: str  # dotted path inside the record
    problem: str  # pydantic's message
    skipped: bool  # True: the record itself was unusable and left out

    def __str__(self) -> str:
        action = f"the {self.kind} was left out" if self.skipped else "that field was ignored"
        return (
            f"{self.endpoint}: {self.kind} {self.record}: field '{self.field}' "
            f"{self.problem.rstrip('.')}; {action}"
        )


class Records(list[T]):
    """A list answer's usable records, plus ``problems``: what was dropped from which record."""

    def __init__(self, items: Iterable[T] = (), problems: Iterable[RecordProblem] = ()) -> None:
        super().__init__(items)
        self.problems: list[RecordProblem] = list(problems)


def problems_of(records: object) -> list[RecordProblem]:
    """The problems a :class:`Records` list carries (none for a plain list)."""
    return list(records.problems) if isinstance(records, Records) else []


def _existing(data: Any, path: tuple[Any, ...]) -> tuple[Any, ...]:
    """The longest prefix of ``path`` present in ``data`` (a union error names its branches,
    which are no keys of the data: its value is what has to go)."""
    node = data
    for depth, key in enumerate(path):
        in_dict = isinstance(node, dict) and key in node
        in_list = isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node)
        if not (in_dict or in_list):
            return path[:depth]
        node = node[key]
    return path


def _delete(data: Any, path: tuple[Any, ...]) -> None:
    node = data
    for key in path[:-1]:
        node = node[key]
    del node[path[-1]]


def _salvage(cls: type[M], entry: Any) -> tuple[Optional[M], dict[str, str]]:
    """``entry`` as ``cls``, without the fields that do not fit (None if it cannot do without).

    A field that fails validation is removed (an optional one then takes its default); when a
    required field is missing, what holds it goes (a status entry without its code, say). A
    record whose own required field is unusable is not salvaged. Problems name the fields as
    the server sent them (positions in lists before anything was removed).
    """
    problems: dict[str, str] = {}  # dotted field -> message
    data = entry
    for attempt in range(_MAX_REPAIRS + 1):
        try:
            return cls.model_validate(data), problems
        except pydantic.ValidationError as exc:
            errors = exc.errors()
        paths: set[tuple[Any, ...]] = set()
        for error in errors:
            if attempt == 0:
                # Later rounds only see what our own removals caused (a required field gone).
                problems.setdefault(_loc(error), str(error.get("msg", "invalid")))
            loc = tuple(error.get("loc", ()))
            # A missing required field cannot be removed: what holds it can.
            paths.add(_existing(data, loc[:-1] if error.get("type") == "missing" else loc))
        if () in paths or attempt == _MAX_REPAIRS:
            return None, problems
        if data is entry:
            data = copy.deepcopy(entry)  # the caller's dict stays as the server sent it
        # Deepest and last first, so removing one list element does not shift the others
        # (the key keeps list positions and dict keys from being compared with each other).
        for path in sorted(paths, key=lambda p: [(isinstance(k, str), k) for k in p], reverse=True):
            _delete(data, path)
    return None, problems


def key_at(*path: str) -> Callable[[Any], Any]:
    """Reads a raw record's id at ``path`` (``key_at("properties", "taskingrequestId")``)."""

    def get(entry: Any) -> Any:
        for key in path:
            entry = entry[key]
        return entry

    return get


def parse_records(
    cls: type[M],
    data: Any,
    endpoint: str,
    kind: str,
    record_id: Callable[[Any], Any],
) -> Records[M]:
    """A list answer, keeping the good records: one bad record does not reject the others.

    For listings only (what to show, what to download): a record that cannot be read is
    reported (``Records.problems``, and a log warning naming the record and the field), its
    unreadable fields left out or the record skipped. Where a record we cannot read could
    change what we spend, parse strictly with :func:`parse_list` instead.
    """
    if not isinstance(data, list):
        return Records(parse_list(cls, data, endpoint))  # raises: not a list
    out: Records[M] = Records()
    for index, entry in enumerate(data):
        model, problems = _salvage(cls, entry)
        if model is not None:
            out.append(model)
        if not problems:
            continue
        try:
            name = record_id(entry)
        except (AttributeError, KeyError, TypeError, IndexError):
            name = None
        record = name if isinstance(name, str) and name else f"#{index + 1}"
        for field, problem in problems.items():
            found = RecordProblem(endpoint, kind, record, field, problem, model is None)
            LOGGER.warning("%s", found)
            out.problems.append(found)
    return out


def as_utc(value: Optional[datetime]) -> Optional[datetime]:
    """Aware UTC datetime; naive values are taken as UTC (the SDK would crash on them)."""
    return None if value is None else to_utc(value)
