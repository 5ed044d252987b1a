"""Plugin lifecycle: load, unload and reload leave no trace; qgis_process (iface=None) works."""

from __future__ import annotations

import logging
from typing import Any

import pytest
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QCoreApplication, QEvent
from qgis.PyQt.QtWidgets import QDockWidget, QToolBar

from capella_qgis import classFactory
from capella_qgis.gui.main.dock_main import OBJECT_NAME as DOCK_OBJECT_NAME
from capella_qgis.gui.settings.dlg_settings import (
    PAGE_OBJECT_NAME,
    SettingsPage,
    SettingsPageFactory,
)
from capella_qgis.plugin import TOOLBAR_OBJECT_NAME, CapellaPlugin
from capella_qgis.toolbelt.compat import QAction
from capella_qgis.toolbelt.log import LOGGER_NAME, QgisLogHandler


def _flush_deletes() -> None:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()


def _capella_children(main_window: Any) -> list[Any]:
    actions = [
        a for a in main_window.findChildren(QAction) if a.objectName().startswith("mActionCapella")
    ]
    toolbars = [
        t for t in main_window.findChildren(QToolBar) if t.objectName() == TOOLBAR_OBJECT_NAME
    ]
    docks = [d for d in main_window.findChildren(QDockWidget) if d.objectName() == DOCK_OBJECT_NAME]
    return actions + toolbars + docks


def _our_log_handlers() -> list[logging.Handler]:
    return [h for h in logging.getLogger(LOGGER_NAME).handlers if isinstance(h, QgisLogHandler)]


@pytest.fixture
def iface(qgis_iface: Any) -> Any:
    # The stub answers unknown calls with shared MagicMocks; reset them for per-test assertions.
    for name in (
        "addPluginToWebMenu",
        "removePluginWebMenu",
        "registerOptionsWidgetFactory",
        "unregisterOptionsWidgetFactory",
        "showOptionsDialog",
    ):
        getattr(qgis_iface, name).reset_mock()
    return qgis_iface


def test_class_factory_returns_plugin(iface: Any) -> None:
    plugin = classFactory(iface)
    assert isinstance(plugin, CapellaPlugin)


def test_init_gui_creates_menu_toolbar_dock_and_options_page(iface: Any) -> None:
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        assert len(plugin.actions) == 3
        # 3 plugin actions plus those of the search, orders and tasking controllers.
        assert iface.addPluginToWebMenu.call_count > 3
        assert len(plugin.controllers) >= 2
        assert {call.args[0] for call in iface.addPluginToWebMenu.call_args_list} == {"&Capella"}
        assert plugin.toolbar is not None
        assert plugin.toolbar.objectName() == TOOLBAR_OBJECT_NAME
        assert plugin.dock is not None
        assert plugin.dock.windowTitle() == "Capella Console"
        buttons = [
            plugin.dock.layoutWorkflows.itemAt(i).widget().text()
            for i in range(plugin.dock.layoutWorkflows.count())
        ]
        assert buttons == ["Catalog search", "Orders and downloads", "Tasking requests"]
        factory = iface.registerOptionsWidgetFactory.call_args.args[0]
        assert isinstance(factory, SettingsPageFactory)
        assert len(_our_log_handlers()) == 1
    finally:
        plugin.unload()


def test_unload_removes_every_trace(iface: Any) -> None:
    plugin = classFactory(iface)
    plugin.initGui()
    dock, toolbar, actions = plugin.dock, plugin.toolbar, list(plugin.actions)
    factory = plugin.options_factory

    plugin.unload()
    _flush_deletes()

    added = [c.args[1] for c in iface.addPluginToWebMenu.call_args_list]
    removed = [c.args[1] for c in iface.removePluginWebMenu.call_args_list]
    assert sorted(map(id, removed)) == sorted(map(id, added))
    assert set(map(id, actions)) <= set(map(id, removed))
    assert plugin.controllers == {}
    iface.unregisterOptionsWidgetFactory.assert_called_once_with(factory)
    assert sip.isdeleted(dock)
    assert sip.isdeleted(toolbar)
    assert all(sip.isdeleted(action) for action in actions)
    assert _capella_children(iface.mainWindow()) == []
    assert _our_log_handlers() == []
    assert plugin.dock is None and plugin.toolbar is None and plugin.actions == []


