"""RetryPolicy and the client's retry behaviour (no real sleeping)."""

from __future__ import annotations

import httpx
import pytest

from capella_qgis.core.api.retry import RetryPolicy
from capella_qgis.core.exceptions import (
    ApiTimeoutError,
    AuthorizationError,
    NetworkError,
    RateLimitedError,
    ServerError,
)
from tests.unit.test_core_support import USER, make_client


def policy(**kw):
    sleeps: list[float] = []
    kw.setdefault("jitter", False)
    return RetryPolicy(sleep=sleeps.append, **kw), sleeps


def sequence_handler(*outcomes):
    """Return/raise the given outcomes in order (the last one repeats)."""
    state = {"n": 0}

    def handler(request):
        i = min(state["n"], len(outcomes) - 1)
        state["n"] += 1
        out = outcomes[i]
        if isinstance(out, Exception):
            raise out
        return out

    return handler


def test_backoff_grows_and_is_capped():
    p, _ = policy(base_delay=1, max_delay=5)
    assert [p.backoff(a) for a in (1, 2, 3, 4, 5)] == [1, 2, 4, 5, 5]


def test_jitter_keeps_half_the_delay():
    p = RetryPolicy(base_delay=2, jitter=True, rng=lambda: 0.0)
    assert p.backoff(1) == 1.0
    p = RetryPolicy(base_delay=2, jitter=True, rng=lambda: 1.0)
    assert p.backoff(1) == 2.0


def test_503_then_success_is_retried_with_backoff():
    p, sleeps = policy(base_delay=0.5)
    handler = sequence_handler(
        httpx.Response(503, json={"message": "x"}),
        httpx.Response(502, json={"message": "x"}),
        httpx.Response(200, json=USER),
    )
    client, rec = make_client(handler, retry=p)
    assert client.get_user().id == USER["id"]
    assert len(rec.requests) == 3
    assert sleeps == [0.5, 1.0]


def test_gives_up_after_max_attempts_with_server_error():
    p, sleeps = policy(max_attempts=3)
    client, rec = make_client(sequence_handler(httpx.Response(504, json={})), retry=p)
    with pytest.raises(ServerError):
        client.get_user()
    assert len(rec.requests) == 3
    assert len(sleeps) == 2


def test_retry_after_seconds_honoured():
    p, sleeps = policy()
    handler = sequence_handler(
        httpx.Response(429, json={"message": "Too Many Requests"}, headers={"Retry-After": "3"}),
        httpx.Response(200, json=USER),
    )
    client, _ = make_client(handler, retry=p)
    client.get_user()
    assert sleeps == [3.0]


def test_retry_after_above_hard_cap_gives_up_at_once():
    p, sleeps = policy(max_retry_after=120)
    handler = sequence_handler(
        httpx.Response(429, json={"message": "Too Many Requests"}, headers={"Retry-After": "600"})
    )
    client, rec = make_client(handler, retry=p)
    with pytest.raises(RateLimitedError) as info:
        client.get_user()
    assert info.value.retry_after == 600
    assert "600 s" in str(info.value) and "UTC" in str(info.value)
    assert sleeps == []
    assert len(rec.requests) == 1


def test_429_exhausted_becomes_rate_limited():
    p, _ = policy(max_attempts=2)
    client, _ = make_client(
        sequence_handler(httpx.Response(429, json={"message": "Too Many Requests"})), retry=p
    )
    with pytest.raises(RateLimitedError):
        client.get_user()


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_other_4xx_never_retried(status):
    p, sleeps = policy()
    client, rec = make_client(
        sequence_handler(httpx.Response(status, json={"message": "no"})), retry=p
    )
    with pytest.raises(Exception):  # noqa: B017 - the class is covered by test_core_errors
        client.get_user()
    assert len(rec.requests) == 1
    assert sleeps == []


def test_post_create_not_resent_after_read_timeout():
    p, sleeps = policy()
    client, rec = make_client(sequence_handler(httpx.ReadTimeout("slow")), retry=p)
    with pytest.raises(ApiTimeoutError):
        client.request("POST", "/orders", json_body={"items": []}, idempotent=False)
    assert len(rec.requests) == 1
    assert sleeps == []


def test_post_create_not_resent_after_502():
    p, _ = policy()
    client, rec = make_client(sequence_handler(httpx.Response(502, json={})), retry=p)
    with pytest.raises(ServerError):
        client.request("POST", "/task", json_body={}, idempotent=False)
    assert len(rec.requests) == 1


def test_post_create_resent_after_connect_error_and_503():
    p, sleeps = policy()
    handler = sequence_handler(
        httpx.ConnectError("refused"),
        httpx.Response(503, json={}),
        httpx.Response(200, json={"ok": True}),
    )
    client, rec = make_client(handler, retry=p)
    resp = client.request("POST", "/orders", json_body={"items": []}, idempotent=False)
    assert resp.json() == {"ok": True}
    assert len(rec.requests) == 3
    assert len(sleeps) == 2


def test_idempotent_get_retried_on_read_error():
    p, _ = policy()
    client, rec = make_client(
        sequence_handler(httpx.ReadError("reset"), httpx.Response(200, json=USER)), retry=p
    )
    assert client.get_user().id == USER["id"]
    assert len(rec.requests) == 2


def test_search_post_marked_idempotent_is_retried_on_read_timeout():
    p, _ = policy()
    client, rec = make_client(
        sequence_handler(httpx.ReadTimeout("slow"), httpx.Response(200, json={"ok": 1})),
        retry=p,
    )
    client.request("POST", "/catalog/search", json_body={}, idempotent=True)
    assert len(rec.requests) == 2


def test_connect_error_exhausted_is_network_error():
    p, _ = policy(max_attempts=2)
    client, rec = make_client(sequence_handler(httpx.ConnectError("refused")), retry=p)
    with pytest.raises(NetworkError):
        client.get_user()
    assert len(rec.requests) == 2


def test_forbidden_not_retried_even_if_idempotent():
    p, _ = policy()
    client, rec = make_client(
        sequence_handler(
            httpx.Response(403, json={"error": {"code": "NOT_AUTHORIZED", "message": "no"}})
        ),
        retry=p,
    )
    with pytest.raises(AuthorizationError):
        client.get_user()
    assert len(rec.requests) == 1
