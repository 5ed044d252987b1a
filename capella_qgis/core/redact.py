"""Scrub secrets (presigned query strings, credentials) from URLs and log text."""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

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
