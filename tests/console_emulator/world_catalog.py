"""Catalog side of the emulator world: entries with pre-computed search data, seeded collects."""

from __future__ import annotations

import random
from typing import Any, Callable

from tests.console_emulator.enums import (
    INSTRUMENT_MODES,
    OPEN_COLLECTION,
    PRODUCT_TYPES,
    RESTRICTED_COLLECTION,
)
from tests.console_emulator.items import make_collect, product_bundle, random_epoch, random_location
from tests.console_emulator.util import geometry_rings, parse_instant

__all__ = ["PRICE_BY_TYPE", "CatalogEntry", "generate_catalog"]

PRICE_BY_TYPE = {
    "SLC": 1250.0,
    "GEO": 1000.0,
    "GEC": 1000.0,
    "SICD": 1250.0,
    "SIDD": 1100.0,
    "CPHD": 1500.0,
    "CSI": 900.0,
    "CSIDD": 900.0,
    "VC": 400.0,
    "VS": 400.0,
    "ACD": 600.0,
}


class CatalogEntry:
    """One catalog item with pre-computed search data and its cached JSON bytes."""

    __slots__ = ("bbox", "collection", "epoch", "id", "item", "json", "ownership", "rings", "size")

    def __init__(self, item: dict[str, Any], ownership: str) -> None:
        self.item = item
        self.id: str = item["id"]
        self.collection: str = item["collection"]
        self.ownership = ownership
        self.bbox = tuple(item["bbox"])
        self.rings = geometry_rings(item["geometry"])
        self.epoch = parse_instant(item["properties"]["datetime"]) or 0.0
        self.json = b""
        self.size = 100_000_000 if "SLC" in self.id or "CPHD" in self.id else 50_000_000

    @property
    def props(self) -> dict[str, Any]:
        return self.item["properties"]


def generate_catalog(
    rng: random.Random, n: int, entries: list[CatalogEntry], add: Callable[[CatalogEntry], None]
) -> None:
    """Add seeded collects through ``add`` until ``entries`` holds ``n`` items."""
    i = 0
    while len(entries) < n:
        forced = PRODUCT_TYPES[i] if i < len(PRODUCT_TYPES) else None
        mode = INSTRUMENT_MODES[i % 3] if i < 6 else rng.choices(INSTRUMENT_MODES, (45, 35, 20))[0]
        lat, lon, tz = random_location(rng)
        r = rng.random()
        if forced:
            collection = "capella-archive"
        elif r < 0.2:
            collection = OPEN_COLLECTION
        elif r < 0.88:
            collection = "capella-archive"
        elif r < 0.96:
            collection = "by-product"
        elif r < 0.98:
            collection = "capella-test"
        else:
            collection = RESTRICTED_COLLECTION
        if collection == OPEN_COLLECTION:
            ownership = "publiclyAvailable"
        else:
            ownership = rng.choices(
                ("ownedByOrganization", "sharedWithOrganization", "availableForPurchase"),
                (20, 10, 70),
            )[0]
        items = make_collect(
            rng,
            lat=lat,
            lon=lon,
            tz=tz,
            epoch=random_epoch(rng),
            mode=mode,
            product_types=product_bundle(rng, forced),
            collection=collection,
        )
        for item in items[: n - len(entries)]:
            add(CatalogEntry(item, ownership))
        i += 1
