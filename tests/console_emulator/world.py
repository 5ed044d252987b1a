"""The emulator's deterministic world: users, contracts, catalog, orders and tasking."""

from __future__ import annotations

import random
import threading
from typing import Any

from tests.console_emulator.enums import INSTRUMENT_MODES, RESTRICTED_COLLECTION, STATUSES
from tests.console_emulator.items import make_collect, random_location
from tests.console_emulator.records import (
    collect_record,
    history_to,
    order_record,
    rr_feature,
    task_feature,
)
from tests.console_emulator.util import Clock, geometry_rings, iso, rng_uuid
from tests.console_emulator.world_catalog import (  # re-exported: routes import them from here
    PRICE_BY_TYPE,
    CatalogEntry,
    generate_catalog,
)

__all__ = ["DEFAULT_CONFIG", "PRICE_BY_TYPE", "CatalogEntry", "World"]

DEFAULT_CONFIG: dict[str, Any] = {
    "insufficient_funds": False,
    "reject_orders": False,
    "error_shape": None,
    "order_ttl": 3600.0,
    "url_ttl": 3600.0,
    "token_expires_at": None,
    "rate_limit": None,
    "max_concurrent_api": None,
    # Tasking/repeat search page size: Capella's docs say 250 by default, at most 500; the
    # SDK's docs say it "needs to be between 250 and 500" (docs/emulator.md, item 12).
    "min_tr_limit": 250,
    "max_tr_limit": 500,
    "derive_repeat_tasks": 2,
    # Catalog sortby: an unknown field is a 400. The SDK's short names ("properties.
    # look_angle", "product_type" in query) too, unless short_names maps them to the STAC
    # names (docs/emulator.md, item 11).
    "unknown_sortby_error": True,
    "short_names": False,
    # Catalog pages hold at most this many items whatever limit is asked (None: no cap), as
    # STAC servers that cap the page size do (docs/emulator.md, item 6).
    "catalog_page_cap": None,
    # Base URL of the catalog's next and item links (None: the API's own URL); real links may
    # point at another host (docs/emulator.md, item 10).
    "links_base": None,
    # Retry-After (s) on the rate limiter's 429; None: none, as API Gateway throttling sends.
    "rate_limit_retry_after": None,
    # Seconds a window/repeat start may lie in the past (a client's "now" on its way).
    "past_tolerance": 300.0,
    # Cost review (docs "Cost Review and Approval"): seconds from creation until the estimate
    # is ready and the request moves on to ``review`` (or to ``submitted`` when pre-approved).
    "review_delay": 2.0,
    # Access requests: seconds until ``processingStatus`` is ``completed``; longer windows
    # than this many days are answered ``accessibilityStatus: rejected``.
    "access_delay": 2.0,
    "access_max_window_days": 14.0,
    # Requests of the same organization closer than this (km) with overlapping windows are
    # listed as ``conflictingTasks`` of an active request.
    "conflict_radius_km": 100.0,
    # The three shapes public material disagrees on (docs/tasking.md): the one accepted. The
    # default is the documented form; the other is refused with a 400 that names the key.
    "pre_approval_key": "preApproval",
    "rr_search_key": "query",
    "rr_cancel_key": "status",
}

#: Allowed values of the disputed-shape options (``either`` accepts both spellings).
SHAPE_OPTIONS: dict[str, tuple[str, ...]] = {
    "pre_approval_key": ("preApproval", "pre_approval", "either"),
    "rr_search_key": ("query", "filter", "either"),
    "rr_cancel_key": ("status", "code", "either"),
}


