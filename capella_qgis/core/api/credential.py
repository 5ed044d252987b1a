"""Credential: an API key or JWT token turned into an Authorization header (§2.1)."""

from __future__ import annotations

import re
from typing import Optional

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.enums import AuthHeaderPrefix

API_KEY_LENGTH = 64
_JWT_RE = re.compile(r"^eyJ[\w-]*\.[\w-]+\.[\w-]*$")


def _strip_prefix(secret: str, prefix: str) -> Optional[str]:
    """The secret without ``prefix`` (case-insensitive, followed by whitespace), else None."""
    head, _, rest = secret.partition(" ")
    if not rest:
        head, _, rest = secret.partition("\t")
    if rest and head.lower() == prefix.lower():
        return rest.strip()
    return None


class Credential:
    """How we authenticate. ``repr``/``str`` never show the secret."""

    __slots__ = ("_secret", "kind")

    API_KEY = "api_key"  # pragma: allowlist secret
    # A credential kind name, not a secret.
    TOKEN = "token"  # nosec B105  # pragma: allowlist secret
    NONE = "none"

    def __init__(self, kind: str, secret: Optional[str] = None) -> None:
        if kind not in (self.API_KEY, self.TOKEN, self.NONE):
            raise InputError(f"credential kind must be api_key, token or none, not {kind!r}")
        if kind != self.NONE:
            if not isinstance(secret, str) or not secret.strip():
                what = "API key" if kind == self.API_KEY else "access token"
                raise InputError(
                    f"The {what} is empty; paste it in Settings › Capella", field="credential"
                )
            secret = secret.strip()
            prefix = AuthHeaderPrefix.ApiKey if kind == self.API_KEY else AuthHeaderPrefix.Bearer
            bare = _strip_prefix(secret, prefix.value)
            if bare is not None:
                secret = bare
            if not secret or any(c in secret for c in "\r\n\t ") or not secret.isprintable():
                raise InputError(
                    "The credential contains spaces or control characters; copy it again "
                    "without line breaks",
                    field="credential",
                )
        self.kind = kind
        self._secret = secret if kind != self.NONE else None

    @classmethod
    def api_key(cls, key: str) -> Credential:
        return cls(cls.API_KEY, key)

    @classmethod
    def token(cls, token: str) -> Credential:
        return cls(cls.TOKEN, token)

    @classmethod
    def none(cls) -> Credential:
        return cls(cls.NONE)

    @classmethod
    def parse(cls, text: str) -> Credential:
        """``ApiKey …`` / ``Bearer …`` prefixes decide; a bare JWT is a token, else an API key."""
        if not isinstance(text, str) or not text.strip():
            raise InputError(
                "The credential is empty; paste an API key in Settings › Capella",
                field="credential",
            )
        text = text.strip()
        if _strip_prefix(text, AuthHeaderPrefix.Bearer.value) is not None:
            return cls.token(text)
        if _strip_prefix(text, AuthHeaderPrefix.ApiKey.value) is not None:
            return cls.api_key(text)
        if _JWT_RE.match(text):
            return cls.token(text)
        return cls.api_key(text)

    @property
    def is_token(self) -> bool:
        return self.kind == self.TOKEN

    @property
    def looks_valid(self) -> bool:
        """API keys are 64 characters (the CLI's rule); tokens are not checked."""
        if self.kind == self.API_KEY:
            return self._secret is not None and len(self._secret) == API_KEY_LENGTH
        return self.kind == self.TOKEN

    def header_value(self) -> Optional[str]:
        if self.kind == self.API_KEY:
            return f"{AuthHeaderPrefix.ApiKey.value} {self._secret}"
        if self.kind == self.TOKEN:
            return f"{AuthHeaderPrefix.Bearer.value} {self._secret}"
        return None

    def __repr__(self) -> str:
        return f"Credential(kind={self.kind!r}, secret=<hidden>)"

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Credential):
            return NotImplemented
        return self.kind == other.kind and self._secret == other._secret

    def __hash__(self) -> int:
        return hash((self.kind, self._secret))
