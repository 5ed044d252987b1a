"""TR/RR endpoints: create, bulk update/cancel with mixed failures, search encoding, collects."""

from __future__ import annotations

import copy
import json
import threading
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from capella_qgis.core.api.request_filters import _RR_FILTERS, _TR_FILTERS, encode_request_filters
from capella_qgis.core.exceptions import (
    CapellaError,
    InputError,
    NotFoundError,
    TaskNotCompleteError,
)
from capella_qgis.core.models.payloads import TaskingRequestCreate
from tests.unit.core_support import (
    ORG_ID,
    RR_FIXTURE,
    RR_ID,
    TR_FIXTURE,
    TR_ID,
    USER,
    USER_ID,
    make_client,
)

ID2 = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
ID3 = "bbbbbbbb-bbbb-4ccc-8ddd-eeeeeeeeeeee"


def tr_with(tr_id, status="received"):
    tr = copy.deepcopy(TR_FIXTURE)
    tr["properties"]["taskingrequestId"] = tr_id
    tr["properties"]["statusHistory"] = [{"code": status, "time": "2020-04-23T13:03:21.532Z"}]
    return tr


def test_create_tasking_request_posts_payload_once():
    created = tr_with(TR_ID)
    client, rec = make_client(lambda r: httpx.Response(201, json=created))
    # A window that has not closed yet: one in the past is refused before sending.
    opens = datetime.now(timezone.utc) + timedelta(days=1)
    req = TaskingRequestCreate(
        geometry={"type": "Point", "coordinates": [1, 2]}, name="x", window_open=opens
    )
    tr = client.tasking.create_tasking_request(req)
    assert tr.id == TR_ID and tr.status == "received"
    assert rec.requests[0].url.path == "/task"
    assert json.loads(rec.requests[0].content) == req.to_payload()


def test_create_from_dict_validates_before_sending():
    client, rec = make_client(lambda r: httpx.Response(500))
    with pytest.raises(InputError):
        client.tasking.create_tasking_request(
            {"geometry": {"type": "Point", "coordinates": [1, 2]}}
        )
    with pytest.raises(InputError):
        client.tasking.create_repeat_request(
            {
                "geometry": {"type": "Point", "coordinates": [1, 2]},
                "name": "x",
                "collection_tier": "insar",
            }
        )
    assert rec.requests == []


def test_create_repeat_request():
    client, rec = make_client(lambda r: httpx.Response(200, json=RR_FIXTURE))
    rr = client.tasking.create_repeat_request(
        {
            "geometry": {"type": "Point", "coordinates": [1, 2]},
            "name": "x",
            "repeat_start": "2026-05-01",
        }
    )
    assert rr.id == RR_ID
    assert rec.requests[0].url.path == "/repeat-requests"


def test_update_mixed_results_never_raise():
    lock = threading.Lock()
    seen = []

    def handler(request):
        with lock:
            seen.append((request.method, request.url.path, json.loads(request.content)))
        tr_id = request.url.path.rsplit("/", 1)[1]
        if tr_id == ID2:
            return httpx.Response(
                400,
                json={
                    "error": {
                        "message": "Cannot update tasking request in current state",
                        "code": "UNABLE_TO_UPDATE_TASKING_REQUEST",
                    }
                },
            )
        if tr_id == ID3:
            return httpx.Response(404, json={"error": {"message": "nf", "code": "NOT_FOUND"}})
        return httpx.Response(200, json=tr_with(tr_id))

    client, _ = make_client(handler)
    result = client.tasking.update_tasking_requests(
        [TR_ID, ID2, TR_ID.upper(), None, "bogus", ID3], {"name": "renamed"}
    )
    assert list(result) == [TR_ID, ID2, "bogus", ID3]
    assert result.succeeded == [TR_ID]
    assert result[TR_ID].value.id == TR_ID
    assert result[ID2].error.code == "UNABLE_TO_UPDATE_TASKING_REQUEST"
    assert isinstance(result[ID3].error, NotFoundError)
    assert isinstance(result["bogus"].error, InputError)
    assert result[ID2].to_dict() == {
        "success": False,
        "error": {
            "message": "Cannot update tasking request in current state",
            "code": "UNABLE_TO_UPDATE_TASKING_REQUEST",
        },
    }
    assert not result.all_ok
    assert len(seen) == 3  # de-duplicated, bad id never sent
    assert {body["properties"]["taskingrequestName"] for _, _, body in seen} == {"renamed"}


