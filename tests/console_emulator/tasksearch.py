"""``POST /tasks/search`` and ``POST /repeat-requests/search``: body, filters, scope, paging.

Strict where the Console's behaviour is unknown (docs/emulator.md): unreadable dates, unknown
body keys and filter keys, out-of-range page sizes and contradicting page numbers are a 400
that names the field, never a silently empty or unfiltered answer.
"""

from __future__ import annotations

import math
from typing import Any, Callable

from tests.console_emulator.util import (
    detail,
    not_authorized,
    parse_interval,
    parse_search_instant,
    validation_error,
)
from tests.console_emulator.world import World

ELEVATED = {"organization-manager", "admin"}
TIME_KEYS = {
    "submissionTime",
    "windowOpen",
    "windowClose",
    "lastStatusTime",
    "repeatStart",
    "repeatEnd",
}
# Filter keys: the SDK's (config.py TR/RR_FILTERS_BY_QUERY_FIELDS) and those of Capella's
# announcement of the advanced search ("Public API Changes ... 12 July 2023").
COMMON_QUERY_KEYS = frozenset(
    {
        "collectionType",
        "collectionTier",
        "type",
        "lastStatusCode",
        "lastStatusMessage",
        "lastStatusTime",
        "organizationIds",
        "resellerId",
        "submissionTime",
        "userId",
        "repeatrequestIds",
    }
)
TR_QUERY_KEYS = COMMON_QUERY_KEYS | {
    "taskingrequestIds",
    "windowOpen",
    "windowClose",
    "includeRepeatingTasks",
}
RR_QUERY_KEYS = COMMON_QUERY_KEYS | {
    "repetitionProperties.repeatStart",
    "repetitionProperties.repeatEnd",
    "repetitionProperties.repetitionInterval",
}
# Body keys besides the filter object (docs.capellaspace.com, "Searching for Single and Repeat
# Tasking Requests": sort, order, page, limit, query).
PAGING_KEYS = ("sort", "order", "page", "limit")
DEFAULT_SORT = "submissionTime"
OPS = ("eq", "ne", "gt", "gte", "lt", "lte", "in")


# --------------------------------------------------------------------------- values


def _resolve(props: dict[str, Any], key: str) -> Any:
    if key == "lastStatusCode":
        hist = props.get("statusHistory") or []
        return hist[0]["code"] if hist else None
    if key == "lastStatusMessage":
        hist = props.get("statusHistory") or []
        return hist[0].get("message") if hist else None
    if key == "lastStatusTime":
        hist = props.get("statusHistory") or []
        return hist[0]["time"] if hist else None
    if key == "organizationIds":
        return props.get("orgId")
    if key == "taskingrequestIds":
        return props.get("taskingrequestId")
    if key == "repeatrequestIds":
        return props.get("repeatrequestId")
    value: Any = props
    for part in key.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _is_time(key: str) -> bool:
    return key.rsplit(".", 1)[-1] in TIME_KEYS


def _actual(key: str, value: Any) -> Any:
    """A record's value, comparable with the filter's (times as epochs)."""
    if _is_time(key) and isinstance(value, str):
        return parse_search_instant(value)
    return value


def _bad_date(raw: Any, path: str) -> Exception:
    return validation_error(
        [
            detail(
                f"Invalid datetime {raw!r}: use ISO 8601 such as 2022-12-01, 2022-12-1 or "
                "2022-12-01T00:00:00Z, or an interval start/end",
                path,
                "invalid_date",
            )
        ]
    )


class _Interval:
    """A ``start/end`` filter value (``..`` or empty: open), as Capella's datetime operators
    "Interval (closed)" and "Interval (open)"."""

    def __init__(self, start: float | None, end: float | None) -> None:
        self.start, self.end = start, end

    def contains(self, epoch: Any) -> bool:
        if not isinstance(epoch, (int, float)):
            return False
        return (self.start is None or epoch >= self.start) and (
            self.end is None or epoch <= self.end
        )


