"""API key storage in the QGIS auth DB: round-trip, never in QgsSettings, env precedence."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
from qgis.core import QgsApplication, QgsSettings

from capella_qgis.toolbelt import auth
from capella_qgis.toolbelt.settings import PluginSettings


@pytest.fixture
def created_ids() -> Iterator[list[str]]:
    ids: list[str] = []
    yield ids
    for authcfg in ids:
        auth.delete_secret(authcfg)


def _settings_text(settings: QgsSettings) -> str:
    settings.sync()
    lines = [f"{key}={settings.value(key)!r}" for key in settings.allKeys()]
    return "\n".join(lines) + Path(settings.fileName()).read_text(
        encoding="utf-8", errors="replace"
    )


def test_store_load_delete_round_trip(created_ids: list[str]) -> None:
    key = secrets.token_hex(32)
    authcfg = auth.store_secret(key, api_url="https://api.capellaspace.com")
    created_ids.append(authcfg)
    assert len(authcfg) == 7
    assert authcfg in QgsApplication.authManager().configIds()
    assert auth.load_secret(authcfg) == (auth.SCHEME_API_KEY, key)
    assert auth.delete_secret(authcfg)
    assert auth.load_secret(authcfg) is None
    assert not auth.delete_secret(authcfg)


def test_method_is_feature_detected() -> None:
    methods = QgsApplication.authManager().authMethodsKeys()
    expected = auth.HEADER_METHOD if "APIHeader" in methods else auth.VAULT_METHOD
    assert auth.preferred_method() == expected


def test_update_keeps_the_same_id(created_ids: list[str]) -> None:
    authcfg = auth.store_secret("first-key")
    created_ids.append(authcfg)
    again = auth.store_secret("second-key", authcfg=authcfg)
    assert again == authcfg
    assert auth.load_secret(authcfg) == (auth.SCHEME_API_KEY, "second-key")


def test_token_scheme_survives(created_ids: list[str]) -> None:
    scheme, secret = auth.split_secret("  Bearer abc.def.ghi ")
    assert (scheme, secret) == (auth.SCHEME_TOKEN, "abc.def.ghi")
    authcfg = auth.store_secret(secret, scheme=scheme)
    created_ids.append(authcfg)
    assert auth.load_secret(authcfg) == (auth.SCHEME_TOKEN, "abc.def.ghi")


def test_secret_never_reaches_qgssettings(
    isolated_settings: QgsSettings, created_ids: list[str]
) -> None:
    key = secrets.token_hex(32)
    authcfg = auth.store_secret(key)
    created_ids.append(authcfg)
    PluginSettings(authcfg=authcfg).save()
    text = _settings_text(QgsSettings())
    assert authcfg in text
    assert key not in text


def test_settings_page_stores_typed_key_in_auth_db(qtbot, created_ids: list[str]) -> None:
    from capella_qgis.gui.settings.dlg_settings import SettingsPage
    from capella_qgis.tasks.task_test_connection import ConnectionTester

    key = secrets.token_hex(32)
    page = SettingsPage(ConnectionTester())
    qtbot.addWidget(page)
    qtbot.keyClicks(page.leApiKey, key)
    page.apply()
    authcfg = PluginSettings.load().authcfg
    created_ids.append(authcfg)
    assert authcfg and page.authConfigSelect.configId() == authcfg
    assert "stored in the QGIS authentication database" in page.lblCredentialInfo.text()
    assert page.leApiKey.text() == ""
    assert auth.load_secret(authcfg) == (auth.SCHEME_API_KEY, key)
    assert key not in _settings_text(QgsSettings())


def test_credential_from_settings(created_ids: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    missing = auth.credential_from_settings(PluginSettings())
    assert missing.credential is None
    assert "No API key configured" in missing.reason

    gone = auth.credential_from_settings(PluginSettings(authcfg="zzzzzzz"))
    assert gone.credential is None and "zzzzzzz" in gone.reason

    authcfg = auth.store_secret("stored-key")
    created_ids.append(authcfg)
    found = auth.credential_from_settings(PluginSettings(authcfg=authcfg))
    assert found.credential is not None and found.source == authcfg

    monkeypatch.setenv("CAPELLA_API_KEY", "env-key")
    from_env = auth.credential_from_settings(PluginSettings(authcfg=authcfg))
    assert from_env.credential is not None and from_env.source == "CAPELLA_API_KEY"
    assert "env-key" not in _settings_text(QgsSettings())


def test_user_made_config_is_not_overwritten(created_ids: list[str]) -> None:
    from qgis.core import QgsAuthMethodConfig

    own = QgsAuthMethodConfig("Basic")
    own.setName("Someone else's proxy login")
    own.setConfig("username", "jane")
    own.setConfig("password", "hunter2")
    QgsApplication.authManager().storeAuthenticationConfig(own)
    created_ids.append(own.id())
    assert not auth.is_plugin_config(own.id())

    new_id = auth.store_secret("capella-key", authcfg=own.id())
    created_ids.append(new_id)
    assert new_id != own.id()
    assert auth.load_secret(own.id()) == (auth.SCHEME_API_KEY, "hunter2")
    assert auth.load_secret(new_id) == (auth.SCHEME_API_KEY, "capella-key")


def test_api_header_layout(created_ids: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    # QGIS >= 3.24 path; the config is only written and read back here, never applied.
    monkeypatch.setattr(auth, "preferred_method", lambda: auth.HEADER_METHOD)
    authcfg = auth.store_secret("header-key")
    created_ids.append(authcfg)
    config = QgsApplication.authManager().availableAuthMethodConfigs()[authcfg]
    assert config.method() == "APIHeader"
    assert auth.load_secret(authcfg) == (auth.SCHEME_API_KEY, "header-key")
