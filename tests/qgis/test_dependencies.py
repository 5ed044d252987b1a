"""Missing packages: the stand-in's rendered message, the pip commands and the install task."""

from __future__ import annotations

import os
import stat
import sys
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsApplication, QgsTask
from qgis.gui import QgsMessageBar
from qgis.PyQt.QtWidgets import QPushButton, QTextBrowser

import capella_qgis
from capella_qgis.gui.dependencies import standin
from capella_qgis.gui.dependencies.standin import INSTALL_BUTTON, DependencyStandIn
from capella_qgis.tasks.task_install_dependencies import InstallDependenciesTask
from capella_qgis.toolbelt import dependencies
from capella_qgis.toolbelt.dependencies import Missing, PipOptions, Requirement

PYDANTIC, SHAPELY = dependencies.REQUIREMENTS


@pytest.fixture
def bar_iface(qgis_iface: Any, qgis_parent: Any) -> Iterator[Any]:
    """The stub iface with a real message bar whose rendered widgets we can read."""
    bar = QgsMessageBar(qgis_parent)
    original = qgis_iface.messageBar
    qgis_iface.messageBar = lambda: bar
    yield qgis_iface
    qgis_iface.messageBar = original


def rendered(item: Any) -> str:
    return " ".join(b.toPlainText() for b in item.findChildren(QTextBrowser))


def start(task: QgsTask) -> list[str]:
    """Add ``task`` to the task manager; the returned list receives how it ended."""
    outcome: list[str] = []
    task.taskCompleted.connect(lambda: outcome.append("completed"))
    task.taskTerminated.connect(lambda: outcome.append("terminated"))
    QgsApplication.taskManager().addTask(task)
    return outcome


