"""Translations: the German .ts is complete, the .qm loads, and the UI turns German under de."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import QCoreApplication

from capella_qgis.toolbelt import i18n
from scripts import translations


@pytest.fixture(scope="module")
def qm_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("i18n")
    translations.compile_qm(folder)
    return folder


@pytest.fixture
def german(qm_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """QGIS set to German (Settings › Options › General › override) with the compiled .qm."""
    monkeypatch.setattr(i18n, "i18n_dir", lambda: qm_dir)
    settings = QgsSettings()
    saved = {k: settings.value(k) for k in ("locale/overrideFlag", "locale/userLocale")}
    settings.setValue("locale/overrideFlag", True)
    settings.setValue("locale/userLocale", "de_DE")
    yield
    i18n.remove_translator()
    for key, value in saved.items():
        if value is None:
            settings.remove(key)
        else:
            settings.setValue(key, value)


def test_german_ts_is_complete_and_matches_the_template() -> None:
    assert translations.problems("de") == []
    template = translations.read_messages(translations.TEMPLATE)
    assert len(template) > 400
    assert all(not m.translation for m in template)


def test_template_holds_every_message_the_sources_use() -> None:
    # pylupdate5 misreads some constructs; every literal tr() must reach the template as-is.
    assert translations.template_problems() == []


def test_compiled_qm_loads_and_translates(qm_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "i18n_dir", lambda: qm_dir)
    assert (qm_dir / "capella_qgis_de.qm").stat().st_size > 1000
    assert i18n.install_translator("de")
    try:
        assert (
            QCoreApplication.translate("CapellaDockMain", "Test connection") == "Verbindung testen"
        )
        assert QCoreApplication.translate("SearchDock", "No grouping") == "Keine Gruppierung"
    finally:
        i18n.remove_translator()


def test_locale_picks_the_german_translation(german: Any) -> None:
    assert i18n.user_locale() == "de_DE"
    assert i18n.qm_file() is not None and i18n.qm_file().name == "capella_qgis_de.qm"
    assert i18n.install_translator()
    assert QCoreApplication.translate("@default", "Catalog search") == "Katalogsuche"
    i18n.remove_translator()
    assert QCoreApplication.translate("@default", "Catalog search") == "Catalog search"


def test_no_translation_for_english(qm_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "i18n_dir", lambda: qm_dir)
    assert i18n.install_translator("en_US") is False
    assert QCoreApplication.translate("CapellaDockMain", "Test connection") == "Test connection"


def test_plugin_dock_menu_and_processing_are_german(german: Any, qgis_iface: Any) -> None:
    from capella_qgis import classFactory
    from capella_qgis.processing.alg_search_catalog import SearchCatalogAlgorithm

    assert i18n.install_translator()
    plugin = classFactory(qgis_iface)
    plugin.initGui()
    try:
        texts = {a.objectName(): a.text() for a in plugin.actions}
        assert texts["mActionCapellaTestConnection"] == "Verbindung testen"
        assert texts["mActionCapellaSettings"] == "Einstellungen…"
        dock = plugin.dock
        assert dock.btnTestConnection.text() == "Verbindung testen"
        assert dock.grpWorkflows.title() == "Arbeitsabläufe"
        assert dock.grpConnection.title() == "Verbindung"
        alg = SearchCatalogAlgorithm()
        assert alg.displayName() == "Katalog durchsuchen"
        assert alg.group() == "Katalog und Bestellungen"
        assert "Interessengebiet" in alg.shortHelpString()
    finally:
        plugin.unload()
        # the stub iface is shared: later tests inspect its call lists, drop ours
        for name in ("addPluginToWebMenu", "removePluginWebMenu"):
            getattr(qgis_iface, name).reset_mock()
