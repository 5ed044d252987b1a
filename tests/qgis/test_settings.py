"""Typed settings: defaults, round-trip through QgsSettings, environment overrides."""

from __future__ import annotations

import pytest
from qgis.core import QgsSettings

from capella_qgis.toolbelt.settings import DEFAULT_API_URL, PluginSettings


def test_defaults_when_nothing_stored() -> None:
    settings = PluginSettings.load()
    assert settings == PluginSettings()
    assert settings.api_url == DEFAULT_API_URL
    assert settings.max_parallel_downloads == 4
    assert settings.auto_load is True
    assert settings.effective_api_url == DEFAULT_API_URL


def test_round_trip(tmp_path) -> None:
    original = PluginSettings(
        api_url="http://127.0.0.1:9999/",
        authcfg="abc1234",
        download_folder=str(tmp_path),
        max_parallel_downloads=7,
        auto_load=False,
        search_page_size=250,
        request_timeout=12.5,
        debug_logging=True,
    )
    original.save()
    loaded = PluginSettings.load()
    assert loaded == original
    assert loaded.effective_api_url == "http://127.0.0.1:9999"
    assert QgsSettings().value("capella_qgis/authcfg") == "abc1234"


def test_ini_strings_are_coerced(isolated_settings: QgsSettings) -> None:
    isolated_settings.setValue("capella_qgis/auto_load", "false")
    isolated_settings.setValue("capella_qgis/max_parallel_downloads", "99")
    isolated_settings.setValue("capella_qgis/search_page_size", "not a number")
    loaded = PluginSettings.load()
    assert loaded.auto_load is False
    assert loaded.max_parallel_downloads == 32  # clamped to the spin box range
    assert loaded.search_page_size == PluginSettings().search_page_size


def test_env_api_url_overrides_but_is_not_saved(monkeypatch: pytest.MonkeyPatch) -> None:
    PluginSettings(api_url="https://stored.example").save()
    monkeypatch.setenv("CAPELLA_API_URL", "http://env.example:8080/")
    settings = PluginSettings.load()
    assert settings.api_url == "https://stored.example"
    assert settings.effective_api_url == "http://env.example:8080"
    settings.save()
    assert QgsSettings().value("capella_qgis/api_url") == "https://stored.example"
