"""RetryPolicy (presets, the retry table, cancellable waits) and the client's retries."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any, Callable

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.api.http import (
    MAX_RETRY_AFTER,
    RETRYABLE_STATUSES,
    RetryPolicy,
    cancellable_wait,
)
from capella_qgis.core.exceptions import (
    ApiTimeoutError,
    AuthorizationError,
    CancelledError,
    NetworkError,
    RateLimitedError,
    ServerError,
)
from capella_qgis.core.search.query import CatalogQuery
from tests.console_emulator import Emulator
from tests.unit.core_support import USER, make_client


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
    assert client.account.get_user().id == USER["id"]
    assert len(rec.requests) == 3
    assert sleeps == [0.5, 1.0]


def test_gives_up_after_max_attempts_with_server_error():
    p, sleeps = policy(max_attempts=3)
    client, rec = make_client(sequence_handler(httpx.Response(504, json={})), retry=p)
    with pytest.raises(ServerError):
        client.account.get_user()
    assert len(rec.requests) == 3
    assert len(sleeps) == 2


def test_retry_after_seconds_honoured():
    p, sleeps = policy()
    handler = sequence_handler(
        httpx.Response(429, json={"message": "Too Many Requests"}, headers={"Retry-After": "3"}),
        httpx.Response(200, json=USER),
    )
    client, _ = make_client(handler, retry=p)
    client.account.get_user()
    assert sleeps == [3.0]


def test_retry_after_above_hard_cap_gives_up_at_once():
    p, sleeps = policy(max_retry_after=120)
    handler = sequence_handler(
        httpx.Response(429, json={"message": "Too Many Requests"}, headers={"Retry-After": "600"})
    )
    client, rec = make_client(handler, retry=p)
    with pytest.raises(RateLimitedError) as info:
        client.account.get_user()
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
        client.account.get_user()


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422])
def test_other_4xx_never_retried(status):
    p, sleeps = policy()
    client, rec = make_client(
        sequence_handler(httpx.Response(status, json={"message": "no"})), retry=p
    )
    with pytest.raises(Exception):  # noqa: B017 - the class is covered by test_core_errors
        client.account.get_user()
    assert len(rec.requests) == 1
    assert sleeps == []


def test_post_create_not_resent_after_read_timeout():
    p, sleeps = policy()
    client, rec = make_client(sequence_handler(httpx.ReadTimeout("slow")), retry=p)
    with pytest.raises(ApiTimeoutError):
        client.session.request("POST", "/orders", json_body={"items": []}, idempotent=False)
    assert len(rec.requests) == 1
    assert sleeps == []


def test_post_create_not_resent_after_502():
    p, _ = policy()
    client, rec = make_client(sequence_handler(httpx.Response(502, json={})), retry=p)
    with pytest.raises(ServerError):
        client.session.request("POST", "/task", json_body={}, idempotent=False)
    assert len(rec.requests) == 1


def test_post_create_resent_after_connect_error_and_503():
    p, sleeps = policy()
    handler = sequence_handler(
        httpx.ConnectError("refused"),
        httpx.Response(503, json={}),
        httpx.Response(200, json={"ok": True}),
    )
    client, rec = make_client(handler, retry=p)
    resp = client.session.request("POST", "/orders", json_body={"items": []}, idempotent=False)
    assert resp.json() == {"ok": True}
    assert len(rec.requests) == 3
    assert len(sleeps) == 2


def test_idempotent_get_retried_on_read_error():
    p, _ = policy()
    client, rec = make_client(
        sequence_handler(httpx.ReadError("reset"), httpx.Response(200, json=USER)), retry=p
    )
    assert client.account.get_user().id == USER["id"]
    assert len(rec.requests) == 2


def test_search_post_marked_idempotent_is_retried_on_read_timeout():
    p, _ = policy()
    client, rec = make_client(
        sequence_handler(httpx.ReadTimeout("slow"), httpx.Response(200, json={"ok": 1})),
        retry=p,
    )
    client.session.request("POST", "/catalog/search", json_body={}, idempotent=True)
    assert len(rec.requests) == 2


def test_connect_error_exhausted_is_network_error():
    p, _ = policy(max_attempts=2)
    client, rec = make_client(sequence_handler(httpx.ConnectError("refused")), retry=p)
    with pytest.raises(NetworkError):
        client.account.get_user()
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
        client.account.get_user()
    assert len(rec.requests) == 1


# --- presets and the one retry table ------------------------------------------------------


def test_presets() -> None:
    api, asset = RetryPolicy.api(), RetryPolicy.asset()
    assert (api.max_attempts, api.base_delay, api.max_delay) == (4, 0.5, 30.0)
    assert (asset.max_attempts, asset.base_delay, asset.max_delay) == (5, 1.0, 30.0)
    assert api.max_retry_after == asset.max_retry_after == MAX_RETRY_AFTER == 120.0
    assert RetryPolicy() == RetryPolicy.api()
    assert RetryPolicy.never().max_attempts == 1
    assert RetryPolicy.asset(max_attempts=2, jitter=False).max_attempts == 2


@pytest.mark.parametrize("status", sorted(RETRYABLE_STATUSES))
def test_one_table_of_retryable_statuses(status: int) -> None:
    for p in (RetryPolicy.api(), RetryPolicy.asset()):
        assert p.retryable_status(status)
        # A creating POST is resent only when the status proves it was not processed.
        assert p.retryable_status(status, idempotent=False) == (status in (429, 503))


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 416, 422, 501])
def test_final_statuses(status: int) -> None:
    assert not RetryPolicy.api().retryable_status(status)


def test_delay_prefers_retry_after() -> None:
    p = RetryPolicy(jitter=False)
    assert p.delay(1) == 0.5 and p.delay(3) == 2.0 and p.delay(3, retry_after=7) == 7.0
    assert not p.retry_after_too_long(None) and not p.retry_after_too_long(120)
    assert p.retry_after_too_long(121)


def test_one_cap_bounds_every_wait_and_downloads_wait_it() -> None:
    # The API refuses a Retry-After above the cap (RateLimitedError, tested above); a wait
    # the policy computes is never longer than the cap, for either preset.
    for p in (RetryPolicy.api(jitter=False), RetryPolicy.asset(jitter=False)):
        assert p.delay(1, retry_after=600) == MAX_RETRY_AFTER
        assert p.delay(1, retry_after=60) == 60.0
    assert RetryPolicy.asset(max_retry_after=2).delay(3, retry_after=600) == 2.0


def test_download_bounds_are_named_policy_fields() -> None:
    from capella_qgis.core.api.http import SILENCE_TIMEOUT, WAIT_BUDGET

    asset = RetryPolicy.asset()
    assert (asset.silence_timeout, asset.wait_budget) == (SILENCE_TIMEOUT, WAIT_BUDGET)
    assert (SILENCE_TIMEOUT, WAIT_BUDGET) == (30.0, 300.0)
    small = RetryPolicy.asset(silence_timeout=0.2, wait_budget=1.0)
    assert (small.silence_timeout, small.wait_budget) == (0.2, 1.0)


# --- cancellable waits -------------------------------------------------------------------


def test_cancellable_wait_counts_down() -> None:
    ticks: list[float] = []
    started = time.monotonic()
    cancellable_wait(1.3, lambda: False, tick=ticks.append)
    assert 1.3 <= time.monotonic() - started < 2.0
    assert len(ticks) == 2 and ticks[0] == pytest.approx(1.3, abs=0.05)
    assert ticks[1] == pytest.approx(0.3, abs=0.1)


def test_policy_wait_with_a_test_sleep_ticks_once() -> None:
    slept: list[float] = []
    ticks: list[float] = []
    RetryPolicy(sleep=slept.append).wait(120, lambda: False, ticks.append)
    assert slept == [120] and ticks == [120]


def test_cancellable_wait_sleeps_the_whole_delay_when_not_cancelled() -> None:
    started = time.monotonic()
    cancellable_wait(0.15, lambda: False)
    cancellable_wait(0.05)
    assert 0.2 <= time.monotonic() - started < 1.0


def test_cancellable_wait_ends_soon_after_cancel() -> None:
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(CancelledError):
        cancellable_wait(60, cancel.is_set)
    assert time.monotonic() - started < 0.3


def test_policy_wait_checks_cancel_before_and_after() -> None:
    slept: list[float] = []
    p = RetryPolicy(sleep=slept.append)
    with pytest.raises(CancelledError):
        p.wait(5, lambda: True)
    assert slept == []
    flag = iter([False, True])
    with pytest.raises(CancelledError):
        p.wait(5, lambda: next(flag))
    assert slept == [5]


@pytest.fixture(scope="module")
def emulator() -> Iterator[Emulator]:
    emu = Emulator(items=20, seed=7).start()
    yield emu
    emu.stop()


def _cancel_during_retry_after(emulator: Emulator, call: Callable[[Any], Any]) -> float:
    """Run ``call(is_cancelled)`` into a 429 + Retry-After: 60; cancel; seconds until it ends."""
    cancel = threading.Event()
    outcome: list[BaseException] = []

    def run() -> None:
        try:
            call(cancel.is_set)
        except BaseException as exc:
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    deadline = time.monotonic() + 5
    while not emulator.requests("api") and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.2)  # well inside the 60 s the server asked for
    cancelled_at = time.monotonic()
    cancel.set()
    worker.join(5)
    took = time.monotonic() - cancelled_at
    assert not worker.is_alive(), "still waiting out Retry-After after the cancel"
    assert len(outcome) == 1 and isinstance(outcome[0], CancelledError), outcome
    return took


@pytest.mark.parametrize("path", ["/catalog/search", "/user"])
def test_cancel_during_429_retry_after_returns_within_a_second(
    emulator: Emulator, path: str
) -> None:
    # Regression: RetryPolicy._wait slept the whole Retry-After with time.sleep.
    emulator.faults.clear()
    emulator.clear_requests()
    emulator.faults.add("status", path, status=429, retry_after=60)
    client = ConsoleClient(Credential.api_key("demo"), emulator.url)  # the real API preset
    try:
        if path == "/user":
            # get_user takes no is_cancelled: go through the session like every endpoint does.
            def call(is_cancelled: Any) -> Any:
                return client.session.request("GET", path, is_cancelled=is_cancelled)

        else:

            def call(is_cancelled: Any) -> Any:
                return client.catalog.search(CatalogQuery(limit=5), is_cancelled=is_cancelled)

        assert _cancel_during_retry_after(emulator, call) < 1.0
        assert len([r for r in emulator.requests("api") if r.path == path]) == 1
    finally:
        client.close()
        emulator.faults.clear()
