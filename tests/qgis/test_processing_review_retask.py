"""capella:approvetaskingrequest and capella:retask against the emulator's cost review."""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest
from qgis.core import QgsProcessingException

from tests.console_emulator import Emulator
from tests.qgis.processing_support import RecordingFeedback, api_calls, memory_layer, run

APPROVE = "capella:approvetaskingrequest"
RETASK = "capella:retask"
UNKNOWN = "11111111-1111-4111-8111-111111111111"


@pytest.fixture
def console(capella_env: Emulator) -> Emulator:
    capella_env.configure(review_delay=0)
    return capella_env


def _create(emu: Emulator, *, pre_approval: bool = False, name: str = "site") -> str:
    layer = memory_layer("Point", ["POINT(12.5 41.9)"])
    result = run(
        "capella:createtaskingrequest",
        {
            "INPUT": layer,
            "NAME": name,
            "PRE_APPROVAL": pre_approval,
            "CONFIRM": True,
            "OUTPUT": "memory:",
        },
    )
    [feature] = list(result["OUTPUT"].getFeatures())
    emu.clear_requests()
    return str(feature["request_id"])


def _state(emu: Emulator, tr_id: str) -> dict[str, Any]:
    """The request as the emulator holds it (read through the hook-free world, no API call)."""
    with emu.state.lock:
        props = emu.state.tasks[tr_id]["properties"]
        return {
            "status": props["statusHistory"][0]["code"],
            "transaction": props.get("transactionStatus"),
            "total": (props.get("order") or {}).get("summary", {}).get("total"),
        }


def _patches(emu: Emulator) -> list[Any]:
    return [r for r in api_calls(emu) if r.method == "PATCH"]


def _complete(emu: Emulator, tr_id: str) -> None:
    r = httpx.post(f"{emu.url}/_emulator/tasking/{tr_id}/status", json={"code": "completed"})
    assert r.status_code == 200, r.text


# --------------------------------------------------------------------------- cost review


def test_without_confirm_the_review_is_only_reported(console: Emulator) -> None:
    tr_id = _create(console)
    feedback = RecordingFeedback()
    result = run(APPROVE, {"TASKING_REQUEST_ID": tr_id}, feedback)
    state = _state(console, tr_id)
    assert state["status"] == "review" and state["transaction"] == "pending-customer-approval"
    assert _patches(console) == []  # nothing answered
    assert result["STATUS"] == "review" and result["ANSWERED"] is False
    assert result["TOTAL_TEXT"] == state["total"]
    assert result["TOTAL"] == float(state["total"].strip("$").replace(",", ""))
    assert result["AREA_KM2"] == 25.0
    assert result["FIRST_COLLECT"]
    log = "\n".join(feedback.lines)
    assert f"Total: {state['total']}" in log and "25.00 km²" in log and "tier standard" in log
    assert f"line item {tr_id}: 25.00 km²" in log
    assert "Cancellation fees (first collect predicted at " + result["FIRST_COLLECT"] in log
    # The emulator predicts the collect 36 h ahead: between 72 h and 12 h, 25 % is charged.
    assert re.search(r"until \S+: free", log)
    assert re.search(r"\S+ … \S+: 25 % of the price", log)
    assert re.search(r"from \S+: not cancellable", log)
    assert "now: 25 % of the price" in log
    assert any("Nothing was answered" in w for w in feedback.warnings)


def test_approve_with_the_total_seen_then_a_rerun_is_a_no_op(console: Emulator) -> None:
    tr_id = _create(console)
    seen = run(APPROVE, {"TASKING_REQUEST_ID": tr_id})["TOTAL_TEXT"]
    console.clear_requests()
    result = run(APPROVE, {"TASKING_REQUEST_ID": tr_id, "EXPECTED_TOTAL": seen, "CONFIRM": True})
    assert result["STATUS"] == "submitted" and result["ANSWERED"] is True
    [patch] = _patches(console)
    assert patch.path == f"/task/{tr_id}/status" and patch.json == {"status": "approved"}
    assert _state(console, tr_id)["status"] == "submitted"
    # A batch re-run: reported, not answered again.
    console.clear_requests()
    feedback = RecordingFeedback()
    again = run(APPROVE, {"TASKING_REQUEST_ID": tr_id, "CONFIRM": True}, feedback)
    assert again["STATUS"] == "submitted" and again["ANSWERED"] is False
    assert _patches(console) == []
    assert any("already approved" in line for line in feedback.infos)


def test_a_changed_total_is_refused_and_nothing_is_approved(console: Emulator) -> None:
    tr_id = _create(console)
    with pytest.raises(
        QgsProcessingException,
        match=r"Expected total \(the total you saw\): the estimate is now \$[\d,.]+, not \$1\.00; "
        r"nothing was approved",
    ):
        run(APPROVE, {"TASKING_REQUEST_ID": tr_id, "EXPECTED_TOTAL": "$1.00", "CONFIRM": True})
    assert _patches(console) == []
    assert _state(console, tr_id)["status"] == "review"


