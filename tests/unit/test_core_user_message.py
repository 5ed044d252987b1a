"""user_message: one text per failure, whatever surface shows it (task, dock, Processing)."""

from __future__ import annotations

import errno

import httpx
import pydantic
import pytest

from capella_qgis.core.api.errors import error_from_response
from capella_qgis.core.download.errors import DiskFullError
from capella_qgis.core.exceptions import (
    AuthenticationError,
    CancelledError,
    CapellaError,
    NetworkConfigError,
    RateLimitedError,
    ServerError,
    user_message,
)

SIGNED = "https://s3.test/a.tif?X-Amz-Signature=SECRET&X-Amz-Credential=KEY"


def _response(status: int, body: object, auth: str = "ApiKey k") -> httpx.Response:
    request = httpx.Request("GET", "https://api.test/user", headers={"Authorization": auth})
    return httpx.Response(status, json=body, request=request)


def test_401_reads_the_same_helpful_text_everywhere() -> None:
    exc = error_from_response(_response(401, {"message": "Unauthorized"}))
    assert isinstance(exc, AuthenticationError)
    text = user_message(exc)
    assert text.startswith("API key rejected by the Capella Console")
    assert "Check the API key in Settings › Capella" in text
    assert "Unauthorized" not in text
    # The same 401 raised by httpx itself (raise_for_status) reads the same.
    response = _response(401, {"message": "Unauthorized"})
    raw = httpx.HTTPStatusError("401", request=response.request, response=response)
    assert user_message(raw) == text


def test_expired_token_says_sign_in_again() -> None:
    exc = error_from_response(_response(401, {"message": "Unauthorized"}, auth="Bearer t"))
    assert "Sign in again" in user_message(exc)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (ServerError("boom", status=500), "boom. The Capella Console had a problem"),
        (CancelledError(), "Cancelled by the user"),
        (CapellaError(), "CapellaError"),
        (RateLimitedError(retry_after=5), "try again in 5 s"),
        (NetworkConfigError("SOCKS4 proxies are not supported"), "QGIS Settings › Options"),
        (DiskFullError("disk full"), "Free some disk space"),
    ],
)
def test_capella_errors_carry_their_message_and_hint(exc: CapellaError, expected: str) -> None:
    assert expected in user_message(exc)
    assert user_message(exc) == str(exc)


def test_httpx_transport_errors_become_sentences() -> None:
    request = httpx.Request("GET", SIGNED)
    text = user_message(httpx.ConnectError("[Errno 111] refused", request=request))
    assert text.startswith("Cannot connect to the Capella Console")
    assert "SECRET" not in text and "proxy settings" in text
    timeout = user_message(httpx.ReadTimeout("slow", request=request))
    assert "did not answer in time" in timeout
    proxy = user_message(httpx.ProxyError("407 Proxy Authentication Required", request=request))
    assert "proxy" in proxy.lower() and "Options › Network" in proxy


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (OSError(errno.ENOSPC, "No space left on device", "/data/x.tif"), "The disk is full"),
        (PermissionError(errno.EACCES, "Permission denied", "/root/x"), "Choose a folder"),
        (FileNotFoundError(errno.ENOENT, "No such file", "/nope"), "not found (/nope)"),
        (ConnectionResetError(errno.ECONNRESET, "Connection reset"), "internet connection"),
        (OSError(errno.EIO, "Input/output error", "/d"), "Input/output error (/d)."),
    ],
)
def test_os_errors(exc: OSError, expected: str) -> None:
    assert expected in user_message(exc)


def test_unexpected_errors_name_their_kind_and_hide_secrets() -> None:
    text = user_message(RuntimeError(f"failed on {SIGNED} with ApiKey {'k' * 64}"))
    assert text.startswith("Unexpected error (RuntimeError): failed on https://s3.test/a.tif?")
    assert "SECRET" not in text and "k" * 64 not in text
    assert "Capella log" in text
    assert user_message(KeyError("id")) == (
        "Unexpected error (KeyError): 'id'. Details are in the Capella log tab."
    )
    assert "(ValueError): -." in user_message(ValueError())


def test_other_known_kinds() -> None:
    assert "cannot be loaded (shapely)" in user_message(ImportError("no", name="shapely"))
    assert "Not enough memory" in user_message(MemoryError())
    assert "Invalid URL" in user_message(httpx.InvalidURL("bad"))

    class Model(pydantic.BaseModel):
        size: int

    with pytest.raises(pydantic.ValidationError) as info:
        Model(size="big")  # type: ignore[arg-type]
    assert user_message(info.value).startswith("Invalid value for 'size':")
