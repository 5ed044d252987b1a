"""InSAR orbits (#14): the planned dates shown and the ``repetitionInterval`` sent agree.

``MIO_53_2P95`` used to preview 2.95-day dates while sending ``repetitionInterval: 7``. The
interval is a whole number of days; an InSAR stack sends its orbit's revisit rounded up to
whole days (3 / 7, as in Capella's own example) or a multiple of it (docs/tasking.md, "InSAR
orbits: interval sent").
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.enums import INSAR_ORBIT_INFO, InsarOrbit
from capella_qgis.core.models.payloads import RepeatRequestCreate
from capella_qgis.core.timefmt import parse_utc
from tests.console_emulator import Emulator

POINT = {"type": "Point", "coordinates": [11.148216, 49.596722]}
START = datetime(2030, 5, 1, tzinfo=timezone.utc)
ORBITS = list(InsarOrbit)
CADENCES: dict[str, dict[str, Any]] = {
    "count": {"repetition_count": 6},
    "end": {"repeat_end": START + timedelta(days=40)},
    "until cancelled": {},
}


def _insar(orbit: InsarOrbit, **kw: Any) -> RepeatRequestCreate:
    return RepeatRequestCreate(
        geometry=POINT,
        name=f"stack {orbit.value}",
        collection_tier="insar",
        insar_orbit=orbit,
        repeat_start=START,
        **kw,
    )


def _steps(dates: list[datetime]) -> set[timedelta]:
    return {b - a for a, b in zip(dates, dates[1:])}


def _sent_interval(request: RepeatRequestCreate) -> Any:
    return request.to_payload()["properties"]["repetitionProperties"]["repetitionInterval"]


def test_the_whole_day_interval_of_each_orbit() -> None:
    # What the names encode (2.95 d, 7.00 d) rounded up; Capella's example pairs
    # MIO_53_2P95 with repetitionInterval 3, the contract's SSO_97_7P00 with 7.
    assert {o: INSAR_ORBIT_INFO[o].interval_days for o in ORBITS} == {
        InsarOrbit.MIO_53_2P95: 3,
        InsarOrbit.SSO_97_7P00: 7,
    }
    for orbit in ORBITS:
        info = INSAR_ORBIT_INFO[orbit]
        assert info.revisit_days <= info.interval_days < info.revisit_days + 1


@pytest.mark.parametrize("cadence", sorted(CADENCES))
@pytest.mark.parametrize("orbit", ORBITS, ids=lambda o: o.value)
def test_preview_steps_by_the_interval_sent(orbit: InsarOrbit, cadence: str) -> None:
    request = _insar(orbit, **CADENCES[cadence]).checked(now=START - timedelta(days=1))
    sent = _sent_interval(request)
    assert isinstance(sent, int) and not isinstance(sent, bool)
    assert sent == INSAR_ORBIT_INFO[orbit].interval_days
    dates, open_ended = request.planned_dates()
    assert open_ended == (cadence == "until cancelled")
    assert dates[0] == START and len(dates) > 1
    assert _steps(dates) == {timedelta(days=sent)}
    if cadence == "count":
        assert len(dates) == 6
    if cadence == "end":
        assert dates[-1] <= START + timedelta(days=40) < dates[-1] + timedelta(days=sent)


@pytest.mark.parametrize("orbit", ORBITS, ids=lambda o: o.value)
@pytest.mark.parametrize("multiple", [1, 2, 4])
def test_a_multiple_of_the_orbit_interval_is_kept(orbit: InsarOrbit, multiple: int) -> None:
    interval = INSAR_ORBIT_INFO[orbit].interval_days * multiple
    request = _insar(orbit, repetition_interval=interval, repetition_count=3)
    assert _sent_interval(request) == interval
    assert _steps(request.planned_dates()[0]) == {timedelta(days=interval)}
    assert _sent_interval(request.checked(now=START)) == interval


@pytest.mark.parametrize(
    ("orbit", "interval"),
    [
        (InsarOrbit.MIO_53_2P95, 7),  # what the form and Processing default to
        (InsarOrbit.MIO_53_2P95, 2),
        (InsarOrbit.MIO_53_2P95, 1),
        (InsarOrbit.SSO_97_7P00, 3),
        (InsarOrbit.SSO_97_7P00, 30),
    ],
)
def test_another_interval_is_refused_with_what_to_set(orbit: InsarOrbit, interval: int) -> None:
    with pytest.raises(InputError) as exc_info:
        _insar(orbit, repetition_interval=interval)
    exc = exc_info.value
    assert exc.field == "repetition_interval"
    cycle = INSAR_ORBIT_INFO[orbit].interval_days
    assert orbit.value in exc.message
    assert f"set the interval to {cycle} days" in exc.message
    assert f"not {interval}" in exc.message


def test_no_interval_means_the_orbit_interval() -> None:
    for orbit in ORBITS:
        cycle = INSAR_ORBIT_INFO[orbit].interval_days
        assert _insar(orbit).repetition_interval == cycle
        assert _insar(orbit, repetition_interval=None).repetition_interval == cycle


def test_other_repeat_requests_keep_their_interval() -> None:
    for kw, interval in (
        ({}, 7),
        ({"repetition_interval": 5}, 5),
        ({"repetition_interval": None}, 7),
    ):
        request = RepeatRequestCreate(geometry=POINT, name="rr", repeat_start=START, **kw)
        assert _sent_interval(request) == interval
        assert _steps(request.planned_dates()[0]) == {timedelta(days=interval)}


@pytest.fixture
def client(emulator: Emulator) -> Iterator[ConsoleClient]:
    console = ConsoleClient(Credential.api_key("demo"), base_url=emulator.url)
    emulator.clear_requests()
    try:
        yield console
    finally:
        console.close()


@pytest.mark.parametrize("orbit", ORBITS, ids=lambda o: o.value)
def test_the_console_gets_the_interval_the_preview_showed(
    client: ConsoleClient, emulator: Emulator, orbit: InsarOrbit
) -> None:
    start = datetime.now(timezone.utc).replace(microsecond=0) + timedelta(days=2)
    request = RepeatRequestCreate(
        geometry=POINT,
        name="stack",
        collection_tier="insar",
        insar_orbit=orbit.value,
        repeat_start=start,
        repetition_count=4,
        product_types=["SLC", "GEO"],
    )
    dates, _ = request.planned_dates()
    created = client.tasking.create_repeat_request(request)
    [post] = [r for r in emulator.requests() if r.method == "POST" and r.path == "/repeat-requests"]
    rep = post.json["properties"]["repetitionProperties"]
    assert post.json["properties"]["insar"] == {"orbit": orbit.value}
    sent_start = parse_utc(rep["repeatStart"], "repeatStart")
    assert [sent_start + i * timedelta(days=rep["repetitionInterval"]) for i in range(4)] == dates
    echoed = created.properties.repetition_properties
    assert echoed is not None and echoed.repetition_interval == rep["repetitionInterval"]