def test_approve_without_expected_total_approves_the_total_it_logged(console: Emulator) -> None:
    tr_id = _create(console)
    feedback = RecordingFeedback()
    result = run(APPROVE, {"TASKING_REQUEST_ID": tr_id, "CONFIRM": True}, feedback)
    assert result["ANSWERED"] is True and result["STATUS"] == "submitted"
    assert any(line.startswith(f"Approved {result['TOTAL_TEXT']}") for line in feedback.infos)


def test_reject_then_approving_is_refused(console: Emulator) -> None:
    tr_id = _create(console)
    result = run(APPROVE, {"TASKING_REQUEST_ID": tr_id, "DECISION": "reject", "CONFIRM": True})
    assert result["STATUS"] == "rejected" and result["ANSWERED"] is True
    assert [p.json for p in _patches(console)] == [{"status": "rejected"}]
    again = run(APPROVE, {"TASKING_REQUEST_ID": tr_id, "DECISION": "reject", "CONFIRM": True})
    assert again["ANSWERED"] is False and len(_patches(console)) == 1
    with pytest.raises(QgsProcessingException, match="is rejected, not waiting for cost approval"):
        run(APPROVE, {"TASKING_REQUEST_ID": tr_id, "CONFIRM": True})
    assert len(_patches(console)) == 1


def test_pre_approved_request_needs_no_answer(console: Emulator) -> None:
    tr_id = _create(console, pre_approval=True)
    result = run(APPROVE, {"TASKING_REQUEST_ID": tr_id, "CONFIRM": True})
    assert result["STATUS"] == "submitted" and result["ANSWERED"] is False
    assert _patches(console) == []


