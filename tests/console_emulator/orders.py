"""Order endpoints: list, get, review, submit and presigned download (§6, §15.11–14)."""

from __future__ import annotations

from typing import Any

from tests.console_emulator.asset_host import AssetHost
from tests.console_emulator.records import order_record
from tests.console_emulator.util import (
    ApiError,
    detail,
    money,
    not_authorized,
    parse_instant,
)
from tests.console_emulator.world import PRICE_BY_TYPE, CatalogEntry, World


def _order_items(world: World, body: Any) -> tuple[list[CatalogEntry], str | None]:
    if not isinstance(body, dict):
        raise ApiError(400, "Request body must be a JSON object", "ORDER_VALIDATION_ERROR")
    items = body.get("items")
    if not isinstance(items, list) or not items:
        raise ApiError(
            400,
            "Order must contain at least one item",
            "ORDER_VALIDATION_ERROR",
            detail=[detail("items must be a non-empty list", "items", "too_small")],
        )
    entries: list[CatalogEntry] = []
    bad: list[str] = []
    for idx, it in enumerate(items):
        if not isinstance(it, dict) or "granuleId" not in it or "collectionId" not in it:
            raise ApiError(
                400,
                "Each item needs collectionId and granuleId",
                "ORDER_VALIDATION_ERROR",
                detail=[detail("collectionId and granuleId are required", f"items.{idx}")],
            )
        entry = world.by_id.get(str(it["granuleId"]))
        if entry is None or entry.collection != it["collectionId"] or not world.accessible(entry):
            bad.append(f"{it.get('collectionId')}/{it.get('granuleId')}")
        elif entry not in entries:
            entries.append(entry)
    if bad:
        raise ApiError(
            400,
            f"Invalid granule(s) requested: {', '.join(bad)}",
            "ORDER_VALIDATION_ERROR",
        )
    contract = body.get("contractId")
    if contract is not None and contract not in world.contract_ids():
        raise ApiError(400, "Contract not found", "CONTRACT_NOT_FOUND")
    return entries, contract


def _price(world: World, entry: CatalogEntry) -> float:
    if entry.ownership in ("publiclyAvailable", "ownedByOrganization"):
        return 0.0
    if entry.id in world.previously_ordered:
        return 0.0
    base = PRICE_BY_TYPE.get(entry.props["sar:product_type"], 1000.0)
    return base * (1.5 if entry.props["sar:instrument_mode"] == "spotlight" else 1.0)


def review(world: World, user: dict[str, Any], body: Any) -> dict[str, Any]:
    entries, _contract = _order_items(world, body)
    with world.lock:
        prices = [_price(world, e) for e in entries]
        total = sum(prices)
        if world.config["insufficient_funds"]:
            return {
                "authorized": False,
                "authorizationDenialReason": {
                    "message": "This order will exceed your active contract period's value "
                    f"commitment. Order cost: {money(max(total, 1000.0))}; Available Commitment: "
                    "$0.00}",
                    "code": "AUTHORIZATION_INSUFFICIENT_FUNDS",
                },
            }
    return {
        "authorized": True,
        "orderDetails": {
            "summary": {"subtotal": money(total), "total": money(total)},
            "lineItems": [
                {
                    "granuleId": e.id,
                    "collectionId": e.collection,
                    "previouslyOrdered": e.id in world.previously_ordered,
                    "order": {"finalListPrice": money(p), "listPrice": money(p)},
                }
                for e, p in zip(entries, prices)
            ],
        },
    }


def submit(world: World, user: dict[str, Any], body: Any) -> dict[str, Any]:
    entries, _contract = _order_items(world, body)
    with world.lock:
        if world.config["reject_orders"]:
            return {
                "orderId": world.new_id(),
                "userId": user["id"],
                "organizationId": user["organizationId"],
                "orderStatus": "rejected",
            }
        rec = order_record(
            world.rng,
            user=user,
            entries=entries,
            order_date=world.clock.time(),
            ttl=float(world.config["order_ttl"]),
            previously=world.previously_ordered,
        )
        world.orders[rec["orderId"]] = rec
        world.previously_ordered.update(e.id for e in entries)
        return rec


def list_orders(
    world: World, user: dict[str, Any], customer_id: str | None
) -> list[dict[str, Any]]:
    target = customer_id or user["id"]
    if target != user["id"]:
        other = world.user_by_id(target)
        roles = set(user.get("roles", []))
        if other is None or not roles & {"organization-manager", "admin"}:
            raise not_authorized()
    with world.lock:
        orders = [o for o in world.orders.values() if o["userId"] == target]
    return sorted(orders, key=lambda o: o["orderDate"], reverse=True)


def get_order(world: World, user: dict[str, Any], order_id: str) -> dict[str, Any]:
    with world.lock:
        order = world.orders.get(order_id)
    if order is None:
        raise ApiError(404, f"Order {order_id} not found", "NOT_FOUND")
    if order["userId"] != user["id"]:
        raise not_authorized()
    return order


def download(
    world: World, host: AssetHost, user: dict[str, Any], order_id: str, ttl: float | None = None
) -> list[dict[str, Any]]:
    order = get_order(world, user, order_id)
    if order.get("orderStatus") == "rejected":
        raise ApiError(400, "Order was rejected", "ORDER_REJECTED")
    expires = parse_instant(order["expirationDate"]) or 0.0
    if world.clock.time() > expires:
        raise ApiError(410, "order expired", "ORDER_EXPIRED")
    url_ttl = float(world.config["url_ttl"]) if ttl is None else ttl
    out = []
    for it in order["items"]:
        entry = world.by_id.get(it["granuleId"])
        if entry is None:
            continue
        item = {k: v for k, v in entry.item.items()}
        item["assets"] = host.assets(entry, url_ttl)
        out.append(item)
    return out
