"""Every client a task opens is closed when it ends: a whole tasking workflow leaves no socket.

Four of the five tasking tasks used to keep their httpx client open (~20 ``ResourceWarning:
unclosed socket`` per run). Here every ConsoleClient built during the workflow is counted and
must be closed, and collecting garbage afterwards must not warn about an unclosed socket.
"""

from __future__ import annotations

import gc
import warnings
from typing import Any

from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry

from capella_qgis.core.api.client import ConsoleClient
from capella_qgis.core.api.credential import Credential
from capella_qgis.gui.tasking.controller import TaskingController
from capella_qgis.gui.tasking.requests_controller import RequestsController
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.toolbelt.settings import PluginSettings
from tests.qgis.lifecycle_support import flush_events

TIMEOUT_MS = 20_000
POINT = QgsGeometry.fromWkt("POINT (10.0 50.0)")


class ClientLedger:
    """Every ConsoleClient built while installed, and which of them were closed."""

    def __init__(self, monkeypatch: Any) -> None:
        self.built: list[ConsoleClient] = []
        self.closed: set[int] = set()
        real_init, real_close = ConsoleClient.__init__, ConsoleClient.close
        ledger = self

        def init(client: ConsoleClient, *args: Any, **kwargs: Any) -> None:
            real_init(client, *args, **kwargs)
            ledger.built.append(client)

        def close(client: ConsoleClient) -> None:
            ledger.closed.add(id(client))
            real_close(client)

        monkeypatch.setattr(ConsoleClient, "__init__", init)
        monkeypatch.setattr(ConsoleClient, "close", close)

    def still_open(self) -> list[ConsoleClient]:
        return [c for c in self.built if id(c) not in self.closed]


def _unclosed(caught: list[warnings.WarningMessage]) -> list[str]:
    return [
        str(w.message)
        for w in caught
        if issubclass(w.category, ResourceWarning) and "unclosed" in str(w.message)
    ]


def test_tasking_workflow_closes_every_client(
    qtbot: Any, qgis_iface: Any, emulator: Any, monkeypatch: Any
) -> None:
    ledger = ClientLedger(monkeypatch)
    clients = ClientFactory(
        PluginSettings(api_url=emulator.url), credential=Credential.api_key("demo")
    )
    tasking = TaskingController(qgis_iface, clients=clients)
    requests = RequestsController(qgis_iface, clients=clients)
    tasking.install()
    requests.install()
    tasking.requestCreated.connect(requests.add_request)
    requests.dock.pollCheck.setChecked(False)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", ResourceWarning)
        try:
            # The form: contracts fetched, then a request created (FetchContracts, Create).
            dialog = tasking.open_form(POINT, QgsCoordinateReferenceSystem("EPSG:4326"))
            qtbot.waitUntil(lambda: tasking.contracts_task is None, timeout=TIMEOUT_MS)
            dialog.nameEdit.setText("closes its clients")
            assert dialog.review(), dialog.error_text
            with qtbot.waitSignal(tasking.requestCreated, timeout=TIMEOUT_MS) as created:
                assert dialog.submit()
            request_id = created.args[0].id
            assert request_id in requests.requests
            # The dock: search, bulk update (which polls right after), poll again (Search,
            # Bulk, Poll).
            with qtbot.waitSignal(requests.searchFinished, timeout=TIMEOUT_MS):
                requests.dock.searchButton.click()
            requests.dock.select_ids([request_id])
            with qtbot.waitSignal(requests.bulkFinished, timeout=TIMEOUT_MS):
                requests.update_selected({"name": "renamed"})
            qtbot.waitUntil(lambda: requests.poller.task is None, timeout=TIMEOUT_MS)
            with qtbot.waitSignal(requests.poller.polled, timeout=TIMEOUT_MS):
                assert requests.poller.poll_now()
            qtbot.waitUntil(lambda: not requests.tasks and not tasking.tasks, timeout=TIMEOUT_MS)
            flush_events()
        finally:
            requests.unload()
            tasking.unload()
            requests.layer.remove_layers()
            flush_events()
        gc.collect()
    assert len(ledger.built) >= 6, "contracts, create, search, bulk and two polls"
    assert ledger.still_open() == []
    assert _unclosed(caught) == []


def test_a_task_cancelled_before_it_ran_closes_its_client(
    qtbot: Any, emulator: Any, monkeypatch: Any
) -> None:
    from capella_qgis.tasks.task_base import TaskRunner
    from capella_qgis.tasks.task_tasking import FetchContractsTask

    ledger = ClientLedger(monkeypatch)
    emulator.faults.add("delay", "/organization", seconds=0.5)
    runner = TaskRunner()
    clients = ClientFactory(
        PluginSettings(api_url=emulator.url), credential=Credential.api_key("demo")
    )
    ended: list[bool] = []
    tasks = [runner.run(FetchContractsTask, client=clients) for _ in range(6)]
    for task in tasks:
        assert task is not None
        task.taskTerminated.connect(lambda: ended.append(False))
        task.taskCompleted.connect(lambda: ended.append(True))
    assert runner.shutdown() == len(tasks)  # some are still queued: run() never starts
    qtbot.waitUntil(lambda: len(ended) == len(tasks), timeout=TIMEOUT_MS)
    flush_events()
    assert len(ledger.built) == len(tasks) and ledger.still_open() == []
