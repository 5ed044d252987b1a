"""Pydantic models of the account endpoints: user, organization, contracts."""

from __future__ import annotations

from typing import Optional

from pydantic import Field

from capella_qgis.core.models.base import ApiModel
from capella_qgis.core.models.enums import UserRole


class User(ApiModel):
    id: str
    organization_id: Optional[str] = Field(None, alias="organizationId")
    email: Optional[str] = None
    roles: list[str] = Field(default_factory=list)

    @property
    def is_organization_manager(self) -> bool:
        return UserRole.organization_manager.value in self.roles

    @property
    def is_admin(self) -> bool:
        return UserRole.admin.value in self.roles


class Contract(ApiModel):
    id: str
    name: Optional[str] = None


class Organization(ApiModel):
    id: str
    name: Optional[str] = None
    contracts: list[Contract] = Field(default_factory=list)
