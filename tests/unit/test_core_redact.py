"""Presigned links cut out of stored JSON text (core.redact.strip_json_signatures)."""

from __future__ import annotations

import json

import pytest

from capella_qgis.core.redact import is_presigned, strip_json_signatures

SIGV4 = (
    "https://capella-prod.s3.us-west-2.amazonaws.com/a/CAPELLA_X_thumb.png"
    "?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=ASIAXXXX%2F20240512%2Fus-west-2"
    "%2Fs3%2Faws4_request&X-Amz-Date=20240512T171708Z&X-Amz-Expires=3600"
    "&X-Amz-Security-Token=IQoJb3JpZ2luX2Vj&X-Amz-SignedHeaders=host"
    "&X-Amz-Signature=0123456789abcdef"
)
SIGV2 = (
    "https://cdn.example.com/a/CAPELLA_X.tif?AWSAccessKeyId=AKIA1&Expires=1715530000"
    "&Signature=abc%2Bdef&x-amz-security-token=tok"
)
MARKERS = ("Signature", "X-Amz-", "x-amz-", "AWSAccessKeyId", "Credential", "Expires=")


def _item(**hrefs: str) -> dict:
    return {
        "type": "Feature",
        "id": "CAPELLA_X",
        "properties": {"sar:product_type": "GEO", "capella:collect_id": "c?d=1"},
        "assets": {key: {"href": href, "title": key} for key, href in hrefs.items()},
        "links": [{"rel": "next", "href": "https://api.example.com/catalog/search?page=2"}],
    }


def _unsigned_hrefs(data: dict) -> dict:
    out = json.loads(json.dumps(data))
    for asset in out["assets"].values():
        asset["href"] = asset["href"].split("?", 1)[0]
    return out


def _assert_clean(text: str) -> None:
    assert not [m for m in MARKERS if m.lower() in text.lower()], text


@pytest.mark.parametrize(
    "dump",
    [
        lambda d: json.dumps(d, separators=(",", ":")),
        lambda d: json.dumps(d, indent=2),
        # Non-ASCII escaped, and Go's encoder style: "&" as \u0026, "/" as \/.
        lambda d: json.dumps(d).replace("&", "\\u0026").replace("/", "\\/"),
        lambda d: json.dumps(d).replace("?", "\\u003f"),
    ],
)
def test_presigned_hrefs_lose_their_query_and_nothing_else(dump) -> None:
    data = _item(thumbnail=SIGV4, HH=SIGV2, license="https://example.com/license.pdf")
    text = strip_json_signatures(dump(data))
    _assert_clean(text)
    assert json.loads(text) == _unsigned_hrefs(data)


def test_text_without_a_signed_link_is_returned_unchanged() -> None:
    text = json.dumps(_item(thumbnail="https://example.com/t.png?size=small"))
    assert strip_json_signatures(text) == text
    plain = json.dumps({"id": "x", "assets": {}})
    assert strip_json_signatures(plain) == plain


def test_only_the_signed_links_of_a_wire_text_change() -> None:
    text = json.dumps(_item(thumbnail=SIGV2, preview="https://example.com/p.tif"))
    out = strip_json_signatures(text)
    assert out == text.replace(SIGV2, SIGV2.split("?", 1)[0])


def test_a_signed_link_inside_other_text_leaves_valid_json() -> None:
    data = {"description": f'see "{SIGV2}" for the file', "id": "x"}
    out = strip_json_signatures(json.dumps(data))
    assert "Signature" not in out
    assert json.loads(out)["id"] == "x"


def test_is_presigned() -> None:
    assert is_presigned(SIGV4) and is_presigned(SIGV2)
    assert not is_presigned(SIGV2.split("?", 1)[0])
    assert not is_presigned("https://api.example.com/catalog/search?page=2")
    assert not is_presigned(None) and not is_presigned("")
