"""Credential rules, headers, auth-host scoping, get_user, request log and redaction."""

from __future__ import annotations

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient, plan_windows
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import AuthenticationError, InputError, MalformedResponseError
from capella_qgis.core.redact import redact_text, redact_url, strip_query
from capella_qgis.version import __version__
from tests.unit.test_core_support import BASE, KEY, USER, make_client


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
    user = client.get_user()
    assert user.organization_id == USER["organizationId"]
    req = rec.requests[0]
    assert req.headers["Authorization"] == f"ApiKey {KEY}"
    assert req.headers["User-Agent"] == f"capella-qgis/{__version__}"
    assert req.headers["Content-Type"] == "application/json; charset=utf-8"
    assert str(req.url) == f"{BASE}/user"


def test_get_user_is_cached():
    client, rec = make_client(ok_user)
    client.get_user()
    client.get_user()
    assert len(rec.requests) == 1
    client.get_user(refresh=True)
    assert len(rec.requests) == 2


def test_auth_header_only_for_api_host_and_port():
    client, rec = make_client(lambda r: httpx.Response(200, json={}))
    client.request("GET", "https://other.test/file")
    client.request("GET", "https://api.test:8443/user")
    client.request("GET", "http://api.test/user")  # port 80 ≠ 443
    client.request("GET", "https://API.TEST:443/user")
    assert [("Authorization" in r.headers) for r in rec.requests] == [False, False, False, True]


def test_base_url_trailing_slash_normalised():
    transport = httpx.MockTransport(lambda r: httpx.Response(200, json=USER))
    client = ConsoleClient(Credential.api_key("a"), "https://api.test///", transport=transport)
    assert client.base_url == "https://api.test"
    assert client.search_url == "https://api.test/catalog/search"
    assert client.url("task/x") == client.url("/task/x") == "https://api.test/task/x"


def test_bad_base_url_refused():
    with pytest.raises(InputError):
        ConsoleClient(Credential.api_key("a"), "api.test")


def test_401_on_user_is_authentication_error():
    client, _ = make_client(lambda r: httpx.Response(401, json={"message": "Unauthorized"}))
    with pytest.raises(AuthenticationError) as info:
        client.get_user()
    assert info.value.code == "INVALID_API_KEY"
    client, _ = make_client(
        lambda r: httpx.Response(401, json={"message": "Unauthorized"}),
        credential=Credential.token("t"),
    )
    with pytest.raises(AuthenticationError) as info:
        client.get_user()
    assert info.value.code == "INVALID_TOKEN"


def test_malformed_responses_name_the_field():
    client, _ = make_client(lambda r: httpx.Response(200, json={"email": "x"}))
    with pytest.raises(MalformedResponseError) as info:
        client.get_user()
    assert info.value.field == "id"
    assert "GET /user" in str(info.value)
    client, _ = make_client(lambda r: httpx.Response(200, text="<html>", headers={"a": "b"}))
    with pytest.raises(MalformedResponseError):
        client.get_user()


def test_get_organization_none_on_404():
    client, _ = make_client(
        lambda r: httpx.Response(404, json={"error": {"message": "nf", "code": "NOT_FOUND"}})
    )
    assert client.get_organization() is None
    org = {"id": "o", "contracts": [{"id": "contract-123"}, {"id": "contract-456"}]}
    client, _ = make_client(lambda r: httpx.Response(200, json=org))
    assert [c.id for c in client.get_organization().contracts] == ["contract-123", "contract-456"]


def test_request_log_gets_redacted_url():
    log = []
    client, _ = make_client(
        lambda r: httpx.Response(200, json={}), request_log=lambda *a: log.append(a)
    )
    client.request("GET", "https://s3.test/a.tif?Signature=SECRET&Expires=1")
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
