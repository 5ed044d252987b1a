"""Catalog search: CatalogQuery (filters → request body, §5) and SearchResult (merging)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any, Optional, Union

from capella_qgis.core.exceptions import CapellaError, InputError
from capella_qgis.core.models.base import parse_model
from capella_qgis.core.models.enums import (
    CATALOG_DATETIME_FIELDS,
    CATALOG_DEFAULT_LIMIT,
    CATALOG_MAX_ITEMS,
    CATALOG_QUERY_FIELDS,
    CATALOG_ROOT_FIELDS,
    OwnershipOption,
)
from capella_qgis.core.models.stac import StacItem
from capella_qgis.core.search.pages import RawFeature, release_gradually
from capella_qgis.core.timefmt import format_utc
from capella_qgis.core.validation import (
    SEARCH_OPERATORS,
    check_catalog_value,
    check_filter_ranges,
    check_operator,
    coerce_enum,
    validate_bbox,
    validate_search_geometry,
)

OPERATORS = SEARCH_OPERATORS  # the validator owns the list; kept here for importers
_STAC_TO_SHORT = {stac: short for short, stac in CATALOG_QUERY_FIELDS.items()}
# Root-level STAC item fields that can be sorted or grouped on without "properties." prefix.
_ITEM_ROOT_FIELDS = ("id", "collection")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    return value


def _short_name(name: str) -> str:
    """Accept a short name or a STAC property name; return the short name or raise."""
    if name in CATALOG_QUERY_FIELDS:
        return name
    if name in _STAC_TO_SHORT:
        return _STAC_TO_SHORT[name]
    valid = ", ".join(sorted(CATALOG_QUERY_FIELDS))
    raise InputError(f"Unknown search field '{name}'. Valid fields: {valid}", field=name)


def _normalise_value(short: str, value: Any) -> Any:
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_normalise_value(short, v) for v in value]
    value = _plain(value)
    if short in CATALOG_DATETIME_FIELDS and isinstance(value, (str, datetime, date)):
        return format_utc(value, short)
    if isinstance(value, Mapping):
        raise InputError(
            f"{short}: an operator's value cannot be an object (got {dict(value)!r}); give a "
            "number, a text or a list",
            field=short,
        )
    return check_catalog_value(short, value)


def _add_filter(filters: dict[str, dict[str, Any]], name: str, op: str, value: Any) -> None:
    short = _short_name(name)
    check_operator(op, short)
    if isinstance(value, Mapping) and op == "eq":
        # {"look_angle": {"gte": 30}} as a keyword: the same operators as ``filters``.
        if not value:
            raise InputError(f"{short}: no operator given; use e.g. {{'gte': 30}}", field=short)
        for inner_op, inner in value.items():
            _add_filter(filters, name, check_operator(inner_op, short), inner)
        return
    if isinstance(value, (list, tuple, set, frozenset)):
        op = "in"  # a list always means "any of" (SDK rule)
        value = list(value)
        if not value:
            raise InputError(f"{name}: the list of values is empty", field=name)
    elif op == "in":
        value = [value]  # the SDK sends {"in": scalar}; the server expects a list
    if value is None:
        raise InputError(f"{name}: no value given", field=name)
    ops = filters.setdefault(short, {})
    ops[op] = _normalise_value(short, value)
    check_filter_ranges(short, ops, as_time=short in CATALOG_DATETIME_FIELDS)


def _sort_field(name: str) -> str:
    if name in _ITEM_ROOT_FIELDS:
        return name
    if name in CATALOG_QUERY_FIELDS:
        return f"properties.{CATALOG_QUERY_FIELDS[name]}"
    if name in _STAC_TO_SHORT:
        return f"properties.{name}"
    if name.startswith("properties."):
        return _sort_field(name[len("properties.") :])
    valid = ", ".join(["id", "collection", *sorted(CATALOG_QUERY_FIELDS)])
    raise InputError(f"Cannot sort by '{name}'. Sortable fields: {valid}", field="sortby")


def build_sortby(sortby: Union[str, Sequence[str], None]) -> list[dict[str, str]]:
    """``"-datetime"`` / ``["-look_angle", "+id"]`` → STAC sortby objects with real names."""
    if not sortby:
        return []
    if isinstance(sortby, str):
        sortby = [sortby]
    out = []
    for entry in sortby:
        if isinstance(entry, Mapping):
            out.append({"field": _sort_field(entry["field"]), "direction": entry["direction"]})
            continue
        text = str(entry).strip()
        direction = "desc" if text.startswith("-") else "asc"
        name = text.lstrip("+-").strip()
        out.append({"field": _sort_field(name), "direction": direction})
    return out


def _as_str_list(value: Any, what: str) -> Optional[list[str]]:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    out = list(dict.fromkeys(str(v).strip() for v in value if v is not None and str(v).strip()))
    if not out:
        raise InputError(f"{what}: the list is empty", field=what)
    return out


@dataclass
class CatalogQuery:
    """A catalog search; ``filters`` maps short names to ``{op: value}`` (or a bare value)."""

    bbox: Optional[Sequence[float]] = None
    intersects: Optional[Any] = None
    collections: Optional[Union[str, Sequence[str]]] = None
    ids: Optional[Union[str, Sequence[str]]] = None
    limit: int = CATALOG_DEFAULT_LIMIT
    sortby: Optional[Union[str, Sequence[str]]] = None
    ownership: Optional[Union[str, OwnershipOption]] = None
    filters: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.bbox is not None:
            self.bbox = validate_bbox(self.bbox)
        if self.intersects is not None:
            self.intersects = validate_search_geometry(self.intersects, "intersects")
        self.collections = _as_str_list(self.collections, "collections")
        self.ids = _as_str_list(self.ids, "ids")
        if isinstance(self.limit, bool) or not isinstance(self.limit, int):
            raise InputError(f"limit: expected a whole number, got {self.limit!r}", field="limit")
        if not 1 <= self.limit <= CATALOG_MAX_ITEMS:
            raise InputError(
                f"limit: {self.limit} is out of range; the catalog returns 1 to "
                f"{CATALOG_MAX_ITEMS} items per search (narrow the search to see more)",
                field="limit",
            )
        if self.ownership is not None:
            self.ownership = coerce_enum(OwnershipOption, self.ownership, "ownership")
        build_sortby(self.sortby)  # refuse unknown sort fields now, not at send time
        normalised: dict[str, dict[str, Any]] = {}
        for name, spec in (self.filters or {}).items():
            # A mapping is {op: value}; its operators are checked one by one.
            _add_filter(normalised, name, "eq", spec)
        self.filters = normalised

    def validated(self) -> CatalogQuery:
        """A freshly checked copy: fields changed after construction are validated too."""
        return CatalogQuery(
            bbox=self.bbox,
            intersects=self.intersects,
            collections=self.collections,
            ids=self.ids,
            limit=self.limit,
            sortby=self.sortby,
            ownership=self.ownership,
            filters=self.filters,
        )

    @classmethod
    def from_kwargs(cls, **kwargs: Any) -> CatalogQuery:
        """SDK-style ``field__op=value`` keywords, e.g. ``look_angle__gte=0.9``."""
        root: dict[str, Any] = {}
        filters: dict[str, dict[str, Any]] = {}
        for key, value in kwargs.items():
            name, sep, op = key.partition("__")
            if not sep or "__" in op:
                name, op = key, "eq"
            check_operator(op, name)
            if name in (*CATALOG_ROOT_FIELDS, "sortby", "ownership"):
                root[name] = value  # operator on a root field is validated but meaningless
            else:
                _add_filter(filters, name, op, value)
        query = cls(**root)
        query.filters = filters
        return query

    @property
    def query(self) -> dict[str, dict[str, Any]]:
        """The ``query`` object keyed by STAC property names."""
        return {CATALOG_QUERY_FIELDS[short]: dict(ops) for short, ops in self.filters.items()}

    def to_body(
        self, page: Optional[int] = None, page_limit: Optional[int] = None
    ) -> dict[str, Any]:
        """JSON body of one ``POST /catalog/search`` request."""
        body: dict[str, Any] = {}
        if self.bbox is not None:
            body["bbox"] = list(self.bbox)
        if self.intersects is not None:
            body["intersects"] = self.intersects
        if self.collections:
            body["collections"] = list(self.collections)
        if self.ids:
            body["ids"] = list(self.ids)
        body["limit"] = page_limit if page_limit is not None else self.limit
        if self.filters:
            body["query"] = self.query
        sortby = build_sortby(self.sortby)
        if sortby:
            body["sortby"] = sortby
        if self.ownership is not None:
            body["ownership"] = _plain(self.ownership)
        if page is not None:
            body["page"] = page
        return body


def _group_value(item: StacItem, name: str) -> str:
    feature = item.to_feature()
    if name in _ITEM_ROOT_FIELDS:
        value = feature.get(name)
    else:
        stac = CATALOG_QUERY_FIELDS.get(name, name)
        value = (feature.get("properties") or {}).get(stac)
    if value is None or value == [] or value == "":
        return "unknown"
    if isinstance(value, (list, tuple)):
        return "-".join(str(v) for v in value)
    return str(value)


class GroupedSearchResult(dict[str, "SearchResult"]):
    """``{value: SearchResult}`` returned by ``SearchResult.groupby``."""

    def value_counts(self) -> dict[str, int]:
        return {key: len(result) for key, result in self.items()}


ItemEntry = Union[StacItem, RawFeature]


class SearchResult:
    """Items of a search in arrival order, de-duplicated by id.

    Items may be held raw (:class:`RawFeature`, as the client receives them) and become
    validated :class:`StacItem` models on first access; ``entries`` gives them unconverted.
    ``error`` is set (and ``partial`` True) when a later page failed; earlier pages are kept.
    """

    def __init__(
        self,
        items: Iterable[ItemEntry] = (),
        number_matched: Optional[int] = None,
        *,
        error: Optional[CapellaError] = None,
        query: Optional[CatalogQuery] = None,
    ) -> None:
        self._items: list[ItemEntry] = []
        self._ids: set[str] = set()
        self._dropped = 0  # items handed to a streaming consumer and no longer held
        self.number_matched = number_matched
        self.error = error
        self.query = query
        self.add(items)

    def add(self, items: Iterable[ItemEntry]) -> int:
        """Append items not seen yet; return how many were new."""
        added = 0
        for item in items:
            if item.id in self._ids:
                continue
            self._ids.add(item.id)
            self._items.append(item)
            added += 1
        return added

    def add_new(self, items: Iterable[ItemEntry], limit: Optional[int] = None) -> list[ItemEntry]:
        """Append items not seen yet, up to ``limit`` items in all; return the appended ones."""
        start = len(self._items)
        room = None if limit is None else max(limit - len(self), 0)
        for item in items:
            if room is not None and len(self._items) - start >= room:
                break
            if item.id in self._ids:
                continue
            self._ids.add(item.id)
            self._items.append(item)
        return self._items[start:]

    def release(self) -> None:
        """Drop every item, a slice at a time (keeps other threads responsive)."""
        release_gradually(self._items)
        self._ids = set()

    def drop_held(self) -> None:
        """Stop holding the items received so far; their ids and count are kept.

        For consumers that stream pages (``search(keep_items=False)``): each page is freed
        as soon as it is handed over, instead of ~1 M objects at the end of a long search.
        """
        self._dropped += len(self._items)
        release_gradually(self._items)

    def truncate(self, limit: int) -> None:
        if len(self) <= limit:
            return
        del self._items[max(limit - self._dropped, 0) :]
        self._ids = {item.id for item in self._items}

    def _model(self, index: int) -> StacItem:
        entry = self._items[index]
        if isinstance(entry, RawFeature):
            entry = parse_model(StacItem, entry.data, "catalog search")
            self._items[index] = entry
        return entry

    @property
    def entries(self) -> list[ItemEntry]:
        """The items as held: raw features not converted yet, or models."""
        return list(self._items)

    @property
    def items(self) -> list[StacItem]:
        return [self._model(i) for i in range(len(self._items))]

    @property
    def partial(self) -> bool:
        return self.error is not None

    @property
    def stac_ids(self) -> list[str]:
        return [item.id for item in self._items]

    @property
    def collect_ids(self) -> list[str]:
        ids = (item.collect_id for item in self._items if item.collect_id)
        return list(dict.fromkeys(ids))

    def __len__(self) -> int:
        return self._dropped + len(self._items)

    def __iter__(self) -> Iterator[StacItem]:
        return iter(self.items)

    def __getitem__(self, index: int) -> StacItem:
        return self._model(index)

    def __contains__(self, stac_id: object) -> bool:
        return stac_id in self._ids

    def __repr__(self) -> str:
        extra = f", error={self.error!r}" if self.error else ""
        return f"SearchResult({len(self)} items, number_matched={self.number_matched}{extra})"

    def to_feature_collection(self) -> dict[str, Any]:
        features = [
            json.loads(i.to_json()) if isinstance(i, RawFeature) else i.to_feature()
            for i in self._items
        ]
        return {"type": "FeatureCollection", "features": features}

    def groupby(self, field_name: str) -> GroupedSearchResult:
        """Group by ``id``, ``collection`` or a short name (list values joined with '-')."""
        if field_name not in _ITEM_ROOT_FIELDS:
            _short_name(field_name)  # refuse unknown names instead of grouping all as unknown
        groups = GroupedSearchResult()
        for item in self.items:
            key = _group_value(item, field_name)
            if key not in groups:
                groups[key] = SearchResult(query=self.query)
            groups[key].add([item])
        for result in groups.values():
            result.number_matched = len(result)
        return groups

    def value_counts(self, field_name: str) -> dict[str, int]:
        return self.groupby(field_name).value_counts()

    def merge(self, other: SearchResult) -> SearchResult:
        """New result with the items of both (first occurrence wins)."""
        merged = SearchResult(self._items, query=self.query, error=self.error or other.error)
        merged.add(other._items)
        merged.number_matched = len(merged)
        return merged

    def drop(self, ids: Union[str, Iterable[str]]) -> SearchResult:
        """New result without the given STAC ids."""
        drop = {ids} if isinstance(ids, str) else set(ids)
        kept = [item for item in self._items if item.id not in drop]
        return SearchResult(kept, len(kept), error=self.error, query=self.query)
