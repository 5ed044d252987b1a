"""A Console answer that is not the API's (a redirect, a web page) says so, for every endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Callable

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.api.errors import ApiAddressError
from capella_qgis.core.api.http import ApiHostAuth, RetryPolicy, make_http_client
from capella_qgis.core.exceptions import CapellaError, user_message
from capella_qgis.core.search.query import CatalogQuery
from tests.console_emulator import Emulator
from tests.unit.core_support import KEY, TR_ID, USER, make_client

LOGIN = "https://login.example.com/sso/start?state=SECRET123&client_id=abc"

# One call per endpoint family: each must report the redirect the same way.
CALLS: dict[str, Callable[[ConsoleClient], Any]] = {
    "catalog search": lambda c: c.catalog.search(CatalogQuery(limit=10)),
    "user": lambda c: c.account.get_user(),
    "orders list": lambda c: c.orders.list_orders(),
    "collects list": lambda c: c.tasking.get_collects(TR_ID),
    "tasking search": lambda c: c.tasking.search_tasking_requests(),
}
PATTERNS = {
    "catalog search": "/catalog/search",
    "user": "/user",
    "orders list": "/orders",
    "collects list": "/collects/list/*",
    "tasking search": "/tasks/search",
}


@pytest.fixture
def console(emulator: Emulator) -> Iterator[ConsoleClient]:
    client = ConsoleClient(Credential.api_key("demo"), emulator.url, retry=RetryPolicy.never())
    try:
        yield client
    finally:
        client.close()


def _check_redirect_message(exc: CapellaError, where: str) -> str:
    text = user_message(exc)
    assert "redirected" in text, text
    assert where in text, text
    assert "Settings › Capella" in text, text
    # The query string may hold a secret (state, tokens): never shown.
    assert "SECRET123" not in text and "state=" not in text and "client_id" not in text, text
    # Not the model's complaint about a body that was never there.
    assert "<root>" not in text and "dictionary" not in text and "JSON array" not in text, text
    return text


@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_302_to_a_login_page_says_where_it_went(
    emulator: Emulator, console: ConsoleClient, call: str
) -> None:
    if call == "orders list":
        console.account.get_user()  # the orders list asks for the user first
    emulator.faults.add("redirect", PATTERNS[call], status=302, location=LOGIN)
    with pytest.raises(ApiAddressError) as info:
        CALLS[call](console)
    _check_redirect_message(info.value, "https://login.example.com/sso/start")
    assert info.value.status == 302
    # Not followed: the login host saw nothing (and never our API key).
    assert all(r.host != "login.example.com" for r in emulator.requests())


def test_a_relative_location_is_resolved_against_the_request(
    emulator: Emulator, console: ConsoleClient
) -> None:
    emulator.faults.add("redirect", "/catalog/search", status=307, location="/signin?next=%2F")
    with pytest.raises(ApiAddressError) as info:
        console.catalog.search(CatalogQuery(limit=10))
    _check_redirect_message(info.value, f"{emulator.url}/signin")
    assert "next=" not in str(info.value)


def test_a_redirect_without_location_still_names_the_status() -> None:
    client, _ = make_client(lambda request: httpx.Response(301))
    with pytest.raises(ApiAddressError) as info:
        client.account.get_user()
    text = user_message(info.value)
    assert "301" in text and "redirect" in text and "Settings › Capella" in text, text


def test_a_redirect_is_not_retried() -> None:
    calls: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(302, headers={"Location": LOGIN})

    client, _ = make_client(handler, retry=RetryPolicy(max_attempts=4, sleep=lambda s: None))
    with pytest.raises(ApiAddressError):
        client.account.get_user()
    assert len(calls) == 1


HTML = b"<!DOCTYPE html><html><head><title>Sign in</title></head><body>Sign in</body></html>"


@pytest.mark.parametrize("ctype", ["text/html; charset=utf-8", "application/json", None])
@pytest.mark.parametrize("call", sorted(CALLS))
def test_a_web_page_instead_of_json_is_named(call: str, ctype: str | None) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/user" and call != "user":
            return httpx.Response(200, json=USER)
        headers = {"Content-Type": ctype} if ctype else {}
        return httpx.Response(200, content=HTML, headers=headers)

    client, _ = make_client(handler)
    with pytest.raises(ApiAddressError) as info:
        CALLS[call](client)
    text = user_message(info.value)
    assert "web page" in text and "https://api.test/" in text, text
    assert "Settings › Capella" in text, text
    assert "<root>" not in text and "dictionary" not in text, text


def test_json_answers_are_untouched() -> None:
    client, _ = make_client(lambda request: httpx.Response(200, json=USER))
    assert client.account.get_user().id == USER["id"]


# --- the credential never follows a redirect to another origin --------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://login.example.com/sso",  # another host
        "http://api.test/user",  # same host, plain HTTP (httpx itself would keep the header)
        "https://api.test:8443/user",  # same host, another port
        "https://api.test.evil.example/user",  # a look-alike host
    ],
)
def test_api_credential_is_dropped_on_a_redirect_to_another_origin(target: str) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if str(request.url) == "https://api.test/user":
            return httpx.Response(302, headers={"Location": target})
        return httpx.Response(200, json={})

    auth = ApiHostAuth(Credential.api_key(KEY), "https://api.test")
    transport = httpx.MockTransport(handler)
    with make_http_client(auth=auth, transport=transport, follow_redirects=True) as http:
        http.get("https://api.test/user")
    assert [str(r.url) for r in sent] == ["https://api.test/user", target]
    assert sent[0].headers["Authorization"] == f"ApiKey {KEY}"
    assert "Authorization" not in sent[1].headers


def test_api_credential_is_kept_on_a_redirect_within_the_api() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.url.path == "/user":
            return httpx.Response(307, headers={"Location": "/user/"})
        return httpx.Response(200, json={})

    auth = ApiHostAuth(Credential.api_key(KEY), "https://api.test")
    transport = httpx.MockTransport(handler)
    with make_http_client(auth=auth, transport=transport, follow_redirects=True) as http:
        http.get("https://api.test/user")
    assert [r.headers.get("Authorization") for r in sent] == [f"ApiKey {KEY}"] * 2


def test_the_console_client_does_not_follow_redirects() -> None:
    client, _ = make_client(lambda request: httpx.Response(200, json=USER))
    assert client.session.http.follow_redirects is False


def test_a_redirect_off_the_api_host_does_not_blame_the_api_url() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        location = "https://bucket.s3-us-west-2.example/thumb.png?X-Amz-Signature=abc"
        return httpx.Response(307, headers={"Location": location})

    client, _ = make_client(handler)
    with pytest.raises(ApiAddressError) as info:
        client.session.request("GET", "https://bucket.s3.example/thumb.png?X-Amz-Signature=x")
    text = user_message(info.value)
    assert text.startswith("The server bucket.s3.example redirected the request to "), text
    assert "https://bucket.s3-us-west-2.example/thumb.png" in text, text
    assert "Signature" not in text and "Settings" not in text, text