def _target(key: str, raw: Any, path: str, interval_ok: bool) -> Any:
    """A filter value as compared: times parsed (an unreadable one is a 400)."""
    if not _is_time(key):
        return raw
    if not isinstance(raw, str):
        raise _bad_date(raw, path)
    if "/" in raw:
        ends = parse_interval(raw, parse_search_instant) if interval_ok else None
        if ends is None:
            raise _bad_date(raw, path)
        return _Interval(*ends)
    epoch = parse_search_instant(raw)
    if epoch is None:
        raise _bad_date(raw, path)
    return epoch


def _equal(actual: Any, target: Any) -> bool:
    if isinstance(target, _Interval):
        return target.contains(actual)
    return target in actual if isinstance(actual, list) else actual == target


def _compile(key: str, cond: Any, path: str) -> Callable[[Any], bool]:
    """One filter entry → a predicate on the record's value (validated up front)."""
    if isinstance(cond, list):
        targets = [_target(key, c, f"{path}.{i}", True) for i, c in enumerate(cond)]
        return lambda a: any(_equal(a, t) for t in targets)
    if not isinstance(cond, dict):
        target = _target(key, cond, path, True)
        return lambda a: _equal(a, target)
    checks: list[Callable[[Any], bool]] = []
    for op, raw in cond.items():
        where = f"{path}.{op}"
        if op not in OPS:
            raise validation_error([detail(f"Unsupported operator '{op}'", where)])
        if op == "in":
            checks.append(_compile(key, raw if isinstance(raw, list) else [raw], where))
            continue
        target = _target(key, raw, where, op in ("eq", "ne"))
        checks.append(_comparison(op, target))
    return lambda a: all(check(a) for check in checks)


def _comparison(op: str, target: Any) -> Callable[[Any], bool]:
    if op == "eq":
        return lambda a: _equal(a, target)
    if op == "ne":
        return lambda a: not _equal(a, target)

    def compare(a: Any) -> bool:
        if a is None:
            return False
        try:
            return bool(
                {
                    "gt": a > target,
                    "gte": a >= target,
                    "lt": a < target,
                    "lte": a <= target,
                }[op]
            )
        except TypeError:
            return False

    return compare


# --------------------------------------------------------------------------- body and paging


def _int_param(name: str, body: dict[str, Any], params: dict[str, str], default: int) -> int:
    """``page``/``limit`` from the body (Capella's docs) or the query string (the SDK); both
    given and different: which one the Console uses is unknown, so it is a 400."""
    values = []
    for where, raw in (("body", body.get(name)), ("query", params.get(name))):
        if raw is None:
            continue
        if isinstance(raw, bool):
            raw = "x"
        try:
            values.append(int(raw))
        except (TypeError, ValueError) as exc:
            raise validation_error(
                [detail(f"{name} must be an integer ({where})", name, "invalid_type")]
            ) from exc
    if len(set(values)) > 1:
        raise validation_error(
            [
                detail(
                    f"{name} is given in the body ({values[0]}) and in the query string "
                    f"({values[1]}); give it once",
                    name,
                )
            ]
        )
    return values[0] if values else default


def _paging(world: World, body: dict[str, Any], params: dict[str, str]) -> tuple[int, int]:
    page = _int_param("page", body, params, 1)
    limit = _int_param("limit", body, params, int(world.config["min_tr_limit"]))
    lo, hi = int(world.config["min_tr_limit"]), int(world.config["max_tr_limit"])
    if not lo <= limit <= hi:
        code = "too_big" if limit > hi else "too_small"
        raise validation_error([detail(f"limit must be between {lo} and {hi}", "limit", code)])
    if page < 1:
        raise validation_error([detail("page must be >= 1", "page", "too_small")])
    return page, limit


def _sorter(body: dict[str, Any], records: list[dict[str, Any]]) -> tuple[str, bool]:
    sort = body.get("sort", DEFAULT_SORT)
    order = body.get("order", "desc")
    if order not in ("asc", "desc"):
        raise validation_error(
            [detail("order must be one of 'asc', 'desc'", "order", "invalid_enum_value")]
        )
    known = {k for rec in records for k in rec["properties"]}
    if not isinstance(sort, str) or not sort or (known and sort.split(".")[0] not in known):
        raise validation_error(
            [detail(f"Unknown sort key {sort!r}: give a request property", "sort")]
        )
    return sort, order == "desc"