def test_estimate_not_ready_then_waited_for(console: Emulator) -> None:
    console.configure(review_delay=3600)
    tr_id = _create(console)
    with pytest.raises(QgsProcessingException, match=r"cost estimate is not ready yet"):
        run(APPROVE, {"TASKING_REQUEST_ID": tr_id, "WAIT": 0, "CONFIRM": True})
    assert _patches(console) == []
    # Without CONFIRM it reports the missing estimate and answers nothing.
    result = run(APPROVE, {"TASKING_REQUEST_ID": tr_id, "WAIT": 0})
    assert result["STATUS"] == "received" and result["TOTAL"] is None
    # The estimate arrives while the algorithm waits for it (checked again with back-off).
    console.configure(review_delay=1.5)
    later = _create(console, name="later")
    feedback = RecordingFeedback()
    result = run(APPROVE, {"TASKING_REQUEST_ID": later, "WAIT": 60, "CONFIRM": True}, feedback)
    assert result["STATUS"] == "submitted" and result["ANSWERED"] is True
    assert any(
        line.startswith(f"Waiting for the cost estimate of {later}") for line in feedback.infos
    )


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, r"Tasking request id: this parameter is required"),
        ({"TASKING_REQUEST_ID": "nope"}, r"Tasking request id: 'nope' is not a valid UUID"),
        (
            {"TASKING_REQUEST_ID": UNKNOWN, "EXPECTED_TOTAL": "lots"},
            r"Expected total \(the total you saw\): 'lots' is not an amount",
        ),
        ({"TASKING_REQUEST_ID": UNKNOWN, "DECISION": "maybe"}, r"Decision"),
    ],
)
def test_approve_bad_input_sends_nothing(
    console: Emulator, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(QgsProcessingException, match=message):
        run(APPROVE, {"CONFIRM": True, **params})
    assert api_calls(console) == []


def test_unknown_request_reads_as_the_consoles_answer(console: Emulator) -> None:
    with pytest.raises(QgsProcessingException, match=UNKNOWN):
        run(APPROVE, {"TASKING_REQUEST_ID": UNKNOWN})
    assert _patches(console) == []


# ------------------------------------------------------------------------------- retask


def test_retask_needs_confirm_and_sends_nothing_without(console: Emulator) -> None:
    tr_id = _create(console)
    _complete(console, tr_id)
    with pytest.raises(QgsProcessingException, match="CONFIRM"):
        run(RETASK, {"TASKING_REQUEST_ID": tr_id})
    assert api_calls(console) == []


def test_retask_a_completed_request_then_approve_the_new_one(console: Emulator) -> None:
    tr_id = _create(console)
    _complete(console, tr_id)
    console.clear_requests()
    feedback = RecordingFeedback()
    result = run(RETASK, {"TASKING_REQUEST_ID": tr_id, "CONFIRM": True}, feedback)
    new_id = result["NEW_TASKING_REQUEST_ID"]
    assert new_id != tr_id and new_id in console.state.tasks
    [post] = [r for r in api_calls(console) if r.method == "POST"]
    assert post.path == f"/task/{tr_id}/retask" and post.json == {}
    assert result["STATUS"] == "received" and result["NEEDS_APPROVAL"] is True
    assert any(f"TASKING_REQUEST_ID={new_id}" in w for w in feedback.warnings)
    assert any("Copied: look" in line for line in feedback.infos)
    # It follows the normal flow: cost review, then approval.
    approved = run(APPROVE, {"TASKING_REQUEST_ID": new_id, "CONFIRM": True})
    assert approved["STATUS"] == "submitted" and approved["ANSWERED"] is True


def test_retask_a_catalog_collect_with_overrides(console: Emulator) -> None:
    with console.state.lock:
        collect_id = next(iter(console.state.by_collect))
    result = run(
        RETASK,
        {
            "COLLECT_ID": collect_id,
            "NAME": "again",
            "WINDOW_OPEN": "2031-01-01T00:00:00Z",
            "WINDOW_CLOSE": "2031-01-03T00:00:00Z",
            "COLLECTION_TIER": "priority",
            "PRE_APPROVAL": True,
            "CONFIRM": True,
        },
    )
    [post] = [r for r in api_calls(console) if r.method == "POST"]
    assert post.path == f"/collects/{collect_id}/retask"
    assert post.json == {
        "taskingrequestName": "again",
        "windowOpen": "2031-01-01T00:00:00.000Z",
        "windowClose": "2031-01-03T00:00:00.000Z",
        "collectionTier": "priority",
        "preApproval": True,
    }
    assert result["NEEDS_APPROVAL"] is False
    props = console.state.tasks[result["NEW_TASKING_REQUEST_ID"]]["properties"]
    assert props["taskingrequestName"] == "again" and props["collectionTier"] == "priority"


def test_retask_of_a_request_not_completed_reads_as_the_console_says(console: Emulator) -> None:
    tr_id = _create(console)
    before = set(console.state.tasks)
    with pytest.raises(QgsProcessingException, match="no delivered collect to retask"):
        run(RETASK, {"TASKING_REQUEST_ID": tr_id, "CONFIRM": True})
    assert set(console.state.tasks) == before


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {},
            r"Give exactly one of Completed tasking request id or Delivered collect id "
            r"\(got none\)",
        ),
        (
            {"TASKING_REQUEST_ID": UNKNOWN, "COLLECT_ID": UNKNOWN},
            r"Give exactly one of .* \(got both\)",
        ),
        ({"COLLECT_ID": "x"}, r"Delivered collect id: 'x' is not a valid UUID"),
        (
            {
                "TASKING_REQUEST_ID": UNKNOWN,
                "WINDOW_OPEN": "2031-01-05T00:00:00Z",
                "WINDOW_CLOSE": "2031-01-01T00:00:00Z",
            },
            r"Window closes \(UTC\) \(2031-01-01.*\) must be after Window opens \(UTC\)",
        ),
        (
            {"TASKING_REQUEST_ID": UNKNOWN, "WINDOW_CLOSE": "2020-01-01T00:00:00Z"},
            r"Window closes \(UTC\)",
        ),
        ({"TASKING_REQUEST_ID": UNKNOWN, "COLLECTION_TIER": "cheap"}, r"Collection tier"),
    ],
)
def test_retask_bad_input_sends_nothing(
    console: Emulator, params: dict[str, Any], message: str
) -> None:
    with pytest.raises(QgsProcessingException, match=message):
        run(RETASK, {"CONFIRM": True, **params})
    assert api_calls(console) == []


# ------------------------------------------------------ every parameter of the three algorithms


def test_every_bad_value_of_the_new_algorithms_names_its_label(console: Emulator) -> None:
    from qgis.core import QgsApplication

    from tests.qgis.test_processing_bad_input import BAD_VALUES, BARE

    bases: dict[str, dict[str, Any]] = {
        "capella:checkopportunities": {"AOI": "POINT(12.5 41.9)", "OUTPUT": "memory:"},
        APPROVE: {"TASKING_REQUEST_ID": UNKNOWN},
        RETASK: {"TASKING_REQUEST_ID": UNKNOWN, "CONFIRM": True},
    }
    registry = QgsApplication.processingRegistry()
    checked: list[str] = []
    for alg_id, base in bases.items():
        for definition in registry.algorithmById(alg_id).parameterDefinitions():
            for value in BAD_VALUES.get(definition.type(), []):
                if value == 1e9 and definition.maximum() >= 1e300:
                    continue  # no upper bound
                case = f"{alg_id} {definition.name()}={value!r}"
                with pytest.raises(QgsProcessingException) as info:
                    run(alg_id, {**base, definition.name(): value})
                message = str(info.value)
                assert BARE not in message, case
                assert message.split("\n", 1)[-1].startswith(f"{definition.description()}: "), (
                    case,
                    message,
                )
                assert api_calls(console) == [], case
                checked.append(case)
    assert {c.split()[0] for c in checked} == set(bases)
    assert len(checked) >= 30
