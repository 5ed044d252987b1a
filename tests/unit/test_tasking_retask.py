"""Core client: retask a completed request or a delivered collect (both endpoints)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone

import httpx
import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import CapellaError, InputError
from capella_qgis.core.workflows.tasking import retask
from tests.console_emulator import Emulator

POINT = {"type": "Point", "coordinates": [12.5, 41.9]}


@pytest.fixture
def console(emulator: Emulator) -> Iterator[ConsoleClient]:
    emulator.configure(review_delay=0)
    with ConsoleClient(Credential.api_key("demo"), emulator.url) as client:
        yield client


def _completed(console: ConsoleClient, emulator: Emulator) -> str:
    now = datetime.now(timezone.utc)
    tr = console.tasking.create_tasking_request(
        {"geometry": POINT, "name": "source", "window_close": now + timedelta(days=3)}
    )
    r = httpx.post(f"{emulator.url}/_emulator/tasking/{tr.id}/status", json={"code": "completed"})
    assert r.status_code == 200
    return tr.id


def test_retask_a_request(console: ConsoleClient, emulator: Emulator) -> None:
    src = _completed(console, emulator)
    [col] = console.tasking.get_collect_history(src)
    assert col.is_delivered
    new = console.tasking.retask_tasking_request(src)
    assert new.id != src and new.status == "received"
    assert new.properties.retasked_from == {"taskingrequestId": src, "collectId": col.collect_id}
    cons = new.properties.collect_constraints
    acc = col.access_properties or {}
    mid = (acc["offNadirMin"] + acc["offNadirMax"]) / 2
    assert cons is not None and cons.look_direction == acc["lookDirection"]
    assert cons.off_nadir_min == pytest.approx(mid - 5, abs=0.01)
    assert cons.off_nadir_max == pytest.approx(mid + 5, abs=0.01)
    [post] = [r for r in emulator.requests("api") if r.path == f"/task/{src}/retask"]
    assert post.json == {}  # nothing overridden: everything copied


def test_retask_a_collect_with_overrides(console: ConsoleClient, emulator: Emulator) -> None:
    src = _completed(console, emulator)
    [col] = console.tasking.get_collect_history(src)
    start = datetime.now(timezone.utc) + timedelta(days=1)
    new = console.tasking.retask_collect(
        col.collect_id,
        {
            "name": "again please",
            "window_open": start,
            "window_close": start + timedelta(days=2),
            "pre_approval": True,
            "collection_tier": "priority",
        },
    )
    p = new.properties
    assert p.name == "again please" and p.pre_approval is True and p.collection_tier == "priority"
    assert p.window_duration == 2 * 86400
    [post] = [r for r in emulator.requests("api") if r.path.endswith("/retask")]
    assert post.path == f"/collects/{col.collect_id}/retask"
    assert post.json["preApproval"] is True and post.json["taskingrequestName"] == "again please"


def test_retask_of_an_archive_footprint(console: ConsoleClient, emulator: Emulator) -> None:
    entry = next(e for e in emulator.state.entries if emulator.state.accessible(e))
    new = retask(console, collect_id=entry.props["capella:collect_id"])
    assert new.properties.retasked_from == {
        "collectId": entry.props["capella:collect_id"],
        "stacId": entry.id,
    }


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"name": "  "}, "name"),
        ({"window_open": "2031-01-02", "window_close": "2031-01-01"}, "window_close"),
        ({"window_close": "2020-01-01"}, "window_close"),
        ({"collection_tier": "weekly"}, "collection_tier"),
        ({"look_angle": 5}, "look_angle"),
    ],
)
def test_bad_overrides_name_the_field(
    console: ConsoleClient, emulator: Emulator, overrides: dict[str, object], field: str
) -> None:
    src = "8f9c3a52-6a0e-4b4e-9f3b-0c1d2e3f4a5b"
    with pytest.raises(InputError) as err:
        console.tasking.retask_tasking_request(src, overrides)
    assert err.value.field == field or field in str(err.value)
    assert not [r for r in emulator.requests("api") if r.path.endswith("/retask")]


def test_refusals(console: ConsoleClient, emulator: Emulator) -> None:
    now = datetime.now(timezone.utc)
    tr = console.tasking.create_tasking_request(
        {"geometry": POINT, "name": "open", "window_close": now + timedelta(days=3)}
    )
    with pytest.raises(CapellaError) as err:
        console.tasking.retask_tasking_request(tr.id)
    assert err.value.code == "UNABLE_TO_RETASK"
    with pytest.raises(InputError):
        console.tasking.retask_collect("not-a-uuid")
    with pytest.raises(InputError):
        retask(console)
    with pytest.raises(InputError):
        retask(console, tasking_request_id=tr.id, collect_id=tr.id)
