"""Account endpoints: who the credential belongs to (``GET /user``) and their organization."""

from __future__ import annotations

import threading
from typing import Optional

from capella_qgis.core.api.session import ApiSession
from capella_qgis.core.exceptions import NotFoundError
from capella_qgis.core.models.account import Organization, User
from capella_qgis.core.models.base import parse_model


class AccountApi:
    """``client.account``: the user (cached; other endpoints scope requests by it)."""

    def __init__(self, session: ApiSession) -> None:
        self.session = session
        self._user: Optional[User] = None
        self._user_lock = threading.Lock()

    def get_user(self, *, refresh: bool = False) -> User:
        """``GET /user`` (cached): checks the credential; 401 → AuthenticationError."""
        with self._user_lock:
            if self._user is None or refresh:
                data = self.session.call("GET", "/user", "GET /user")
                self._user = parse_model(User, data, "GET /user")
            return self._user

    def get_organization(self) -> Optional[Organization]:
        """``GET /organization`` (optional endpoint): None when the server does not have it."""
        try:
            data = self.session.call("GET", "/organization", "GET /organization")
        except NotFoundError:
            return None
        return parse_model(Organization, data, "GET /organization")
