"""Credential rules, headers, auth-host scoping, get_user, request log and redaction."""

from __future__ import annotations

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.api.http import ApiHostAuth, make_http_client
from capella_qgis.core.exceptions import AuthenticationError, InputError, MalformedResponseError
from capella_qgis.core.redact import redact_text, redact_url, strip_query
from capella_qgis.core.search.paging import plan_windows
from capella_qgis.version import __version__
from tests.unit.core_support import BASE, KEY, USER, make_client


def ok_user(request):
    return httpx.Response(200, json=USER)


@pytest.mark.parametrize(
    ("factory", "value", "header"),
    [
        (Credential.api_key, "  abc  ", "ApiKey abc"),
        (Credential.api_key, "ApiKey abc", "ApiKey abc"),
        (Credential.api_key, "apikey abc", "ApiKey abc"),
        (Credential.token, "tok", "Bearer tok"),
        (Credential.token, "BEARER tok", "Bearer tok"),
        (Credential.parse, "Bearer tok", "Bearer tok"),
        (Credential.parse, "APIKEY abc", "ApiKey abc"),
        (Credential.parse, "eyJhbGciOi.eyJzdWIi.sig", "Bearer eyJhbGciOi.eyJzdWIi.sig"),
        (Credential.parse, KEY, f"ApiKey {KEY}"),
    ],
)
def test_credential_header_rules(factory, value, header):
    assert factory(value).header_value() == header


@pytest.mark.parametrize("bad", ["", "   ", "Api\nKey", "ab cd"])
def test_credential_refuses_empty_or_broken(bad):
    with pytest.raises(InputError):
        Credential.api_key(bad)


def test_credential_repr_hides_secret():
    cred = Credential.api_key("supersecretvalue")
    assert "supersecretvalue" not in repr(cred)
    assert "supersecretvalue" not in str(cred)
    assert Credential.none().header_value() is None
    assert Credential.api_key(KEY).looks_valid and not Credential.api_key("short").looks_valid


def test_headers_on_api_calls():
    client, rec = make_client(ok_user)
    user = client.account.get_user()
    assert user.organization_id == USER["organizationId"]
    req = rec.requests[0]
    assert req.headers["Authorization"] == f"ApiKey {KEY}"
    assert req.headers["User-Agent"] == f"capella-qgis/{__version__}"
    assert req.headers["Content-Type"] == "application/json; charset=utf-8"
    assert str(req.url) == f"{BASE}/user"


def test_get_user_is_cached():
    client, rec = make_client(ok_user)
    client.account.get_user()
    client.account.get_user()
    assert len(rec.requests) == 1
    client.account.get_user(refresh=True)
    assert len(rec.requests) == 2


def test_auth_header_only_for_api_host_and_port():
    client, rec = make_client(lambda r: httpx.Response(200, json={}))
    client.session.request("GET", "https://other.test/file")
    client.session.request("GET", "https://api.test:8443/user")
    client.session.request("GET", "http://api.test/user")  # port 80 ≠ 443
    client.session.request("GET", "https://API.TEST:443/user")
    assert [("Authorization" in r.headers) for r in rec.requests] == [False, False, False, True]


def test_base_url_trailing_slash_normalised():
    transport = httpx.MockTransport(lambda r: httpx.Response(200, json=USER))
    client = ConsoleClient(Credential.api_key("a"), "https://api.test///", transport=transport)
    assert client.base_url == "https://api.test"
    assert client.catalog.search_url == "https://api.test/catalog/search"
    assert (
        client.session.url("task/x") == client.session.url("/task/x") == "https://api.test/task/x"
    )


def test_bad_base_url_refused():
    with pytest.raises(InputError):
        ConsoleClient(Credential.api_key("a"), "api.test")


def test_401_on_user_is_authentication_error():
    client, _ = make_client(lambda r: httpx.Response(401, json={"message": "Unauthorized"}))
    with pytest.raises(AuthenticationError) as info:
        client.account.get_user()
    assert info.value.code == "INVALID_API_KEY"
    client, _ = make_client(
        lambda r: httpx.Response(401, json={"message": "Unauthorized"}),
        credential=Credential.token("t"),
    )
    with pytest.raises(AuthenticationError) as info:
        client.account.get_user()
    assert info.value.code == "INVALID_TOKEN"


