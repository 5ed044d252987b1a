"""Tasking and repeat requests: validate into a payload, then create (form, task, Processing)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Callable, Optional, Union

from capella_qgis.core.exceptions import InputError

# The payload models are imported where used: the GUI and Processing need KIND_* while QGIS
# starts, and pydantic must not load then (#20).
if TYPE_CHECKING:
    from capella_qgis.core.api.client import ConsoleClient
    from capella_qgis.core.models.access import (
        AccessRequest,
        AccessRequestCreate,
        OpportunityResult,
    )
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


# ------------------------------------------------------------------ opportunities, review, retask
# Thin entry points for the GUI tasks and Processing (#14); the client does the work.


def build_access_request(params: Mapping[str, Any]) -> AccessRequestCreate:
    """The validated access request (InputError naming the field; nothing sent)."""
    from capella_qgis.core.models.access import AccessRequestCreate

    return AccessRequestCreate(**params).checked()


def check_opportunities(
    client: ConsoleClient,
    params: Union[Mapping[str, Any], AccessRequestCreate],
    *,
    is_cancelled: Optional[Callable[[], bool]] = None,
    progress: Optional[Callable[[AccessRequest, float], None]] = None,
    timeout: Optional[float] = None,
) -> OpportunityResult:
    """Access request → wait (back-off, cancellable) → opportunities, for a background task."""
    from capella_qgis.core.models.access import AccessRequestCreate

    request = params if isinstance(params, AccessRequestCreate) else build_access_request(params)
    kwargs: dict[str, Any] = {"is_cancelled": is_cancelled, "progress": progress}
    if timeout is not None:
        kwargs["timeout"] = timeout
    return client.tasking.check_opportunities(request, **kwargs)


def answer_cost_review(
    client: ConsoleClient,
    tasking_request_id: str,
    approve: bool,
    *,
    expected_total: Optional[Any] = None,
) -> TaskingRequest:
    """Approve (refusing a changed ``expected_total``) or reject a request in ``review``."""
    if approve:
        return client.tasking.approve_tasking_request(
            tasking_request_id, expected_total=expected_total
        )
    return client.tasking.reject_tasking_request(tasking_request_id)


def retask(
    client: ConsoleClient,
    *,
    tasking_request_id: Optional[str] = None,
    collect_id: Optional[str] = None,
    overrides: Optional[Mapping[str, Any]] = None,
) -> TaskingRequest:
    """A new request like a completed request or a delivered collect (exactly one of them)."""
    if (tasking_request_id is None) == (collect_id is None):
        raise InputError(
            "retask: give a tasking request id or a collect id (one of them)",
            field="tasking_request_id",
        )
    if tasking_request_id is not None:
        return client.tasking.retask_tasking_request(tasking_request_id, overrides)
    return client.tasking.retask_collect(str(collect_id), overrides)
