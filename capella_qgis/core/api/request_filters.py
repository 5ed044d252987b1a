"""TR/RR search filters: SDK-style ``field__op=value`` keywords → request body (§8.7)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from enum import Enum
from typing import Any

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.enums import (
    CollectionTier,
    CollectionType,
    RepeatCollectionTier,
    TaskingRequestStatus,
)
from capella_qgis.core.search.query import OPERATORS
from capella_qgis.core.timefmt import format_utc
from capella_qgis.core.validation import coerce_enum, validate_uuid

__all__ = ["encode_request_filters"]

# kwarg → (wire key, kind); kinds: enum class, "uuid", "time" or None (sent as given).
_TR_FILTERS: dict[str, tuple[str, Any]] = {
    "collection_type": ("collectionType", CollectionType),
    "collection_tier": ("collectionTier", CollectionTier),
    "instrument_mode": ("type", None),
    "last_status_time": ("lastStatusTime", "time"),
    "org_id": ("organizationIds", None),
    "status": ("lastStatusCode", TaskingRequestStatus),
    "submission_time": ("submissionTime", "time"),
    "tasking_request_id": ("taskingrequestIds", "uuid"),
    "user_id": ("userId", None),
    "window_close": ("windowClose", "time"),
    "window_open": ("windowOpen", "time"),
}
_RR_FILTERS: dict[str, tuple[str, Any]] = {
    "collection_type": ("collectionType", CollectionType),
    "collection_tier": ("collectionTier", RepeatCollectionTier),
    "instrument_mode": ("type", None),
    "last_status_time": ("lastStatusTime", "time"),
    "org_id": ("organizationIds", None),
    "repeat_request_id": ("repeatrequestIds", "uuid"),
    "repeat_start": ("repetitionProperties.repeatStart", "time"),
    "repeat_end": ("repetitionProperties.repeatEnd", "time"),
    "repetition_interval": ("repetitionProperties.repetitionInterval", None),
    "status": ("lastStatusCode", TaskingRequestStatus),
    "submission_time": ("submissionTime", "time"),
    "user_id": ("userId", None),
}


def _encode_value(name: str, kind: Any, value: Any) -> Any:
    if kind == "uuid":
        return validate_uuid(value, name)
    if kind == "time":
        if isinstance(value, (str, datetime, date)):
            return format_utc(value, name)
        raise InputError(f"{name}: expected a date/time, got {value!r}", field=name)
    if isinstance(kind, type) and issubclass(kind, Enum):
        text = value.value if isinstance(value, Enum) else str(value).strip().lower()
        return coerce_enum(kind, text, name).value
    return value.value if isinstance(value, Enum) else value


def encode_request_filters(
    filters: Mapping[str, Any], table: Mapping[str, tuple[str, Any]]
) -> dict[str, Any]:
    """``field__op=value`` → TR/RR search ``query``/``filter`` object (contract §8.7).

    Lists become bare lists (any-of), scalars ``{op: value}``. Invalid enum values and bad
    UUIDs raise InputError instead of being dropped silently as the SDK does.
    """
    out: dict[str, Any] = {}
    for key, value in filters.items():
        name, sep, op = key.partition("__")
        if not sep:
            op = "eq"
        if name not in table:
            valid = ", ".join(sorted(table))
            raise InputError(f"Unknown filter '{name}'. Valid filters: {valid}", field=name)
        if op not in OPERATORS:
            raise InputError(
                f"Unknown operator '{op}' in '{key}'. Valid operators: {', '.join(OPERATORS)}",
                field=key,
            )
        if value is None:
            continue
        wire, kind = table[name]
        if isinstance(value, (list, tuple, set, frozenset)) or op == "in":
            values = list(value) if isinstance(value, (list, tuple, set, frozenset)) else [value]
            if op not in ("eq", "in"):
                raise InputError(
                    f"{key}: a list only works as 'any of'; use a single value with '{op}'",
                    field=key,
                )
            encoded = list(dict.fromkeys(_encode_value(name, kind, v) for v in values))
            if not encoded:
                raise InputError(f"{name}: the list of values is empty", field=name)
            if wire in out:
                raise InputError(f"{name}: give either a list or operators, not both", field=name)
            out[wire] = encoded
        else:
            target = out.setdefault(wire, {})
            if not isinstance(target, dict):
                raise InputError(f"{name}: give either a list or operators, not both", field=name)
            target[op] = _encode_value(name, kind, value)
    return out
