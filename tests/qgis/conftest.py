"""Fixtures for QGIS tests: unlocked auth DB and isolated settings.

The ``emulator`` fixture comes from ``tests.console_emulator.pytest_fixtures`` (tests/conftest.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from qgis.core import QgsApplication, QgsNetworkAccessManager, QgsSettings

# The auth DB lives in pytest-qgis' settings sandbox (<rootdir>/.qgis-settings): QGIS opens it in
# initQgis(), which pytest-qgis runs before any conftest is imported, so QGIS_AUTH_DB_DIR_PATH
# set here would come too late. Unlocking it with a fixed master password is what matters.
TEST_MASTER_PASSWORD = "capella-qgis-tests"
CAPELLA_ENV = ("CAPELLA_API_URL", "CAPELLA_API_KEY")
SANDBOXED_GROUPS = ("capella_qgis", "proxy")


@pytest.fixture(scope="session", autouse=True)
def unlocked_auth_db(qgis_app: QgsApplication) -> Any:
    """Set the master password once so storing/loading secrets never prompts."""
    manager = QgsApplication.authManager()
    if manager.isDisabled():
        pytest.skip("QGIS authentication system is disabled (QCA missing?)")
    if not manager.masterPasswordIsSet() and not manager.setMasterPassword(
        TEST_MASTER_PASSWORD, True
    ):
        pytest.exit(
            f"The test auth DB {manager.authenticationDatabasePath()} has another master "
            "password; delete the .qgis-settings folder and run again.",
            returncode=3,
        )
    return manager


def _snapshot(settings: QgsSettings) -> dict[str, Any]:
    return {
        key: settings.value(key)
        for key in settings.allKeys()
        if key.split("/", 1)[0] in SANDBOXED_GROUPS
    }


@pytest.fixture(autouse=True)
def isolated_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[QgsSettings]:
    """Start each test without Capella env vars or settings; restore proxy/plugin keys after."""
    for name in CAPELLA_ENV:
        monkeypatch.delenv(name, raising=False)
    settings = QgsSettings()
    before = _snapshot(settings)
    settings.remove("capella_qgis")
    yield settings
    proxy_changed = _proxy_keys(_snapshot(settings)) != _proxy_keys(before)
    for group in SANDBOXED_GROUPS:
        settings.remove(group)
    for key, value in before.items():
        settings.setValue(key, value)
    settings.sync()
    if proxy_changed:
        # The proxy factory caches the settings; a leaked test proxy would break later tests.
        QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()


def _proxy_keys(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key.startswith("proxy/")}