def wait_for(outcome: list[str], timeout: float = 60.0) -> str:
    """Process events until the task ended (the manager deletes it right after)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        QgsApplication.processEvents()
        if outcome:
            return outcome[0]
        time.sleep(0.02)
    raise AssertionError(f"task still running after {timeout} s")


# --- checks --------------------------------------------------------------------------------


def test_everything_present_in_the_test_environment() -> None:
    assert dependencies.missing_dependencies() == []
    assert dependencies.check_httpx() is None


def test_absent_distribution_is_not_installed() -> None:
    requirement = Requirement("capella-no-such-package", "capella_no_such_package", (1, 0))
    missing = dependencies.check(requirement)
    assert missing is not None and missing.found == "not installed"
    assert str(missing) == "capella-no-such-package>=1.0 (not installed)"


def test_too_old_version_is_reported_without_importing_it() -> None:
    # pytest-timeout is installed but never imported by these tests: it must stay unimported.
    sys.modules.pop("pytest_timeout", None)
    requirement = Requirement("pytest-timeout", "pytest_timeout", (999,), (1000,))
    missing = dependencies.check(requirement)
    assert missing is not None and missing.found.startswith("version ")
    assert "pytest_timeout" not in sys.modules


def test_too_new_major_is_reported() -> None:
    requirement = Requirement("pydantic", "pydantic", (1, 0), (2,))
    missing = dependencies.check(requirement)
    assert missing is not None and missing.found.startswith("version 2.")


def test_broken_compiled_part_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pydantic_core", None)  # import raises ImportError
    missing = dependencies.check(PYDANTIC)
    assert missing is not None and missing.found.startswith("cannot be imported")


def test_activate_puts_the_folder_first_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "path", list(sys.path))
    target = dependencies.target_dir(tmp_path)
    assert (
        target
        == tmp_path / "python" / "dependencies" / f"{sys.version_info[0]}.{sys.version_info[1]}"
    )
    assert dependencies.activate(target) is False  # does not exist yet
    target.mkdir(parents=True)
    (target / "capella_probe_module.py").write_text("VALUE = 42\n")
    assert dependencies.activate(target) is True
    assert sys.path[0] == str(target)
    assert dependencies.activate(target) is False
    import capella_probe_module  # type: ignore[import-not-found]  # created just above

    assert capella_probe_module.VALUE == 42
    sys.modules.pop("capella_probe_module", None)


# --- the pip commands ----------------------------------------------------------------------


def test_pip_runs_target_the_profile_and_keep_numpy(tmp_path: Path) -> None:
    constraints = dependencies.write_constraints(tmp_path)
    assert constraints is not None
    pins = constraints.read_text().split()
    assert f"numpy=={__import__('numpy').__version__}" in pins
    options = PipOptions(tmp_path / "deps", constraints, proxy="http://proxy.local:3128")
    missing = [Missing(PYDANTIC, "not installed"), Missing(SHAPELY, "version 1.8.5 found")]
    runs = dependencies.pip_runs(["py", "-m", "pip"], missing, options)
    assert len(runs) == 2
    with_deps, without_deps = runs
    assert with_deps[:4] == ["py", "-m", "pip", "install"]
    assert with_deps[-1] == "pydantic>=2.5,<3" and "--no-deps" not in with_deps
    # shapely's numpy is QGIS' own: pip must not bring a second one.
    assert without_deps[-2:] == ["--no-deps", "shapely>=2.0"]
    for run in runs:
        assert run[run.index("--target") + 1] == str(tmp_path / "deps")
        assert run[run.index("--constraint") + 1] == str(constraints)
        assert run[run.index("--proxy") + 1] == "http://proxy.local:3128"
        assert "--user" not in run and "sudo" not in run


def test_command_line_quotes_what_a_shell_would_split() -> None:
    line = dependencies.command_line(["/opt/QGIS 3.34/python.exe", "pydantic>=2.5,<3", "-m"])
    assert line == '"/opt/QGIS 3.34/python.exe" "pydantic>=2.5,<3" -m'


def test_interpreter_candidates_find_this_python() -> None:
    candidates = dependencies.interpreter_candidates()
    assert candidates
    assert any(Path(c).resolve() == Path(sys.executable).resolve() for c in candidates)


# --- the stand-in --------------------------------------------------------------------------


def test_class_factory_gives_the_stand_in_with_a_readable_message(
    bar_iface: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = [Missing(PYDANTIC, "version 1.10.4 found"), Missing(SHAPELY, "not installed")]
    monkeypatch.setattr(dependencies, "missing_dependencies", lambda: missing)
    monkeypatch.setattr(dependencies, "settings_dir", lambda: tmp_path)
    plugin = capella_qgis.classFactory(bar_iface)
    assert isinstance(plugin, DependencyStandIn)
    bar = bar_iface.messageBar()
    before = len(bar.items())
    plugin.initGui()
    plugin.initProcessing()
    items = bar.items()
    assert len(items) == before + 1
    # What the user reads in the bar: "<3" must not open an HTML tag and swallow the rest.
    assert rendered(items[-1]).endswith(
        "Capella Console: needs the Python packages pydantic>=2.5,<3 (version 1.10.4 found), "
        "shapely>=2.0 (not installed)."
    )
    buttons = [b for b in items[-1].findChildren(QPushButton) if b.objectName() == INSTALL_BUTTON]
    assert len(buttons) == 1
    plugin.unload()
    assert len(bar.items()) == before


def test_broken_package_offers_no_install(bar_iface: Any, tmp_path: Path) -> None:
    plugin = DependencyStandIn(bar_iface, [], broken="httpx 0.26 or newer: not installed")
    plugin.initGui()
    item = bar_iface.messageBar().items()[-1]
    assert "Reinstall it" in rendered(item)
    assert not [b for b in item.findChildren(QPushButton) if b.objectName() == INSTALL_BUTTON]
    plugin.unload()


def test_unload_after_the_user_closed_the_message(bar_iface: Any) -> None:
    plugin = DependencyStandIn(bar_iface, [Missing(SHAPELY, "not installed")])
    plugin.initGui()
    bar_iface.messageBar().clearWidgets()
    plugin.unload()  # the item is gone already: must not raise
    assert plugin.item is None


def test_without_iface_the_log_gets_the_command(monkeypatch: pytest.MonkeyPatch) -> None:
    logged: list[str] = []
    monkeypatch.setattr(
        standin.QgsMessageLog, "logMessage", staticmethod(lambda text, *a: logged.append(text))
    )
    plugin = DependencyStandIn(None, [Missing(SHAPELY, "not installed")])
    plugin.initProcessing()
    plugin.initGui()
    plugin.unload()
    assert len(logged) == 1
    assert "shapely>=2.0 (not installed)" in logged[0]
    assert "-m pip install" in logged[0] and "--target" in logged[0]
    assert "--user" not in logged[0]


# --- the install task ----------------------------------------------------------------------


def _wheel(folder: Path, name: str = "capella_fake_dep", version: str = "1.0") -> Path:
    """A minimal pure-Python wheel, so pip installs something real without network."""
    folder.mkdir(parents=True, exist_ok=True)
    dist = f"{name}-{version}.dist-info"
    path = folder / f"{name}-{version}-py3-none-any.whl"
    files = {
        f"{name}/__init__.py": f"VERSION = {version!r}\n",
        f"{dist}/METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        f"{dist}/WHEEL": (
            "Wheel-Version: 1.0\nGenerator: test\nRoot-Is-Purelib: true\nTag: py3-none-any\n"
        ),
    }
    record = "".join(f"{n},,\n" for n in files) + f"{dist}/RECORD,,\n"
    with zipfile.ZipFile(path, "w") as zf:
        for entry, text in files.items():
            zf.writestr(entry, text)
        zf.writestr(f"{dist}/RECORD", record)
    return path


@pytest.fixture
def local_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """pip sees only a folder of wheels (pip reads these variables, as a user's config)."""
    wheels = tmp_path / "wheels"
    _wheel(wheels)
    monkeypatch.setenv("PIP_NO_INDEX", "1")
    monkeypatch.setenv("PIP_FIND_LINKS", str(wheels))
    monkeypatch.setenv("PIP_CONFIG_FILE", os.devnull)
    for name in ("PIP_CONSTRAINT", "PIP_CERT"):
        monkeypatch.delenv(name, raising=False)
    return wheels


FAKE = Requirement("capella-fake-dep", "capella_fake_dep", (1, 0))


def test_install_task_installs_into_the_target(tmp_path: Path, local_index: Path) -> None:
    target = tmp_path / "deps"
    missing = [Missing(FAKE, "not installed")]
    lines: list[str] = []
    task = InstallDependenciesTask(
        missing, PipOptions(target), ["/no/such/python", sys.executable], []
    )
    task.outputLine.connect(lines.append)
    assert wait_for(start(task), 120) == "completed", task.error + "\n".join(task.output)
    assert task.python == sys.executable
    assert (target / "capella_fake_dep" / "__init__.py").read_text() == "VERSION = '1.0'\n"
    assert any("Successfully installed capella-fake-dep-1.0" in line for line in lines)
    assert any(line.startswith("$ ") and "--target" in line for line in lines)


def test_install_task_reports_a_failing_pip(tmp_path: Path, local_index: Path) -> None:
    missing = [Missing(Requirement("capella-absent", "capella_absent", (1, 0)), "not installed")]
    task = InstallDependenciesTask(missing, PipOptions(tmp_path / "deps"), [sys.executable], [])
    assert wait_for(start(task), 120) == "terminated"
    assert "exit code" in task.error
    assert any("capella-absent" in line for line in task.output)


def test_install_task_without_qgis_python_says_so(tmp_path: Path) -> None:
    task = InstallDependenciesTask(
        [Missing(FAKE, "not installed")], PipOptions(tmp_path / "deps"), ["/no/such"], []
    )
    assert wait_for(start(task)) == "terminated"
    assert "was not found" in task.error and "/no/such" in task.error


def test_install_task_cancels_a_silent_pip_promptly(tmp_path: Path) -> None:
    # An interpreter that answers the version probe but hangs (silently) once pip runs.
    fake = tmp_path / "python-fake"
    fake.write_text(
        f'#!/bin/sh\nif [ "$1" = "-c" ]; then exec "{sys.executable}" "$@"; fi\nexec sleep 60\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    task = InstallDependenciesTask(
        [Missing(FAKE, "not installed")], PipOptions(tmp_path / "deps"), [str(fake)], []
    )
    outcome = start(task)
    end = time.monotonic() + 30
    while not any(line.startswith("$ ") for line in task.output) and time.monotonic() < end:
        QgsApplication.processEvents()
        time.sleep(0.02)
    assert any(line.startswith("$ ") for line in task.output), task.output
    task.cancel()
    assert wait_for(outcome, 5) == "terminated"  # pip is killed, not waited for
    assert task.error.startswith("Cancelled")


def test_pip_from_a_wheel_when_the_module_is_missing(tmp_path: Path) -> None:
    # A Python whose `import pip` fails but that can run pip from a bundled wheel.
    fake = tmp_path / "python-nopip"
    fake.write_text(
        f'#!/bin/sh\nif [ "$2" = "{dependencies.PIP_PROBE}" ]; then exit 1; fi\n'
        f'exec "{sys.executable}" "$@"\n'
    )
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    wheels = dependencies.pip_wheels()
    if not wheels:
        pytest.skip("no bundled pip wheel on this Python")
    task = InstallDependenciesTask([], PipOptions(tmp_path / "deps"), [str(fake)], wheels)
    assert task._find_pip(str(fake)) == [str(fake), str(Path(wheels[0]) / "pip")]