def test_cancel_tasking_and_repeat_requests():
    def handler(request):
        if ID2 in request.url.path:
            return httpx.Response(
                400,
                json={
                    "error": {
                        "message": "This transaction has been finalized with a status of "
                        "'customer-cancelled'. It cannot be further modified.",
                        "code": "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION",
                    }
                },
            )
        return httpx.Response(200, json={"status": "canceled"})

    client, rec = make_client(handler)
    result = client.tasking.cancel_tasking_requests([TR_ID, ID2])
    assert result[TR_ID].to_dict() == {"success": True}
    assert result[ID2].error.code == "UNABLE_TO_UPDATE_FINALIZED_TRANSACTION"
    paths = sorted(r.url.path for r in rec.requests)
    assert paths == [f"/task/{TR_ID}/status", f"/task/{ID2}/status"]
    assert all(json.loads(r.content) == {"status": "canceled"} for r in rec.requests)
    rr = client.tasking.cancel_repeat_requests(RR_ID)
    assert rr.all_ok
    assert rec.requests[-1].url.path == f"/repeat-requests/{RR_ID}/status"


def test_update_repeat_requests_body():
    client, rec = make_client(lambda r: httpx.Response(200, json=RR_FIXTURE))
    result = client.tasking.update_repeat_requests([RR_ID], {"description": "d"})
    assert result.all_ok
    assert json.loads(rec.requests[0].content) == {"properties": {"repeatrequestDescription": "d"}}


def test_bulk_empty_raises():
    client, _ = make_client(lambda r: httpx.Response(200))
    with pytest.raises(InputError):
        client.tasking.cancel_tasking_requests([])
    with pytest.raises(InputError):
        client.tasking.cancel_tasking_requests([None])


def test_tr_filter_encoding():
    query = encode_request_filters(
        {
            "status": ["Accepted", "review", "submitted", "review"],
            "window_open__gt": "2025-12-01",
            "window_open__lt": "2026-12-01",
            "collection_tier": "priority",
            "tasking_request_id": TR_ID,
            "submission_time__gte": "2022-12-01T01:00:00+01:00",
        },
        _TR_FILTERS,
    )
    assert query == {
        "lastStatusCode": ["accepted", "review", "submitted"],
        "windowOpen": {"gt": "2025-12-01T00:00:00.000Z", "lt": "2026-12-01T00:00:00.000Z"},
        "collectionTier": {"eq": "priority"},
        "taskingrequestIds": {"eq": TR_ID},
        "submissionTime": {"gte": "2022-12-01T00:00:00.000Z"},
    }


@pytest.mark.parametrize(
    ("filters", "snippet"),
    [
        ({"status": ["accepted", "bogus"]}, "bogus"),
        ({"collection_tier": "insar"}, "collection_tier"),
        ({"tasking_request_id": ["nope"]}, "not a valid UUID"),
        ({"colour": "red"}, "Valid filters"),
        ({"window_open__between": "x"}, "Valid operators"),
        ({"status__gt": ["a"]}, "single value"),
        ({"window_open": "yesterday"}, "not a date"),
    ],
)
def test_tr_filter_refusals(filters, snippet):
    with pytest.raises(InputError) as info:
        encode_request_filters(filters, _TR_FILTERS)
    assert snippet in str(info.value)


def test_rr_filter_encoding_uses_dotted_keys():
    query = encode_request_filters(
        {
            "repeat_start__lt": "2025-10-01",
            "collection_tier": "insar",
            "repeat_request_id": [RR_ID, RR_ID],
            "repetition_interval": 7,
        },
        _RR_FILTERS,
    )
    assert query == {
        "repetitionProperties.repeatStart": {"lt": "2025-10-01T00:00:00.000Z"},
        "collectionTier": {"eq": "insar"},
        "repeatrequestIds": [RR_ID],
        "repetitionProperties.repetitionInterval": {"eq": 7},
    }


class FakeTaskSearch:
    def __init__(self, total_pages=3, per_page=2, key="query"):
        self.total_pages = total_pages
        self.per_page = per_page
        self.key = key
        self.lock = threading.Lock()
        self.calls = []

    def __call__(self, request):
        if request.url.path == "/user":
            return httpx.Response(200, json=USER)
        body = json.loads(request.content)
        page = int(request.url.params["page"])
        with self.lock:
            self.calls.append((request.url.path, page, int(request.url.params["limit"]), body))
        assert set(body) == {self.key}
        results = [
            tr_with(f"00000000-0000-4000-8000-{page:06d}{i:06d}") for i in range(self.per_page)
        ]
        return httpx.Response(
            200, json={"results": results, "currentPage": page, "totalPages": self.total_pages}
        )