def test_malformed_responses_name_the_field():
    client, _ = make_client(lambda r: httpx.Response(200, json={"email": "x"}))
    with pytest.raises(MalformedResponseError) as info:
        client.account.get_user()
    assert info.value.field == "id"
    assert "GET /user" in str(info.value)
    client, _ = make_client(lambda r: httpx.Response(200, text="<html>", headers={"a": "b"}))
    with pytest.raises(MalformedResponseError):
        client.account.get_user()


def test_get_organization_none_on_404():
    client, _ = make_client(
        lambda r: httpx.Response(404, json={"error": {"message": "nf", "code": "NOT_FOUND"}})
    )
    assert client.account.get_organization() is None
    org = {"id": "o", "contracts": [{"id": "contract-123"}, {"id": "contract-456"}]}
    client, _ = make_client(lambda r: httpx.Response(200, json=org))
    assert [c.id for c in client.account.get_organization().contracts] == [
        "contract-123",
        "contract-456",
    ]


def test_request_log_gets_redacted_url():
    log = []
    client, _ = make_client(
        lambda r: httpx.Response(200, json={}), request_log=lambda *a: log.append(a)
    )
    client.session.request("GET", "https://s3.test/a.tif?Signature=SECRET&Expires=1")
    method, url, status, elapsed = log[0]
    assert (method, status) == ("GET", 200)
    assert "SECRET" not in url and url.startswith("https://s3.test/a.tif?")
    assert elapsed >= 0


def test_redact_helpers():
    url = "https://h.test/p/a.tif?AWSAccessKeyId=AK&Signature=S%2B&x-amz-security-token=T"
    assert redact_url(url) == (
        "https://h.test/p/a.tif?AWSAccessKeyId=***&Signature=***&x-amz-security-token=***"
    )
    assert redact_url("https://user:pw@h.test/x") == "https://user:***@h.test/x"
    assert strip_query(url) == "https://h.test/p/a.tif"
    text = f"GET {url} failed; header Authorization: ApiKey {KEY} or Bearer eyJabc.def"
    clean = redact_text(text)
    assert KEY not in clean and "eyJabc" not in clean and "Signature=S" not in clean
    assert "https://h.test/p/a.tif?" in clean
    assert redact_text("no secrets here https://a.test/x") == "no secrets here https://a.test/x"


def test_plan_windows_shrinks_at_10000():
    windows = plan_windows(10_000, 900)
    assert len(windows) == 12
    assert windows[-1] == (100, 100)
    assert sum(limit for _, limit in windows) == 10_000
    # Every window satisfies offset = (page - 1) * limit.
    offset = 0
    for page, limit in windows:
        assert (page - 1) * limit == offset
        offset += limit
    assert plan_windows(0, 900) == []
    assert plan_windows(5, 900) == [(1, 900)]
    odd = plan_windows(10_000, 850)
    assert sum(limit for _, limit in odd) == 10_000


def test_api_host_auth_scopes_the_header() -> None:
    auth = ApiHostAuth(Credential.api_key(KEY), "https://api.test")
    assert auth.applies_to("https://api.test:443/x") and auth.applies_to("https://API.test/y")
    assert not auth.applies_to("http://api.test:443/x")  # same port, plain HTTP: never
    assert not auth.applies_to("https://s3.test/x")
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    with make_http_client(auth=auth, transport=httpx.MockTransport(handler)) as http:
        http.get("https://api.test/user")
        # A header a caller set by hand for another host is dropped too.
        http.get("https://s3.test/a.tif", headers={"Authorization": "ApiKey leaked"})
    assert sent[0].headers["Authorization"] == f"ApiKey {KEY}"
    assert "Authorization" not in sent[1].headers


def test_asset_client_never_sends_authorization_even_through_redirects() -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        if request.url.host == "api.test":
            return httpx.Response(302, headers={"Location": "https://s3.test/a.tif"})
        return httpx.Response(200, content=b"x")

    transport = httpx.MockTransport(handler)
    with make_http_client(transport=transport, follow_redirects=True) as http:
        http.get("https://user:pw@api.test/a", headers={"Authorization": "Bearer t"})
    assert [r.url.host for r in sent] == ["api.test", "s3.test"]
    assert all("Authorization" not in r.headers for r in sent)
    assert all(r.headers["User-Agent"] == f"capella-qgis/{__version__}" for r in sent)


def test_endpoint_groups_share_one_session() -> None:
    client, _ = make_client(ok_user)
    groups = (client.account, client.catalog, client.orders, client.tasking)
    assert all(group.session is client.session for group in groups)
    assert client.orders.account is client.account and client.tasking.account is client.account
    assert client.orders.catalog is client.catalog
