"""Request names (#14): repeat and InSAR requests refuse an empty name as tasking requests do.

One validator (``_name`` → ``constraints.check_name``) serves both payload models; a blank name
is refused with ``InputError(field="name")`` before anything reaches the Console.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.payloads import RepeatRequestCreate, TaskingRequestCreate
from capella_qgis.core.workflows.tasking import KIND_REPEAT, KIND_TASKING, build_request
from tests.console_emulator import Emulator

POINT = {"type": "Point", "coordinates": [11.148216, 49.596722]}
BLANK = ["", " ", "   ", "\t", "\n", " \t\r\n ", "\u00a0", "\u3000"]
MISSING = "give the request a name"
# The three kinds a user can submit: an InSAR stack is a repeat request with the insar tier.
KINDS: dict[str, tuple[str, dict[str, Any]]] = {
    "tasking": (KIND_TASKING, {}),
    "repeat": (KIND_REPEAT, {"repetition_count": 3}),
    "insar": (
        KIND_REPEAT,
        {"collection_tier": "insar", "insar_orbit": "MIO_53_2P95", "repetition_count": 3},
    ),
}


@pytest.fixture
def client(emulator: Emulator) -> Iterator[ConsoleClient]:
    console = ConsoleClient(Credential.api_key("demo"), base_url=emulator.url)
    emulator.clear_requests()
    try:
        yield console
    finally:
        console.close()


def _creations(emulator: Emulator) -> list[Any]:
    return [
        r
        for r in emulator.requests()
        if r.method == "POST" and r.path in ("/task", "/repeat-requests")
    ]


@pytest.mark.parametrize("which", sorted(KINDS))
@pytest.mark.parametrize("name", [*BLANK, None], ids=repr)
def test_blank_name_is_refused_for_every_kind(which: str, name: Any) -> None:
    kind, extra = KINDS[which]
    with pytest.raises(InputError) as exc_info:
        build_request(kind, {"geometry": POINT, "name": name, **extra})
    assert exc_info.value.field == "name"
    assert MISSING in exc_info.value.message


def test_a_missing_name_is_refused_too() -> None:
    for kind, extra in KINDS.values():
        with pytest.raises(InputError) as exc_info:
            build_request(kind, {"geometry": POINT, **extra})
        assert exc_info.value.field == "name"


def test_one_validator_one_message_for_both_kinds() -> None:
    messages = set()
    for model in (TaskingRequestCreate, RepeatRequestCreate):
        with pytest.raises(InputError) as exc_info:
            model(geometry=POINT, name="  ")
        messages.add((exc_info.value.field, exc_info.value.message))
    assert len(messages) == 1


@pytest.mark.parametrize("which", ["repeat", "insar"])
def test_the_name_sent_is_stripped(client: ConsoleClient, emulator: Emulator, which: str) -> None:
    _kind, extra = KINDS[which]
    created = client.tasking.create_repeat_request(
        RepeatRequestCreate(geometry=POINT, name="  Erlangen stack \n", **extra)
    )
    [post] = _creations(emulator)
    assert post.json["properties"]["repeatrequestName"] == "Erlangen stack"
    assert created.properties.name == "Erlangen stack"


@pytest.mark.parametrize("which", ["repeat", "insar"])
@pytest.mark.parametrize("name", ["", "   "], ids=repr)
def test_client_sends_nothing_for_a_blank_name(
    client: ConsoleClient, emulator: Emulator, which: str, name: str
) -> None:
    _kind, extra = KINDS[which]
    # Given as a mapping (the SDK's way) ...
    with pytest.raises(InputError) as exc_info:
        client.tasking.create_repeat_request({"geometry": POINT, "name": name, **extra})
    assert exc_info.value.field == "name"
    # ... or emptied after a valid model was built (pydantic does not check assignments):
    # the client validates again as it sends.
    request = RepeatRequestCreate(geometry=POINT, name="stack", **extra)
    request.name = name
    with pytest.raises(InputError) as exc_info:
        client.tasking.create_repeat_request(request)
    assert exc_info.value.field == "name"
    assert _creations(emulator) == []