def read_body(
    body: Any, filter_key: str, allowed_keys: frozenset[str] | set[str]
) -> tuple[dict[str, Any], dict[str, Any]]:
    """(whole body, filter object); unknown body keys and filter keys are a 400."""
    if body is None:
        body = {}
    if not isinstance(body, dict):
        raise validation_error([detail("Body must be a JSON object", "", "invalid_type")])
    extra = [k for k in body if k not in (filter_key, *PAGING_KEYS)]
    if extra:
        raise validation_error(
            [
                detail(
                    f"Unrecognized key '{k}' in the search body: the filters go in "
                    f"'{filter_key}'; other keys: {', '.join(PAGING_KEYS)}",
                    k,
                    "unrecognized_keys",
                )
                for k in extra
            ]
        )
    filters = body.get(filter_key)
    if filters is None:
        filters = {}
    if not isinstance(filters, dict):
        raise validation_error([detail(f"{filter_key} must be an object", filter_key)])
    unknown = [k for k in filters if k not in allowed_keys]
    if unknown:
        raise validation_error(
            [
                detail(f"Unknown filter '{k}'", f"{filter_key}.{k}", "unrecognized_keys")
                for k in unknown
            ]
        )
    return body, dict(filters)


# --------------------------------------------------------------------------- search


def _scope_ids(value: Any) -> list[Any]:
    if isinstance(value, dict):
        out: list[Any] = []
        for v in value.values():
            out.extend(v if isinstance(v, list) else [v])
        return out
    return value if isinstance(value, list) else [value]


def _check_scope(world: World, user: dict[str, Any], filters: dict[str, Any]) -> None:
    roles = set(user.get("roles", []))
    if "organizationIds" not in filters and "userId" not in filters:
        filters["userId"] = user["id"]
    if "organizationIds" in filters:
        orgs = _scope_ids(filters["organizationIds"])
        if "admin" not in roles and (
            not roles & ELEVATED or any(o != user["organizationId"] for o in orgs)
        ):
            raise not_authorized()
    if "userId" in filters:
        uids = _scope_ids(filters["userId"])
        if any(u != user["id"] for u in uids):
            if not roles & ELEVATED:
                raise not_authorized()
            if "admin" not in roles and any(world.user_by_id(u) is None for u in uids):
                raise not_authorized()


def search(
    world: World,
    user: dict[str, Any],
    records: list[dict[str, Any]],
    body: Any,
    query_params: dict[str, str],
    *,
    filter_key: str,
    repeating_flag: bool,
) -> dict[str, Any]:
    allowed = TR_QUERY_KEYS if repeating_flag else RR_QUERY_KEYS
    body, filters = read_body(body, filter_key, allowed)
    page, limit = _paging(world, body, query_params)
    sort, descending = _sorter(body, records)
    _check_scope(world, user, filters)
    include_rep = True
    if repeating_flag and "includeRepeatingTasks" in filters:
        raw = filters.pop("includeRepeatingTasks")
        include_rep = bool(raw.get("eq", True) if isinstance(raw, dict) else raw)
    preds = [(k, _compile(k, v, f"{filter_key}.{k}")) for k, v in filters.items()]
    out = []
    for rec in records:
        props = rec["properties"]
        if repeating_flag and not include_rep and props.get("repeatrequestId"):
            continue
        if all(pred(_actual(k, _resolve(props, k))) for k, pred in preds):
            out.append(rec)

    def rec_id(r: dict[str, Any]) -> str:
        p = r["properties"]
        return str(p.get("taskingrequestId") or p.get("repeatrequestId"))

    present = [r for r in out if _resolve(r["properties"], sort) is not None]
    missing = sorted((r for r in out if _resolve(r["properties"], sort) is None), key=rec_id)
    present.sort(
        key=lambda r: (_sort_value(sort, _resolve(r["properties"], sort)), rec_id(r)),
        reverse=descending,
    )
    out = present + missing
    return {
        "results": out[(page - 1) * limit : page * limit],
        "currentPage": page,
        "totalPages": math.ceil(len(out) / limit),
        "totalItems": len(out),
    }


def _sort_value(key: str, value: Any) -> Any:
    actual = _actual(key, value)
    if isinstance(actual, (int, float)) and not isinstance(actual, bool):
        return (0, actual, "")
    return (1, 0, str(actual))
