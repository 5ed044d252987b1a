"""Shared fixtures for the core unit tests: contract JSON samples and a fake Console."""

from __future__ import annotations

import json
from typing import Any, Callable, Optional

import httpx

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.api.http import RetryPolicy

BASE = "https://api.test"
USER_ID = "5b3b6c2e-3f7c-4c0a-9d1e-0d8f2a6c1b11"
ORG_ID = "0f6a1f0e-8d4e-4f7c-9a3b-6e2d1c5b4a39"
TR_ID = "8f9c3a52-6a0e-4b4e-9f3b-0c1d2e3f4a5b"
RR_ID = "3c2b1a09-8f7e-4d6c-b5a4-0123456789ab"
ORDER_ID = "179d4c75-8830-4947-ba33-67d8994eabe5"
KEY = "k" * 64

USER = {"id": USER_ID, "organizationId": ORG_ID, "email": "a@example.com", "roles": ["user"]}

TR_FIXTURE: dict[str, Any] = json.loads("""
{
  "type": "Feature",
  "geometry": {"type": "Point", "coordinates": [-100.0, 40.0]},
  "properties": {
    "taskingrequestId": "8f9c3a52-6a0e-4b4e-9f3b-0c1d2e3f4a5b",
    "taskingrequestName": "TASKING_REQUEST_NAME",
    "taskingrequestDescription": "TASKING_REQUEST_DESCRIPTION",
    "submissionTime": "2020-04-21T21:20:54.385Z",
    "userId": "5b3b6c2e-3f7c-4c0a-9d1e-0d8f2a6c1b11",
    "orgId": "0f6a1f0e-8d4e-4f7c-9a3b-6e2d1c5b4a39",
    "repeatrequestId": null,
    "windowOpen": "2020-04-21T22:18:57.936Z",
    "windowClose": "2020-04-28T22:18:57.936Z",
    "windowDuration": 604800,
    "collectionTier": "7_day",
    "collectionType": "spotlight",
    "archiveHoldback": "none",
    "customAttribute1": null,
    "customAttribute2": null,
    "processingConfig": null,
    "statusHistory": [
      {"time": "2020-04-23T13:03:21.532Z", "code": "completed", "message": "done"},
      {"time": "2020-04-22T15:30:08.756Z", "code": "accepted", "message": "ok"},
      {"time": "2020-04-21T23:21:26.214Z", "code": "submitted", "message": "auto"},
      {"time": "2020-04-21T23:21:24.491Z", "code": "review", "message": "review"},
      {"time": "2020-04-21T23:20:54.385Z", "code": "received", "message": "Request created"}
    ],
    "collectConstraints": {
      "lookDirection": "either", "ascDsc": "either", "orbitalPlanes": [],
      "localTime": [[0, 86400]], "offNadirMin": 25, "offNadirMax": 40,
      "collectMode": "spotlight", "imageLength": 5000, "grrMin": 0.5, "grrMax": 0.7,
      "azrMin": 0.5, "azrMax": 0.5, "neszMax": -10, "numLooks": 9
    },
    "type": "spotlight",
    "preApproval": true,
    "transactionStatus": "in-progress",
    "sandbox": false,
    "order": {"summary": {"total": "$20.00", "subtotal": "$20.00"}, "lineItems": [],
              "archiveHoldback": "none", "managedOrganizationIds": ["*"]}
  }
}
""")

RR_FIXTURE: dict[str, Any] = json.loads("""
{
  "type": "Feature",
  "geometry": {"type": "Point", "coordinates": [-110.390625, 35.173808]},
  "properties": {
    "repeatrequestId": "3c2b1a09-8f7e-4d6c-b5a4-0123456789ab",
    "repeatrequestName": "",
    "repeatrequestDescription": "",
    "submissionTime": "2023-09-08T17:35:26.171Z",
    "orgId": "0f6a1f0e-8d4e-4f7c-9a3b-6e2d1c5b4a39",
    "userId": "5b3b6c2e-3f7c-4c0a-9d1e-0d8f2a6c1b11",
    "windowDuration": 604800,
    "repetitionProperties": {
      "repeatStart": "2023-09-08T17:25:26.000Z", "repeatEnd": null, "repetitionInterval": 7,
      "repetitionCount": null, "maintainSceneFraming": false, "lookAngleTolerance": 10
    },
    "collectionTier": "routine",
    "archiveHoldback": "1_year",
    "statusHistory": [{"time": "2023-09-08T17:35:26.172Z", "code": "received",
                       "message": "Request created"}],
    "collectConstraints": {
      "lookDirection": "either", "ascDsc": "either", "orbitalPlanes": [],
      "localTime": [[0, 86400]], "offNadirMin": 25, "offNadirMax": 50, "polarization": "HH",
      "radarParameters": {"prf": null, "bandwidth": 500000000, "upchirp": true}
    },
    "billingEnvironment": "default",
    "parentRepeatrequest": null,
    "sandbox": true,
    "costPerImageEstimate": "$3,000.00",
    "processingConfig": null,
    "customAttribute1": null,
    "customAttribute2": null
  }
}
""")

ORDER_FIXTURE: dict[str, Any] = {
    "orderId": ORDER_ID,
    "userId": USER_ID,
    "organizationId": ORG_ID,
    "orderDate": "2020-12-21T19:22:23.849Z",
    "expirationDate": "2020-12-21T20:22:23.849Z",
    "orderStatus": "completed",
    "items": [
        {
            "granuleId": "CAPELLA_C02_SM_SLC_HH_20201126192221_20201126192225",
            "collectionId": "capella-test",
            "type": "stripmap",
            "size": 100000000,
            "previouslyOrdered": False,
            "collectionDate": "2020-11-27T02:06:41.304Z",
        }
    ],
}