def test_search_tasking_requests_scoping_and_paging():
    fake = FakeTaskSearch(total_pages=3)
    client, _ = make_client(fake)
    progress = []
    found = client.tasking.search_tasking_requests(
        status=["accepted"], progress=lambda *a: progress.append(a)
    )
    assert len(found) == 6
    assert [tr.id[-12:-6] for tr in found] == ["000001"] * 2 + ["000002"] * 2 + ["000003"] * 2
    assert sorted(page for _, page, _, _ in fake.calls) == [1, 2, 3]
    assert {limit for _, _, limit, _ in fake.calls} == {250}
    body = fake.calls[0][3]
    assert body == {
        "query": {
            "includeRepeatingTasks": {"eq": False},
            "lastStatusCode": ["accepted"],
            "userId": USER_ID,
        }
    }
    assert progress[-1] == (3, 3, 6)


def test_search_tasking_requests_for_org():
    fake = FakeTaskSearch(total_pages=1)
    client, _ = make_client(fake)
    client.tasking.search_tasking_requests({"status": "completed"}, for_org=True, page_size=500)
    assert fake.calls[0][3]["query"] == {
        "includeRepeatingTasks": {"eq": False},
        "lastStatusCode": {"eq": "completed"},
        "organizationIds": [ORG_ID],
    }
    assert fake.calls[0][2] == 500


def test_search_with_explicit_user_skips_user_lookup():
    fake = FakeTaskSearch(total_pages=0)
    client, rec = make_client(fake)
    assert len(client.tasking.search_tasking_requests(user_id=USER_ID)) == 2
    assert [r.url.path for r in rec.requests] == ["/tasks/search"]
    assert fake.calls[0][3]["query"]["userId"] == {"eq": USER_ID}
    with pytest.raises(InputError):
        client.tasking.search_tasking_requests(page_size=501)


def test_search_repeat_requests_uses_query_key():
    # ``query`` (Capella's docs and Postman collection), not the SDK's ``filter``: docs/tasking.md
    fake = FakeTaskSearch(total_pages=1, key="query")

    def handler(request):
        if request.url.path == "/repeat-requests/search":
            body = json.loads(request.content)
            fake.calls.append(body)
            return httpx.Response(
                200, json={"results": [RR_FIXTURE], "currentPage": 1, "totalPages": 1}
            )
        return httpx.Response(200, json=USER)

    client, _ = make_client(handler)
    found = client.tasking.search_repeat_requests(repeat_start__lt="2025-10-01")
    assert found[0].id == RR_ID
    assert fake.calls[0] == {
        "query": {
            "repetitionProperties.repeatStart": {"lt": "2025-10-01T00:00:00.000Z"},
            "userId": USER_ID,
        }
    }
    assert client.tasking.get_repeat_request(RR_ID).id == RR_ID
    assert fake.calls[-1]["query"]["repeatrequestIds"] == {"eq": RR_ID}


def test_get_repeat_request_not_found():
    def handler(request):
        if request.url.path == "/user":
            return httpx.Response(200, json=USER)
        return httpx.Response(200, json={"results": [], "currentPage": 1, "totalPages": 0})

    client, _ = make_client(handler)
    with pytest.raises(NotFoundError):
        client.tasking.get_repeat_request(RR_ID)


COLLECTS = [
    {
        "collectId": "0a4722dc-ff2a-4553-9f71-42dfdb99a39e",
        "taskingrequestId": TR_ID,
        "collectStatusHistory": [{"code": "delivered", "time": "2021-01-22T15:06:45.226Z"}],
    },
    {"collectId": "1a4722dc-ff2a-4553-9f71-42dfdb99a39e", "taskingrequestId": TR_ID},
]


def test_resolve_collect_ids():
    def handler(request):
        if request.url.path == f"/task/{TR_ID}":
            return httpx.Response(200, json=TR_FIXTURE)
        assert request.url.path == f"/collects/list/{TR_ID}"
        return httpx.Response(200, json=COLLECTS)

    client, _ = make_client(handler)
    assert client.tasking.resolve_collect_ids_for_tasking_request(TR_ID) == [
        c["collectId"] for c in COLLECTS
    ]
    assert client.tasking.get_collects(TR_ID)[0].status == "delivered"


def test_resolve_collect_ids_requires_completed():
    client, rec = make_client(lambda r: httpx.Response(200, json=tr_with(TR_ID, "accepted")))
    with pytest.raises(TaskNotCompleteError) as info:
        client.tasking.resolve_collect_ids_for_tasking_request(TR_ID)
    assert "accepted" in str(info.value)
    assert len(rec.requests) == 1


def test_uuid_validated_before_request():
    client, rec = make_client(lambda r: httpx.Response(200, json=TR_FIXTURE))
    for call in (
        client.tasking.get_tasking_request,
        client.tasking.get_collects,
        client.tasking.get_repeat_request,
    ):
        with pytest.raises(InputError):
            call("123")
    assert rec.requests == []
    assert isinstance(InputError("x"), CapellaError)
