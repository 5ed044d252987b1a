"""Guarded start: missing or old dependencies give one message-bar explanation, no traceback."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any

import pytest
from qgis.gui import QgsMessageBar

import capella_qgis
from capella_qgis.toolbelt import dependencies
from capella_qgis.toolbelt.dependencies import Missing, MissingDependenciesPlugin


@pytest.fixture
def bar_iface(qgis_iface: Any, qgis_parent: Any) -> Any:
    """The stub iface with a real message bar we can inspect."""
    bar = QgsMessageBar(qgis_parent)
    original = qgis_iface.messageBar
    qgis_iface.messageBar = lambda: bar
    yield qgis_iface
    qgis_iface.messageBar = original


def test_all_present_in_the_test_environment() -> None:
    assert dependencies.missing_dependencies() == []


def test_pydantic_v1_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pydantic", types.SimpleNamespace(VERSION="1.10.4"))
    missing = dependencies.check_pydantic()
    assert missing is not None and missing.found == "found 1.10.4"
    assert missing.requirement == "pydantic>=2.5,<3"


def test_missing_pydantic_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pydantic", None)  # import raises ModuleNotFoundError
    missing = dependencies.check_pydantic()
    assert missing is not None and missing.found == "not installed"


def test_broken_httpx_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(dependencies, "_vendored", lambda: False)
    monkeypatch.setitem(sys.modules, "httpx", None)
    missing = dependencies.check_httpx()
    assert missing is not None and missing.requirement.startswith("httpx>=")


def test_hint_names_qpip_pip_and_constraint(tmp_path: Path) -> None:
    path = dependencies.write_constraints(tmp_path)
    assert path is not None
    pins = path.read_text().split()
    assert any(pin.startswith("numpy==") for pin in pins)
    hint = dependencies.install_hint([Missing("pydantic>=2.5,<3", "found 1.10.4")], path)
    assert "qpip" in hint
    assert "-m pip install" in hint and "'pydantic>=2.5,<3'" not in hint
    assert '"pydantic>=2.5,<3"' in hint
    assert f'--constraint "{path}"' in hint
    assert "numpy==" in hint


def test_class_factory_falls_back_and_shows_one_message(
    bar_iface: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = [Missing("pydantic>=2.5,<3", "found 1.10.4")]
    monkeypatch.setattr(dependencies, "missing_dependencies", lambda: missing)
    plugin = capella_qgis.classFactory(bar_iface)
    assert isinstance(plugin, MissingDependenciesPlugin)
    bar = bar_iface.messageBar()
    before = len(bar.items())
    plugin.initGui()
    plugin.initProcessing()
    items = bar.items()
    assert len(items) == before + 1
    assert "pydantic>=2.5,<3" in items[-1].text() and "qpip" in items[-1].text()
    plugin.unload()
    assert len(bar.items()) == before


def test_fallback_unload_after_user_closed_message(bar_iface: Any) -> None:
    plugin = MissingDependenciesPlugin(bar_iface, [Missing("httpx>=0.26", "not installed")])
    plugin.initGui()
    bar_iface.messageBar().clearWidgets()
    plugin.unload()  # must not raise


def test_fallback_without_iface() -> None:
    plugin = MissingDependenciesPlugin(None, [Missing("httpx>=0.26", "not installed")])
    plugin.initGui()
    plugin.unload()
    assert "httpx>=0.26" in plugin.message