REVIEW_OK: dict[str, Any] = {
    "authorized": True,
    "orderDetails": {
        "summary": {"subtotal": "$0.00", "total": "$0.00"},
        "lineItems": [
            {
                "granuleId": "CAPELLA_C05_SP_SLC_HH_20211020065916_20211020065918",
                "collectionId": "capella-open-data",
                "order": {"finalListPrice": "$0.00"},
            }
        ],
    },
}

DENIAL = (
    "This order will exceed your active contract period's value commitment. "
    "Order cost: $1,000.00; Available Commitment: $0.00}"
)
REVIEW_DENIED: dict[str, Any] = {
    "authorized": False,
    "authorizationDenialReason": {"message": DENIAL, "code": "AUTHORIZATION_INSUFFICIENT_FUNDS"},
}

PRESIGNED_FIXTURE: list[dict[str, Any]] = [
    {
        "id": "CAPELLA_C02_SM_GEO_HH_20210119154519_20210119154523",
        "collection": "capella-test",
        "properties": {"sar:product_type": "GEO", "sar:polarizations": ["HH"]},
        "assets": {
            "HH": {
                "href": "https://test-data.capellaspace.com/capella-test/2021/1/19/"
                "CAPELLA_C02_SM_GEO_HH_20210119154519_20210119154523/"
                "CAPELLA_C02_SM_GEO_HH_20210119154519_20210119154523.tif"
                "?AWSAccessKeyId=AKIASECRET&Expires=1611078000&Signature=SIGSECRET",
                "title": "Data file",
                "type": "image/tiff; application=geotiff",
            },
            "thumbnail": {
                "href": "https://test-data.capellaspace.com/x_thumb.png?X-Amz-Signature=abc",
                "title": "Thumbnail",
                "type": "image/png",
            },
        },
    }
]


def stac_item(index: int, collection: str = "capella-open-data", **props: Any) -> dict:
    """A small STAC item with a deterministic id."""
    stamp = f"{20240101000000 + index:014d}"
    properties = {
        "datetime": "2024-05-12T17:17:10.928694Z",
        "sar:product_type": "GEO",
        "sar:polarizations": ["HH"],
        "capella:collect_id": f"00000000-0000-4000-8000-{index:012d}",
    }
    properties.update(props)
    return {
        "type": "Feature",
        "id": f"CAPELLA_C02_SP_GEO_HH_{stamp}_{stamp}",
        "collection": collection,
        "geometry": {"type": "Point", "coordinates": [0.0, 0.0]},
        "properties": properties,
        "assets": {},
    }


class Recorder:
    """MockTransport handler wrapper that records every request."""

    def __init__(self, handler: Callable[[httpx.Request], httpx.Response]):
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return self.handler(request)

    def bodies(self, path: Optional[str] = None) -> list[Any]:
        return [
            json.loads(r.content) if r.content else None
            for r in self.requests
            if path is None or r.url.path == path
        ]


def make_client(
    handler: Callable[[httpx.Request], httpx.Response],
    *,
    credential: Optional[Credential] = None,
    retry: Optional[RetryPolicy] = None,
    **kwargs: Any,
) -> tuple[ConsoleClient, Recorder]:
    recorder = handler if isinstance(handler, Recorder) else Recorder(handler)
    client = ConsoleClient(
        credential or Credential.api_key(KEY),
        BASE,
        transport=httpx.MockTransport(recorder),
        retry=retry or RetryPolicy(max_attempts=1, sleep=lambda s: None),
        **kwargs,
    )
    return client, recorder


class FakeCatalog:
    """Catalog search that implements offset = (page - 1) * limit from the JSON body."""

    def __init__(
        self,
        count: int,
        *,
        duplicate_last: bool = False,
        next_host: Optional[str] = None,
        fail_page: Optional[int] = None,
    ) -> None:
        self.items = [stac_item(i) for i in range(count)]
        self.duplicate_last = duplicate_last
        self.next_host = next_host
        self.fail_page = fail_page
        self.calls: list[tuple[str, dict]] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        if request.url.path == "/user":
            return httpx.Response(200, json=USER)
        assert request.url.path.endswith("/catalog/search"), request.url
        body = json.loads(request.content)
        self.calls.append((str(request.url), body))
        limit = body.get("limit", 500)
        page = body.get("page") or int(request.url.params.get("page", 1))
        if self.fail_page is not None and page == self.fail_page:
            return httpx.Response(500, json={"error": {"message": "boom"}})
        if page * limit > 10_000:
            return httpx.Response(
                400, json={"error": {"message": "window", "code": "VALIDATION_ERROR"}}
            )
        offset = (page - 1) * limit
        features = self.items[offset : offset + limit]
        if self.duplicate_last and offset > 0:
            features = [self.items[offset - 1], *features]
        links = []
        if offset + limit < min(len(self.items), 10_000):
            host = self.next_host or str(request.url.copy_with(query=None)).split("/catalog")[0]
            links.append({"rel": "next", "href": f"{host}/catalog/search?page={page + 1}"})
        return httpx.Response(
            200,
            json={
                "type": "FeatureCollection",
                "numberMatched": len(self.items),
                "numberReturned": len(features),
                "features": features,
                "links": links,
            },
        )
