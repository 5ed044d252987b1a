"""Tasks: errors never escape run(), messages are user-facing, the UI thread stays responsive."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer

from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import NotFoundError
from capella_qgis.tasks.task_base import RESPONSIVE_SWITCH_INTERVAL, BaseTask
from capella_qgis.tasks.task_test_connection import ConnectionTester, ConnectionTestTask
from capella_qgis.toolbelt.network import build_client as real_build_client
from capella_qgis.toolbelt.settings import PluginSettings

TIMEOUT_MS = 20_000


class _Task(BaseTask):
    def __init__(self, outcome: Any, **kwargs: Any) -> None:
        super().__init__("probe", **kwargs)
        self.outcome = outcome

    def _run(self) -> Any:
        if isinstance(self.outcome, BaseException):
            raise self.outcome
        self.report_progress(1, 2)
        return self.outcome


def _run_sync(task: BaseTask) -> tuple[list[Any], list[str]]:
    ok: list[Any] = []
    errors: list[str] = []
    task.on_success, task.on_error = ok.append, errors.append
    task.finished(task.run())
    return ok, errors


def test_success_is_dispatched() -> None:
    ok, errors = _run_sync(_Task(42))
    assert ok == [42] and errors == []


def test_capella_error_message_is_shown_verbatim() -> None:
    ok, errors = _run_sync(_Task(NotFoundError("Order abc not found")))
    assert ok == []
    assert errors[0].startswith("Order abc not found")
    assert "Traceback" not in errors[0]


def test_unexpected_error_is_short_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    ok, errors = _run_sync(_Task(ZeroDivisionError("division by zero")))
    assert ok == []
    assert "ZeroDivisionError" in errors[0] and "Traceback" not in errors[0]
    assert "Traceback" in caplog.text  # the details go to the Capella log tab


def test_cancelled_before_start() -> None:
    task = _Task(1)
    task.cancel()
    ok, errors = _run_sync(task)
    assert ok == [] and "Cancelled" in errors[0]


class _IntervalProbe(BaseTask):
    """Records the switch interval seen while it runs; waits for ``release`` to end."""

    def __init__(self) -> None:
        super().__init__("interval probe")
        self.seen: list[float] = []
        self.started = threading.Event()
        self.release = threading.Event()

    def _run(self) -> Any:
        self.seen.append(sys.getswitchinterval())
        self.started.set()
        self.release.wait(10)
        self.seen.append(sys.getswitchinterval())
        return None


def test_switch_interval_is_short_while_tasks_run_and_restored_after() -> None:
    """Both tasks see the short interval; it comes back only when the last one ends."""
    before = sys.getswitchinterval()
    assert before > RESPONSIVE_SWITCH_INTERVAL  # the interpreter's default, 5 ms
    first, second = _IntervalProbe(), _IntervalProbe()
    threads = [threading.Thread(target=t.run) for t in (first, second)]
    for thread, task in zip(threads, (first, second)):
        thread.start()
        assert task.started.wait(10)
    first.release.set()
    threads[0].join(10)
    assert sys.getswitchinterval() == RESPONSIVE_SWITCH_INTERVAL  # the second still runs
    second.release.set()
    threads[1].join(10)
    assert first.seen == second.seen == [RESPONSIVE_SWITCH_INTERVAL] * 2
    assert sys.getswitchinterval() == before


def test_a_task_may_keep_the_default_interval() -> None:
    class Streams(_IntervalProbe):
        SHORT_SWITCH_INTERVAL = False

    before = sys.getswitchinterval()
    probe = Streams()
    probe.release.set()
    probe.run()
    assert probe.seen == [before, before]


def test_switch_interval_set_by_someone_else_is_left_alone() -> None:
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.0001)  # shorter than ours: kept while the task runs
        probe = _IntervalProbe()
        probe.release.set()
        probe.run()
        assert probe.seen == pytest.approx([0.0001, 0.0001])
        assert abs(sys.getswitchinterval() - 0.0001) < 1e-9
        sys.setswitchinterval(before)
        # Changed by someone else while ours runs: not overwritten on the way out.
        probe = _IntervalProbe()
        worker = threading.Thread(target=probe.run)
        worker.start()
        assert probe.started.wait(10)
        sys.setswitchinterval(0.002)
        probe.release.set()
        worker.join(10)
        assert abs(sys.getswitchinterval() - 0.002) < 1e-9
    finally:
        sys.setswitchinterval(before)


def test_through_task_manager(qtbot: Any) -> None:
    errors: list[str] = []
    task = _Task(RuntimeError("boom"), on_error=errors.append)
    with qtbot.waitSignal(task.taskTerminated, timeout=TIMEOUT_MS):
        QgsApplication.taskManager().addTask(task)
    assert errors and "boom" in errors[0]


def _settings_for(emulator: Any) -> PluginSettings:
    return PluginSettings(api_url=emulator.url)


def test_connection_succeeds_against_emulator(qtbot: Any, emulator: Any) -> None:
    results: list[Any] = []
    task = ConnectionTestTask(
        _settings_for(emulator), credential=Credential.api_key("demo"), on_success=results.append
    )
    with qtbot.waitSignal(task.taskCompleted, timeout=TIMEOUT_MS):
        QgsApplication.taskManager().addTask(task)
    assert results and results[0].email


def test_connection_with_wrong_key_fails_cleanly(qtbot: Any, emulator: Any) -> None:
    errors: list[str] = []
    task = ConnectionTestTask(
        _settings_for(emulator), credential=Credential.api_key("wrong-key"), on_error=errors.append
    )
    with qtbot.waitSignal(task.taskTerminated, timeout=TIMEOUT_MS):
        QgsApplication.taskManager().addTask(task)
    assert len(errors) == 1
    assert "API key" in errors[0] and "rejected" in errors[0]
    assert "Traceback" not in errors[0]


def test_missing_credential_is_reported_not_raised(qtbot: Any) -> None:
    errors: list[str] = []
    task = ConnectionTestTask(PluginSettings(), on_error=errors.append)
    with qtbot.waitSignal(task.taskTerminated, timeout=TIMEOUT_MS):
        QgsApplication.taskManager().addTask(task)
    assert "No API key configured" in errors[0]


def test_ui_thread_keeps_processing_events(
    qtbot: Any, emulator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    worker_threads: list[threading.Thread] = []

    def build_slow_client(*args: Any, **kwargs: Any) -> Any:
        client = real_build_client(*args, **kwargs)
        real_get_user = client.account.get_user

        def slow_get_user() -> Any:
            # Long enough that a blocked main thread would miss dozens of 10 ms ticks.
            worker_threads.append(threading.current_thread())
            time.sleep(0.5)
            return real_get_user()

        client.account.get_user = slow_get_user
        return client

    monkeypatch.setattr("capella_qgis.tasks.clients.build_client", build_slow_client)
    ticks: list[float] = []
    timer = QTimer()
    timer.setInterval(10)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    tester = ConnectionTester()
    timer.start()
    try:
        with qtbot.waitSignal(tester.finished, timeout=TIMEOUT_MS) as blocker:
            tester.start(_settings_for(emulator), credential=Credential.api_key("demo"))
    finally:
        timer.stop()
    assert blocker.args[0] is True, blocker.args
    assert blocker.args[1].startswith("Logged in as ")
    assert worker_threads and worker_threads[0] is not threading.main_thread()
    assert len(ticks) >= 20


def test_tester_runs_one_test_at_a_time(qtbot: Any, emulator: Any) -> None:
    tester = ConnectionTester()
    with qtbot.waitSignal(tester.finished, timeout=TIMEOUT_MS):
        first = tester.start(_settings_for(emulator), credential=Credential.api_key("demo"))
        assert tester.is_running
        assert tester.start() is first
    assert not tester.is_running and tester.last_ok is True


def test_settings_page_button_reports_in_label(qtbot: Any, emulator: Any) -> None:
    from capella_qgis.gui.settings.dlg_settings import SettingsPage

    page = SettingsPage(ConnectionTester())
    qtbot.addWidget(page)
    page.leApiUrl.setText(emulator.url)
    qtbot.keyClicks(page.leApiKey, "demo")
    with qtbot.waitSignal(page.tester.finished, timeout=TIMEOUT_MS):
        page.btnTestConnection.click()
        assert not page.btnTestConnection.isEnabled()
    assert page.lblTestResult.text().startswith("✔ Logged in as ")
    assert page.btnTestConnection.isEnabled()


def test_dock_shows_failure(qtbot: Any, emulator: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from capella_qgis.gui.main.dock_main import DockMain

    monkeypatch.setenv("CAPELLA_API_URL", emulator.url)
    monkeypatch.setenv("CAPELLA_API_KEY", "not-the-demo-key")
    dock = DockMain(ConnectionTester())
    qtbot.addWidget(dock)
    assert emulator.url in dock.lblApiUrl.text()
    with qtbot.waitSignal(dock.tester.finished, timeout=TIMEOUT_MS):
        dock.btnTestConnection.click()
    assert dock.lblStatus.text().startswith("✖ ")
    assert "rejected" in dock.lblStatus.text()
