"""Tasking and repeat requests: validate into a payload, then create (form, task, Processing)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

from capella_qgis.core.exceptions import InputError

# The payload models are imported where used: the GUI and Processing need KIND_* while QGIS
# starts, and pydantic must not load then (#20).
if TYPE_CHECKING:
    from capella_qgis.core.api.client import ConsoleClient
    from capella_qgis.core.models.payloads import RepeatRequestCreate, TaskingRequestCreate
    from capella_qgis.core.models.tasking import RepeatRequest, TaskingRequest

KIND_TASKING = "tasking"
KIND_REPEAT = "repeat"
KINDS = (KIND_TASKING, KIND_REPEAT)

Request = Union["TaskingRequestCreate", "RepeatRequestCreate"]


def check_contract(contract_id: Optional[str], known: Optional[Sequence[str]]) -> None:
    """Refuse a contract id the organization does not have (when its list is known)."""
    if not contract_id or known is None:
        return
    if contract_id not in known:
        choices = ", ".join(known) or "none"
        raise InputError(
            f"Contract: unknown contract '{contract_id}' for your organization; choose one of "
            f"{choices}, or leave it empty for the organization's default contract.",
            field="contract_id",
        )


def build_request(
    kind: str, params: Mapping[str, Any], *, contracts: Optional[Sequence[str]] = None
) -> Request:
    """The validated payload of a ``kind`` request (InSAR stacks are repeat requests).

    Raises InputError saying what to fix; nothing has been sent. ``contracts`` are the
    organization's contract ids (None: unknown, any id is left to the Console). The clock
    checks of sending (a window that has closed) apply too, so the form and Processing say
    so before the user confirms.
    """
    from capella_qgis.core.models.payloads import RepeatRequestCreate, TaskingRequestCreate

    check_contract(params.get("contract_id"), contracts)
    if kind == KIND_TASKING:
        return TaskingRequestCreate(**params).checked()
    if kind == KIND_REPEAT:
        return RepeatRequestCreate(**params).checked()
    raise InputError(f"Unknown request kind {kind!r}; use one of {', '.join(KINDS)}")


def kind_of(request: Request) -> str:
    from capella_qgis.core.models.payloads import RepeatRequestCreate

    return KIND_REPEAT if isinstance(request, RepeatRequestCreate) else KIND_TASKING


def create_request(client: ConsoleClient, request: Request) -> Union[TaskingRequest, RepeatRequest]:
    """``POST /task`` or ``POST /repeat-requests``: the created request."""
    from capella_qgis.core.models.payloads import RepeatRequestCreate

    if isinstance(request, RepeatRequestCreate):
        return client.tasking.create_repeat_request(request)
    return client.tasking.create_tasking_request(request)