def test_load_unload_load(iface: Any) -> None:
    first = classFactory(iface)
    first.initGui()
    loaded_children = len(_capella_children(iface.mainWindow()))
    first.unload()
    _flush_deletes()

    second = classFactory(iface)
    second.initGui()
    try:
        assert len(_our_log_handlers()) == 1
        assert len(second.actions) == 3
        assert len(_capella_children(iface.mainWindow())) == loaded_children
    finally:
        second.unload()
        _flush_deletes()
    assert _capella_children(iface.mainWindow()) == []
    assert _our_log_handlers() == []


def test_unload_twice_is_harmless(iface: Any) -> None:
    plugin = classFactory(iface)
    plugin.initGui()
    plugin.unload()
    plugin.unload()
    _flush_deletes()
    assert _our_log_handlers() == []


def test_without_iface_like_qgis_process() -> None:
    plugin = classFactory(None)
    plugin.initProcessing()
    plugin.initGui()
    assert plugin.actions == [] and plugin.dock is None
    plugin.unload()
    assert _our_log_handlers() == []


def test_dock_action_toggles_dock(iface: Any, qtbot: Any) -> None:
    # QgsDockWidget tracks "user visible" through show events, so the window must be shown.
    iface.mainWindow().show()
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        assert plugin.dock is not None and plugin.action_dock is not None
        assert not plugin.dock.isVisible() and not plugin.action_dock.isChecked()
        plugin.action_dock.trigger()
        qtbot.waitUntil(plugin.dock.isVisible)
        assert plugin.action_dock.isChecked()
        plugin.action_dock.trigger()
        qtbot.waitUntil(lambda: not plugin.dock.isVisible())
    finally:
        plugin.unload()
        _flush_deletes()
        iface.mainWindow().hide()


def test_settings_action_opens_capella_options_page(iface: Any) -> None:
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        settings_action = next(
            a for a in plugin.actions if a.objectName() == "mActionCapellaSettings"
        )
        settings_action.trigger()
        assert iface.showOptionsDialog.call_args.kwargs["currentPage"] == PAGE_OBJECT_NAME
        page = plugin.options_factory.createWidget(None)
        assert isinstance(page, SettingsPage)
        assert page.objectName() == PAGE_OBJECT_NAME
        page.deleteLater()
    finally:
        plugin.unload()
        _flush_deletes()


def test_icon_resolves() -> None:
    from capella_qgis.toolbelt.paths import plugin_icon, resource_path

    assert resource_path("icon.svg").is_file()
    assert not plugin_icon().isNull()


def test_a_workflow_dock_shown_the_first_time_warms_its_modules(
    iface: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from capella_qgis.plugin import WORKFLOWS
    from capella_qgis.toolbelt import warmup

    asked: list[tuple[str, ...]] = []
    monkeypatch.setattr(warmup, "warm_up", lambda modules: asked.append(tuple(modules)))
    iface.mainWindow().show()
    plugin = classFactory(iface)
    plugin.initGui()
    try:
        search = plugin.controllers["search"].dock
        assert asked == []  # nothing at start-up: QGIS starts without our heavy imports
        search.show()
        qtbot.waitUntil(search.isVisible)
        wanted = next(w.warm for w in WORKFLOWS if w.name == "search")
        assert asked == [wanted] and "capella_qgis.tasks.task_search" in wanted
        search.hide()
        search.show()
        qtbot.waitUntil(search.isVisible)
        assert asked == [wanted]  # once
    finally:
        plugin.unload()
        _flush_deletes()
        iface.mainWindow().hide()
