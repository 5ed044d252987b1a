"""Strict emulator tasking/repeat searches (docs/emulator.md 3, 9, 12), and our client."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import InputError
from tests.console_emulator import Emulator
from tests.console_emulator.util import iso, parse_instant

H = {"Authorization": "ApiKey demo"}


def post(emu: Emulator, path: str, body: Any, **params: Any) -> httpx.Response:
    return httpx.post(emu.url + path, json=body, params=params, headers=H, timeout=30)


def ok(emu: Emulator, path: str, body: Any, **params: Any) -> dict[str, Any]:
    r = post(emu, path, body, **params)
    assert r.status_code == 200, r.text
    return r.json()


def paths(r: httpx.Response) -> list[str]:
    assert r.status_code == 400, r.text
    err = r.json()["error"]
    assert err["code"] == "VALIDATION_ERROR"
    return [d["path"] for d in err["detail"]]


def own(emu: Emulator) -> list[dict[str, Any]]:
    uid = emu.state.user["id"]
    return [t for t in emu.state.tasks.values() if t["properties"]["userId"] == uid]


@pytest.fixture
def client(emulator: Emulator) -> Iterator[ConsoleClient]:
    console = ConsoleClient(Credential.api_key("demo"), base_url=emulator.url)
    try:
        yield console
    finally:
        console.close()


# --------------------------------------------------------------------------- item 3: dates


def test_unpadded_dates_are_read_as_the_sdk_documents(emulator: Emulator) -> None:
    padded = ok(emulator, "/tasks/search", {"query": {"submissionTime": {"gt": "2022-12-01"}}})
    unpadded = ok(emulator, "/tasks/search", {"query": {"submissionTime": {"gt": "2022-12-1"}}})
    assert padded["results"] and unpadded["results"] == padded["results"]
    rr = ok(emulator, "/repeat-requests/search", {"query": {"submissionTime": {"gt": "2022-1-5"}}})
    assert rr["results"]


@pytest.mark.parametrize("value", ["garbage", "2022-13-01", "2022-12-32T00:00:00Z", 20221201])
@pytest.mark.parametrize(
    ("path", "key"),
    [("/tasks/search", "submissionTime"), ("/repeat-requests/search", "lastStatusTime")],
)
def test_unreadable_dates_are_a_400_naming_the_filter(
    emulator: Emulator, path: str, key: str, value: Any
) -> None:
    r = post(emulator, path, {"query": {key: {"gt": value}}})
    assert paths(r) == [f"query.{key}.gt"]


def test_a_bad_date_in_a_bare_list_is_named_too(emulator: Emulator) -> None:
    r = post(emulator, "/tasks/search", {"query": {"windowOpen": ["2030-01-01", "soon"]}})
    assert paths(r) == ["query.windowOpen.1"]


# --------------------------------------------------------------------------- item 9: intervals


def test_start_end_intervals_match_what_they_cover(emulator: Emulator) -> None:
    def submitted(t: dict[str, Any]) -> float:
        return parse_instant(t["properties"]["submissionTime"]) or 0.0

    def ids_where(keep: Any) -> set[str]:
        return {t["properties"]["taskingrequestId"] for t in own(emulator) if keep(submitted(t))}

    def found(value: Any) -> set[str]:
        body = {"query": {"submissionTime": value}}
        return {
            t["properties"]["taskingrequestId"]
            for t in ok(emulator, "/tasks/search", body)["results"]
        }

    times = sorted(submitted(t) for t in own(emulator))
    lo, hi = iso(times[2]), iso(times[-3])
    inside = ids_where(lambda s: parse_instant(lo) <= s <= parse_instant(hi))
    assert 0 < len(inside) < len(times)
    assert found(f"{lo}/{hi}") == found({"eq": f"{lo}/{hi}"}) == inside
    assert found(f"{hi}/..") == ids_where(lambda s: s >= parse_instant(hi))
    assert found(f"../{lo}") == ids_where(lambda s: s <= parse_instant(lo))
    assert found({"ne": f"{lo}/{hi}"}) == ids_where(lambda s: True) - inside


@pytest.mark.parametrize(
    "value", ["2022-01-01/later", "../..", "2022-01-01/2022-02-01/2022-03-01", {"gt": "a/b"}]
)
def test_unreadable_intervals_are_a_400(emulator: Emulator, value: Any) -> None:
    assert paths(post(emulator, "/tasks/search", {"query": {"windowOpen": value}}))


# --------------------------------------------------------------------------- item 12: paging


@pytest.mark.parametrize("path", ["/tasks/search", "/repeat-requests/search"])
def test_page_sizes_follow_the_documented_250_to_500(emulator: Emulator, path: str) -> None:
    assert paths(post(emulator, path, {"query": {}}, limit=249)) == ["limit"]
    assert paths(post(emulator, path, {"query": {}}, limit=501)) == ["limit"]
    for limit in (250, 500):
        assert ok(emulator, path, {"query": {}}, limit=limit)["currentPage"] == 1
    emulator.configure(min_tr_limit=1)
    assert ok(emulator, path, {"query": {}}, limit=2)["currentPage"] == 1


def test_page_and_limit_in_the_body_are_honoured(emulator: Emulator) -> None:
    emulator.configure(min_tr_limit=1)
    body = {"query": {"organizationIds": [emulator.state.org_id]}}
    everything = ok(emulator, "/tasks/search", body, limit=500)["results"]
    page2 = ok(emulator, "/tasks/search", {**body, "page": 2, "limit": 3})
    assert page2["currentPage"] == 2 and page2["results"] == everything[3:6]
    assert page2["totalPages"] == -(-len(everything) // 3)
    same = ok(emulator, "/tasks/search", {**body, "page": 2}, page=2, limit=3)
    assert same["results"] == everything[3:6]
    # Body and query string disagree: which one the Console uses is unknown.
    assert paths(post(emulator, "/tasks/search", {**body, "page": 2}, page=3)) == ["page"]


def test_sort_and_order_in_the_body(emulator: Emulator) -> None:
    body = {"query": {}, "sort": "windowOpen", "order": "asc"}
    found = ok(emulator, "/tasks/search", body)["results"]
    opens = [parse_instant(t["properties"]["windowOpen"]) for t in found]
    assert len(opens) > 3 and opens == sorted(opens)
    default = ok(emulator, "/tasks/search", {"query": {}})["results"]
    subs = [parse_instant(t["properties"]["submissionTime"]) for t in default]
    assert subs == sorted(subs, reverse=True)
    assert paths(post(emulator, "/tasks/search", {"query": {}, "order": "up"})) == ["order"]
    assert paths(post(emulator, "/tasks/search", {"query": {}, "sort": "nope"})) == ["sort"]


def test_unknown_body_and_filter_keys_are_refused_by_name(emulator: Emulator) -> None:
    # A filter under a key the Console ignores would answer every request unfiltered.
    assert paths(post(emulator, "/tasks/search", {"filter": {"userId": "x"}})) == ["filter"]
    r = post(emulator, "/tasks/search", {"query": {"taskingrequestID": "x"}})
    assert paths(r) == ["query.taskingrequestID"]
    r = post(emulator, "/repeat-requests/search", {"query": {"includeRepeatingTasks": False}})
    assert paths(r) == ["query.includeRepeatingTasks"]  # a TR-search key only


# --------------------------------------------------------------------------- our client


def test_our_client_searches_with_the_documented_page_size(
    client: ConsoleClient, emulator: Emulator
) -> None:
    found = client.tasking.search_tasking_requests(submission_time__gt="2022-12-1")
    assert found
    sent = [r for r in emulator.requests("api") if r.path == "/tasks/search"]
    assert sent[0].query["limit"] == "250"
    assert sent[0].json["query"]["submissionTime"] == {"gt": "2022-12-01T00:00:00.000Z"}
    with pytest.raises(InputError) as info:
        client.tasking.search_repeat_requests(page_size=100)
    assert info.value.field == "page_size" and "250" in info.value.message