class World:
    """Mutable emulator state built deterministically from a seed."""

    def __init__(
        self,
        items: int = 5000,
        seed: int = 7,
        clock: Clock | None = None,
        order_ttl: float = 3600.0,
        url_ttl: float = 3600.0,
    ) -> None:
        self.seed = seed
        self.rng = random.Random(seed)
        self.clock = clock or Clock()
        self.lock = threading.RLock()
        self.version = 0
        self.config: dict[str, Any] = dict(DEFAULT_CONFIG, order_ttl=order_ttl, url_ttl=url_ttl)
        self._base_config = dict(self.config)
        self._base_roles = ["user", "organization-manager"]
        self.org_id = rng_uuid(self.rng)
        self.user: dict[str, Any] = {
            "id": rng_uuid(self.rng),
            "organizationId": self.org_id,
            "email": "analyst@example.com",
            "roles": ["user", "organization-manager"],
        }
        self.other_users = [
            {
                "id": rng_uuid(self.rng),
                "organizationId": self.org_id,
                "email": f"colleague{i}@example.com",
                "roles": ["user"],
            }
            for i in range(1, 3)
        ]
        self.foreign_org_id = rng_uuid(self.rng)
        self.contracts = [
            {"id": "contract-123", "name": "Default contract", "default": True},
            {"id": "contract-456", "name": "Research contract", "default": False},
        ]
        self.collections_denied = {RESTRICTED_COLLECTION}
        self.renderer: Any = None  # set by the server: renders an entry's JSON bytes
        self.entries: list[CatalogEntry] = []
        self.by_id: dict[str, CatalogEntry] = {}
        self.by_collect: dict[str, list[CatalogEntry]] = {}
        generate_catalog(self.rng, items, self.entries, self.add_entry)
        self.base_count = len(self.entries)
        self.orders: dict[str, dict[str, Any]] = {}
        self.tasks: dict[str, dict[str, Any]] = {}
        self.repeats: dict[str, dict[str, Any]] = {}
        self.collects: dict[str, list[dict[str, Any]]] = {}
        self.previously_ordered: set[str] = set()
        # tr/rr id -> epoch when its cost estimate is ready (review.py).
        self.pending_review: dict[str, float] = {}
        self.access_requests: dict[str, dict[str, Any]] = {}
        # Orders and requests are seeded relative to the clock, again at every reset (same ids:
        # the generator restarts from here), so a long run never sees them age and expire.
        self._seed_rng_state = self.rng.getstate()
        self._seed()

    def _seed(self) -> None:
        self.rng.setstate(self._seed_rng_state)
        self.orders, self.tasks, self.repeats, self.collects = {}, {}, {}, {}
        self.previously_ordered = set()
        self._seed_tasking()
        self._seed_orders()

    # ------------------------------------------------------------------ catalog
    def add_entry(self, entry: CatalogEntry) -> None:
        with self.lock:
            self.entries.append(entry)
            self.by_id[entry.id] = entry
            self.by_collect.setdefault(entry.props["capella:collect_id"], []).append(entry)
            if self.renderer is not None:
                entry.json = self.renderer(entry)
            self.version += 1

    def accessible(self, entry: CatalogEntry) -> bool:
        return entry.collection not in self.collections_denied

    # ------------------------------------------------------------------ tasking
    def _owned_collects(self) -> list[list[CatalogEntry]]:
        seen = []
        for cid, group in self.by_collect.items():
            e = group[0]
            if e.ownership == "ownedByOrganization" and e.collection == "capella-archive":
                seen.append((cid, group))
        return [g for _, g in seen]

    def _seed_tasking(self) -> None:
        rng = self.rng
        now = self.clock.time()
        owned = self._owned_collects()
        users = [self.user, self.user, self.user, *self.other_users]
        n = 0
        for status in STATUSES:
            for owner in users[:2] if status == "completed" else users[:1]:
                self._seed_task(owner, status, now, n, owned[n % len(owned)] if owned else None)
                n += 1
        for owner in self.other_users:
            for status in ("received", "accepted", "completed"):
                self._seed_task(owner, status, now, n, owned[n % len(owned)] if owned else None)
                n += 1
        # repeat requests: routine, InSAR, canceled; one of another user
        specs = [
            (self.user, {"collectionTier": "routine", "collectionType": "spotlight"}, "active"),
            (
                self.user,
                {
                    "collectionTier": "insar",
                    "collectionType": "spotlight",
                    "insar": {"orbit": "SSO_97_7P00"},
                    "processingConfig": {"productTypes": ["SLC", "GEO"]},
                },
                "accepted",
            ),
            (
                self.user,
                {"collectionTier": "flexible", "collectionType": "stripmap_50"},
                "canceled",
            ),
            (self.other_users[0], {"collectionTier": "routine"}, "received"),
        ]
        for k, (owner, props, status) in enumerate(specs):
            rr_id = rng_uuid(rng)
            lat, lon, _ = random_location(rng)
            start = now - (20 - k) * 86400
            props = {
                "repeatrequestName": f"Repeat request #{k + 1}",
                "repeatrequestDescription": "",
                "repetitionProperties": {
                    "repeatStart": start,
                    "repetitionInterval": 7,
                    "repetitionCount": 10 if k % 2 else None,
                },
                **props,
            }
            props["repetitionProperties"]["repeatStart"] = iso(start)
            rr = rr_feature(
                rr_id=rr_id,
                geometry={"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                props_in=props,
                user=owner,
                submission=start - 3600,
                history=history_to(status, start - 3600),
                contract_id="contract-123",
            )
            self.repeats[rr_id] = rr
            interval = props["repetitionProperties"]["repetitionInterval"] * 86400
            for j in range(2):
                tr_id = rng_uuid(rng)
                w_open = start + j * interval
                self.tasks[tr_id] = task_feature(
                    tr_id=tr_id,
                    geometry=rr["geometry"],
                    props_in={"taskingrequestName": f"{props['repeatrequestName']} ({j + 1})"},
                    user=owner,
                    submission=start - 3600,
                    window_open=w_open,
                    window_close=w_open + 604800,
                    history=history_to("accepted", start - 3600),
                    contract_id="contract-123",
                    repeat_id=rr_id,
                )

    def _seed_task(
        self,
        owner: dict[str, Any],
        status: str,
        now: float,
        n: int,
        collect: list[CatalogEntry] | None,
    ) -> None:
        rng = self.rng
        tr_id = rng_uuid(rng)
        if status == "completed" and collect:
            e = collect[0]
            lon = round((e.bbox[0] + e.bbox[2]) / 2, 5)
            lat = round((e.bbox[1] + e.bbox[3]) / 2, 5)
            w_open = e.epoch - 2 * 86400
        else:
            lat, lon, _ = random_location(rng)
            lat, lon = round(lat, 5), round(lon, 5)
            w_open = now + (n - 10) * 86400
        submission = w_open - 86400
        self.tasks[tr_id] = task_feature(
            tr_id=tr_id,
            geometry={"type": "Point", "coordinates": [lon, lat]},
            props_in={
                "taskingrequestName": f"Tasking request #{n + 1} ({status})",
                "collectionTier": rng.choice(("standard", "priority", "flexible", "urgent")),
                "collectionType": rng.choice(("spotlight", "stripmap_20", "spotlight_ultra")),
                "preApproval": bool(n % 2),
            },
            user=owner,
            submission=submission,
            window_open=w_open,
            window_close=w_open + 7 * 86400,
            history=history_to(status, submission),
            contract_id="contract-123",
        )
        self.collects[tr_id] = []
        if status == "review":  # a seeded request waiting for the customer's answer
            self.tasks[tr_id]["properties"]["transactionStatus"] = "pending-customer-approval"
        if status == "completed" and collect:
            self._attach_collect(tr_id, None, collect)

    def _attach_collect(
        self, tr_id: str, repeat_id: str | None, group: list[CatalogEntry]
    ) -> dict[str, Any]:
        e = group[0]
        rec = collect_record(
            self.rng,
            collect_id=e.props["capella:collect_id"],
            tr_id=tr_id,
            repeat_id=repeat_id,
            lon=round((e.bbox[0] + e.bbox[2]) / 2, 5),
            lat=round((e.bbox[1] + e.bbox[3]) / 2, 5),
            epoch=e.epoch,
            polarization=e.props["sar:polarizations"][0],
            orbit_state=e.props["sat:orbit_state"],
            look_direction=e.props["sar:observation_direction"],
        )
        self.collects.setdefault(tr_id, []).append(rec)
        return rec

    def complete_task(self, tr_id: str) -> None:
        """Acquire a new collect at the TR's location and add its products to the catalog."""
        tr = self.tasks[tr_id]
        geom = tr["geometry"]
        ring = geometry_rings(geom)[0]
        lon = sum(p[0] for p in ring) / len(ring)
        lat = sum(p[1] for p in ring) / len(ring)
        mode = tr["properties"].get("type") or "spotlight"
        wanted = (tr["properties"].get("processingConfig") or {}).get("productTypes")
        ptypes = [p for p in (wanted or ["SLC", "GEO", "GEC"]) if p in PRICE_BY_TYPE]
        if "SLC" not in ptypes:
            ptypes.insert(0, "SLC")
        epoch = self.clock.time() - 7200
        items = make_collect(
            self.rng,
            lat=lat,
            lon=lon,
            tz=None,
            epoch=epoch,
            mode=mode if mode in INSTRUMENT_MODES else "spotlight",
            product_types=ptypes[:4],
            collection="capella-archive",
        )
        entries = [CatalogEntry(item, "ownedByOrganization") for item in items]
        for entry in entries:
            self.add_entry(entry)
        self._attach_collect(tr_id, tr["properties"].get("repeatrequestId"), entries)

    # ------------------------------------------------------------------ orders
    def _seed_orders(self) -> None:
        now = self.clock.time()
        owned = self._owned_collects() or [[self.entries[0]]]
        ttl = self.config["order_ttl"]
        specs = [
            (self.user, owned[0], now - 600, "completed"),
            (self.user, owned[1 % len(owned)], now - 3 * 86400, "completed"),
            (self.user, owned[2 % len(owned)][:1], now - 10 * 86400, "completed"),
            (self.other_users[0], owned[3 % len(owned)], now - 300, "completed"),
        ]
        for owner, group, date, status in specs:
            rec = order_record(
                self.rng,
                user=owner,
                entries=group,
                order_date=date,
                ttl=ttl,
                previously=self.previously_ordered,
                status=status,
            )
            self.orders[rec["orderId"]] = rec
            if owner is self.user:
                self.previously_ordered.update(e.id for e in group)

    # ------------------------------------------------------------------ misc
    def new_id(self) -> str:
        with self.lock:
            return rng_uuid(self.rng)

    def user_by_id(self, user_id: str) -> dict[str, Any] | None:
        for u in (self.user, *self.other_users):
            if u["id"] == user_id:
                return u
        return None

    def set_default(self, key: str, value: Any) -> None:
        """Change a config option and the value ``reset`` restores (CLI options)."""
        if key not in self.config:
            raise ValueError(f"unknown config option {key!r}")
        self.config[key] = value
        self._base_config[key] = value

    def contract_ids(self) -> set[str]:
        return {c["id"] for c in self.contracts}

    def reset(self) -> None:
        """Restore orders/tasking/config to the initial state and drop added catalog items.

        Orders and requests are seeded afresh relative to the clock (the same ids and shapes).
        """
        with self.lock:
            for entry in self.entries[self.base_count :]:
                self.by_id.pop(entry.id, None)
                cid = entry.props["capella:collect_id"]
                self.by_collect.pop(cid, None)
            del self.entries[self.base_count :]
            self.pending_review = {}
            self.access_requests = {}
            self.config = dict(self._base_config)
            self.user["roles"] = list(self._base_roles)
            self._seed()  # relative to the clock as it is now
            self.version += 1
