"""Scrub secrets (presigned query strings, credentials) from URLs and log text."""

from __future__ import annotations

import re
from typing import Optional
from urllib.parse import parse_qsl, unquote_plus, urlsplit, urlunsplit

MASK = "***"

_URL_RE = re.compile(r"""\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s'"<>]+""")
_AUTH_RE = re.compile(r"\b(ApiKey|Bearer|Basic)(\s+)[^\s'\",;]+", re.IGNORECASE)
# Bare presigned query fragments that arrive without their URL (e.g. in server error text).
_SIGNED_PARAM_RE = re.compile(
    r"\b(AWSAccessKeyId|Signature|x-amz-security-token|X-Amz-Signature|X-Amz-Credential|"
    r"X-Amz-Security-Token|api_key|apikey|token|access_token)=([^&\s'\"]+)",
    re.IGNORECASE,
)


def redact_url(url: object) -> str:
    """Return ``url`` with every query value (and any userinfo password) masked.

    Keys are kept so a log still shows *what kind* of URL it was (e.g. S3 SigV4).
    """
    text = str(url)
    try:
        parts = urlsplit(text)
    except ValueError:
        return _SIGNED_PARAM_RE.sub(lambda m: f"{m.group(1)}={MASK}", text)
    netloc = parts.netloc
    if "@" in netloc:
        userinfo, host = netloc.rsplit("@", 1)
        user = userinfo.split(":", 1)[0]
        netloc = f"{user}:{MASK}@{host}" if ":" in userinfo else f"{MASK}@{host}"
    query = parts.query
    if query:
        masked = []
        for pair in query.split("&"):
            if not pair:
                continue
            key = pair.split("=", 1)[0]
            masked.append(f"{key}={MASK}")
        query = "&".join(masked)
    return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))


def strip_query(url: object) -> str:
    """Return ``url`` without its query string and fragment (for file names and messages)."""
    parts = urlsplit(str(url))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def redact_text(text: object) -> str:
    """Scrub URLs with query strings and ``ApiKey``/``Bearer`` credentials inside any text."""
    s = str(text)
    s = _URL_RE.sub(lambda m: redact_url(m.group(0)) if "?" in m.group(0) else m.group(0), s)
    s = _AUTH_RE.sub(lambda m: f"{m.group(1)}{m.group(2)}{MASK}", s)
    s = _SIGNED_PARAM_RE.sub(lambda m: f"{m.group(1)}={MASK}", s)
    return s


# Query parameters that mark a presigned URL (such URLs are never persisted with a layer).
_SIGNED_KEYS = re.compile(
    r"^(AWSAccessKeyId|Signature|Expires|x-amz-.*|X-Amz-.*|token|access_token|sig|se|sp|sv)$",
    re.IGNORECASE,
)


def strip_signature(url: Optional[str]) -> Optional[str]:
    """Drop the query string of a presigned URL; plain hrefs are kept as they are."""
    if not url:
        return None
    if "?" not in url:
        return url
    base, _, rest = url.partition("?")
    if base.startswith(("https://", "http://")) and "#" not in base:  # fast path, same result
        query = rest.partition("#")[0]
        for part in query.split("&"):
            key = part.partition("=")[0]
            if "%" in key or "+" in key:
                key = unquote_plus(key)
            if key and _SIGNED_KEYS.match(key):
                return base
        return url
    parts = urlsplit(url)
    if not parts.query:
        return url
    keys = [key for key, _ in parse_qsl(parts.query, keep_blank_values=True)]
    if any(_SIGNED_KEYS.match(key) for key in keys):
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))
    return url
