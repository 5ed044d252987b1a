"""S3-style (SigV2-like) presigned URLs for the emulated asset host."""

from __future__ import annotations

import hashlib
import hmac
import math
from typing import Any
from urllib.parse import quote, urlencode

ACCESS_KEY_ID = "AKIAEMULATOR00000001"


class Presigner:
    """Mints and verifies HMAC-SHA256 signatures over ``path`` + ``Expires``."""

    def __init__(self, secret: bytes, clock: Any) -> None:
        self.secret = secret
        self.clock = clock

    def signature(self, path: str, expires: int, method: str = "GET") -> str:
        # The method is signed, as S3 does: a link presigned for GET refuses a HEAD.
        msg = f"{method}\n{path}\n{expires}".encode()
        return hmac.new(self.secret, msg, hashlib.sha256).hexdigest()

    def sign(self, base: str, path: str, ttl: float) -> str:
        """Full presigned URL ``<base><path>?AWSAccessKeyId=..&Expires=..&Signature=..``."""
        path = quote(path, safe="/")
        expires = math.floor(self.clock.time() + ttl)
        query = urlencode(
            {
                "AWSAccessKeyId": ACCESS_KEY_ID,
                "Expires": str(expires),
                "Signature": self.signature(path, expires),
                "x-amz-security-token": "emulator-session-token",
            }
        )
        return f"{base}{path}?{query}"

    @staticmethod
    def is_signed(query: dict[str, str]) -> bool:
        return any(k in query for k in ("Signature", "X-Amz-Signature", "X-Amz-Algorithm"))

    def verify(
        self, path: str, query: dict[str, str], method: str = "GET"
    ) -> tuple[int, str, str] | None:
        """None when valid, else (status, S3 error code, message)."""
        key_id = query.get("AWSAccessKeyId")
        expires_raw = query.get("Expires") or query.get("X-Amz-Expires")
        sig = query.get("Signature") or query.get("X-Amz-Signature")
        if not key_id or not expires_raw or not sig:
            return (
                403,
                "AccessDenied",
                "Query-string authentication requires the Signature, Expires and "
                "AWSAccessKeyId parameters",
            )
        if key_id != ACCESS_KEY_ID:
            return 403, "InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist"
        try:
            expires = int(expires_raw)
        except ValueError:
            return 403, "AccessDenied", "Invalid date (should be seconds since epoch)"
        if not hmac.compare_digest(self.signature(path, expires, method), sig):
            return (
                403,
                "SignatureDoesNotMatch",
                "The request signature we calculated does not match the signature you provided.",
            )
        if self.clock.time() > expires:
            return 403, "AccessDenied", "Request has expired"
        return None


def s3_error_xml(code: str, message: str, resource: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"<Error><Code>{code}</Code><Message>{message}</Message>"
        f"<Resource>{resource}</Resource><RequestId>EMULATOR</RequestId></Error>"
    ).encode()
