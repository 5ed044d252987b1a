"""Error mapping of contract §3: every body shape, non-JSON bodies, status fallbacks."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

import httpx
import pytest

from capella_qgis.core import exceptions as exc
from capella_qgis.core.api.errors import error_from_response, parse_retry_after
from capella_qgis.core.exceptions import error_from_transport
from capella_qgis.core.redact import strip_signature


def _resp(status, body=None, *, auth="ApiKey abc", text=None, headers=None):
    request = httpx.Request("GET", "https://api.test/x", headers={"Authorization": auth})
    if text is not None:
        return httpx.Response(status, text=text, request=request, headers=headers)
    return httpx.Response(status, json=body, request=request, headers=headers)


CASES = [
    (
        400,
        {
            "error": {
                "message": "Cannot update tasking request in current state",
                "code": "UNABLE_TO_UPDATE_TASKING_REQUEST",
            }
        },
        exc.CapellaError,
        "UNABLE_TO_UPDATE_TASKING_REQUEST",
    ),
    (
        400,
        {"error": {"message": "Contract not found", "code": "CONTRACT_NOT_FOUND"}},
        exc.ContractNotFoundError,
        "CONTRACT_NOT_FOUND",
    ),
    (
        400,
        {
            "error": {
                "message": "Validation Error",
                "code": "VALIDATION_ERROR",
                "detail": [
                    {"message": "Invalid uuid", "code": "invalid_string", "path": "some.path"}
                ],
            }
        },
        exc.ValidationError,
        "VALIDATION_ERROR",
    ),
    (
        400,
        {"error": {"message": "Unknown error", "data": {"cause": "NONONO"}}},
        exc.CapellaError,
        "GENERAL_API_ERROR",
    ),
    (410, {"error": "order expired"}, exc.OrderExpiredError, "ORDER_EXPIRED"),
    (
        403,
        {
            "error": "Your organization is not permitted to access any of the collections your "
            "query is attempting to filter amongst (capella-mock)"
        },
        exc.CollectionAccessDeniedError,
        "COLLECTION_ACCESS_DENIED",
    ),
    (401, {"message": "Unauthorized"}, exc.AuthenticationError, "INVALID_API_KEY"),
    (
        403,
        {"Message": "User is not authorized to access this resource"},
        exc.AuthorizationError,
        "GENERAL_API_ERROR",
    ),
    (
        403,
        {
            "error": {
                "message": "User is not authorized to perform this action",
                "code": "NOT_AUTHORIZED",
            }
        },
        exc.AuthorizationError,
        "NOT_AUTHORIZED",
    ),
    (
        400,
        {"error": {"message": "bad granule", "code": "ORDER_VALIDATION_ERROR"}},
        exc.OrderValidationError,
        "ORDER_VALIDATION_ERROR",
    ),
    (
        404,
        {"error": {"message": "Order x not found", "code": "NOT_FOUND"}},
        exc.NotFoundError,
        "NOT_FOUND",
    ),
    # Snippet scan applies to plain messages too, whatever the status.
    (
        400,
        {"message": "You are not authorized to perform X"},
        exc.AuthorizationError,
        "NOT_AUTHORIZED",
    ),
]


@pytest.mark.parametrize(("status", "body", "cls", "code"), CASES)
def test_body_shapes_map_to_exceptions(status, body, cls, code):
    err = error_from_response(_resp(status, body))
    assert type(err) is cls
    assert err.code == code
    assert err.status == status
    assert str(err)


def test_unauthorized_with_bearer_is_invalid_token():
    err = error_from_response(_resp(401, {"message": "unauthorized"}, auth="Bearer eyJ"))
    assert isinstance(err, exc.AuthenticationError)
    assert err.code == "INVALID_TOKEN"
    assert "token" in str(err).lower()
    api = error_from_response(_resp(401, {"message": "Unauthorized"}))
    assert "API key" in str(api) and "Settings › Capella" in str(api)


def test_validation_detail_lines_are_readable():
    body = CASES[2][1]
    err = error_from_response(_resp(400, body))
    assert err.detail == [
        {"message": "Invalid uuid", "code": "invalid_string", "path": "some.path"}
    ]
    assert "some.path: Invalid uuid (invalid_string)" in str(err)
    assert err.data == {"detail": body["error"]["detail"]}


def test_data_is_kept():
    err = error_from_response(
        _resp(400, {"error": {"message": "Unknown error", "data": {"cause": "NONONO"}}})
    )
    assert err.detail == {"cause": "NONONO"}
    assert err.data == {"data": {"cause": "NONONO"}}


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (401, exc.AuthenticationError),
        (403, exc.AuthorizationError),
        (404, exc.NotFoundError),
        (429, exc.RateLimitedError),
        (500, exc.ServerError),
        (502, exc.ServerError),
        (503, exc.ServerError),
        (418, exc.CapellaError),
    ],
)
def test_non_json_bodies_fall_back_on_status(status, cls):
    err = error_from_response(
        _resp(
            status,
            text="<html><body>Bad Gateway</body></html>",
            headers={"content-type": "text/html"},
        )
    )
    assert type(err) is cls
    assert err.status == status
    assert "<html>" not in str(err)


def test_plain_text_body_is_used_as_message_and_redacted():
    err = error_from_response(
        _resp(
            500,
            text="upstream failed for https://s3/x?Signature=SECRET",
            headers={"content-type": "text/plain"},
        )
    )
    assert isinstance(err, exc.ServerError)
    assert "upstream failed" in err.message
    assert "SECRET" not in str(err)


def test_empty_body():
    err = error_from_response(_resp(503, text=""))
    assert isinstance(err, exc.ServerError)
    assert "503" in err.message


def test_json_scalar_and_list_bodies_do_not_crash():
    assert isinstance(error_from_response(_resp(500, ["x"])), exc.ServerError)
    assert isinstance(error_from_response(_resp(404, "nope")), exc.NotFoundError)


def test_unknown_code_with_401_is_authentication():
    err = error_from_response(_resp(401, {"error": {"message": "expired", "code": "WEIRD"}}))
    assert isinstance(err, exc.AuthenticationError)


def test_429_carries_retry_after():
    err = error_from_response(
        _resp(429, {"message": "Too Many Requests"}, headers={"Retry-After": "7"})
    )
    assert isinstance(err, exc.RateLimitedError)
    assert err.retry_after == 7
    assert "7 s" in str(err)


def test_parse_retry_after_seconds_and_http_date():
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("12", now) == 12
    assert parse_retry_after(format_datetime(now + timedelta(seconds=90), usegmt=True), now) == 90
    assert parse_retry_after(format_datetime(now - timedelta(seconds=90), usegmt=True), now) == 0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None) is None


def test_response_without_request_does_not_crash():
    err = error_from_response(httpx.Response(401, json={"message": "Unauthorized"}))
    assert isinstance(err, exc.AuthenticationError)


def test_transport_errors_redact_url():
    url = "https://s3.test/a.tif?Signature=TOPSECRET&Expires=1"
    net = error_from_transport(httpx.ConnectError("refused"), url)
    assert isinstance(net, exc.NetworkError)
    assert "TOPSECRET" not in str(net) and "s3.test/a.tif" in str(net)
    timeout = error_from_transport(httpx.ReadTimeout("slow"), url)
    assert isinstance(timeout, exc.ApiTimeoutError)
    assert "TOPSECRET" not in str(timeout)


def test_insufficient_funds_str_is_server_wording():
    e = exc.InsufficientFundsError("Order cost: $1,000.00; Available Commitment: $0.00}")
    assert str(e) == "Order cost: $1,000.00; Available Commitment: $0.00}"


def test_input_error_is_value_error():
    assert isinstance(exc.InputError("x"), ValueError)


def test_strip_signature_drops_only_presigned_queries() -> None:
    plain = "https://cdn.example.com/a_thumb.png?version=2"
    assert strip_signature(plain) == plain
    v2 = "https://bucket.example/a.tif?AWSAccessKeyId=AK&Expires=1&Signature=s%2Fg"
    assert strip_signature(v2) == "https://bucket.example/a.tif"
    # Percent-encoded keys and non-HTTP schemes take the slow path with the same answer.
    assert strip_signature("s3://b/k.tif?X%2DAmz%2DSignature=z") == "s3://b/k.tif"
    assert strip_signature("https://h/a.png") == "https://h/a.png"
    assert strip_signature("") is None
