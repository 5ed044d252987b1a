"""Keep the Capella API key (or token) in the QGIS authentication database, never in settings."""

from __future__ import annotations

from typing import NamedTuple, Optional

from qgis.core import QgsApplication, QgsAuthManager, QgsAuthMethodConfig
from qgis.PyQt.QtCore import QUrl
from qgis.PyQt.QtNetwork import QNetworkRequest

from capella_qgis.core.api.credential import Credential
from capella_qgis.core.exceptions import CapellaError
from capella_qgis.toolbelt.compat import tr
from capella_qgis.toolbelt.settings import PluginSettings, env_api_key

AUTH_CONFIG_NAME = "Capella Console"
HEADER_METHOD = "APIHeader"  # QGIS >= 3.24: sends arbitrary headers, reusable by QGIS providers
VAULT_METHOD = "Basic"  # QGIS 3.22: only used as an encrypted vault, the header is built in Python
# Authorization header schemes, not secrets.
SCHEME_API_KEY = "ApiKey"  # pragma: allowlist secret
SCHEME_TOKEN = "Bearer"  # nosec B105  # pragma: allowlist secret


class CredentialError(CapellaError):
    """No usable credential, or the authentication database refused to store/load it."""

    default_code = "CREDENTIAL_ERROR"


class CredentialLookup(NamedTuple):
    """Result of :func:`credential_from_settings`; ``reason`` explains a missing credential."""

    credential: Optional[Credential]
    reason: str = ""
    source: str = ""


def auth_manager() -> QgsAuthManager:
    """Return the QGIS authentication manager."""
    return QgsApplication.authManager()


def preferred_method() -> str:
    """Return the auth method used for new configs (feature-detected, not version-checked)."""
    methods = auth_manager().authMethodsKeys()
    return HEADER_METHOD if HEADER_METHOD in methods else VAULT_METHOD


def ensure_master_password() -> bool:
    """Make sure the master password is set, prompting the user if QGIS needs it.

    Returns False when the user cancels or the auth system is unavailable.
    """
    manager = auth_manager()
    if manager.isDisabled():
        return False
    if manager.masterPasswordIsSet():
        return True
    # verify=True asks QGIS to prompt: "create" when no hash is stored yet, "unlock" otherwise.
    return bool(manager.setMasterPassword(True))


def needs_new_master_password() -> bool:
    """True when storing a secret will ask the user to create a master password first."""
    manager = auth_manager()
    return not manager.masterPasswordIsSet() and not manager.masterPasswordHashInDatabase()


def split_secret(text: str) -> tuple[str, str]:
    """Split user input into ``(scheme, secret)``, honouring a pasted Bearer/ApiKey prefix."""
    value = text.strip()
    head, _, rest = value.partition(" ")
    if rest and head.lower() == SCHEME_TOKEN.lower():
        return SCHEME_TOKEN, rest.strip()
    if rest and head.lower() == SCHEME_API_KEY.lower():
        return SCHEME_API_KEY, rest.strip()
    return SCHEME_API_KEY, value


def store_secret(
    secret: str,
    *,
    scheme: str = SCHEME_API_KEY,
    authcfg: str = "",
    api_url: str = "",
) -> str:
    """Store (or update) the secret and return the authcfg id to keep in settings."""
    # Refuse what the client would refuse anyway (empty, spaces, line breaks) before storing.
    make_credential(scheme, secret)
    if not ensure_master_password():
        raise CredentialError(
            tr(
                "The QGIS authentication database is locked: the API key was not stored. "
                "Unlock it with the master password and try again."
            )
        )
    manager = auth_manager()
    method = preferred_method()
    config = QgsAuthMethodConfig(method)
    config.setName(AUTH_CONFIG_NAME)
    config.setUri(api_url)
    if method == HEADER_METHOD:
        config.setConfigMap({"Authorization": f"{scheme} {secret.strip()}"})
    else:
        config.setConfig("username", scheme)
        config.setConfig("password", secret.strip())

    if is_plugin_config(authcfg):
        # Only our own config is rewritten; one the user made and selected is left alone.
        config.setId(authcfg)
        ok = bool(manager.updateAuthenticationConfig(config))
    else:
        result = manager.storeAuthenticationConfig(config)
        ok, stored = result if isinstance(result, tuple) else (bool(result), config)
        # Older bindings fill the id in place, newer ones also hand back the config.
        config = stored if isinstance(stored, QgsAuthMethodConfig) else config
    if not ok or not config.id():
        raise CredentialError(tr("The QGIS authentication database refused to store the API key."))
    return config.id()


def is_plugin_config(authcfg: str) -> bool:
    """True if ``authcfg`` exists and was created by this plugin."""
    if not authcfg:
        return False
    existing = auth_manager().availableAuthMethodConfigs().get(authcfg)
    return existing is not None and existing.name() == AUTH_CONFIG_NAME


def load_secret(authcfg: str) -> Optional[tuple[str, str]]:
    """Return ``(scheme, secret)`` stored under ``authcfg``, or None if missing/unreadable."""
    if not authcfg or not ensure_master_password():
        return None
    manager = auth_manager()
    config = QgsAuthMethodConfig()
    result = manager.loadAuthenticationConfig(authcfg, config, True)
    if isinstance(result, tuple):
        ok, loaded = result
        config = loaded if isinstance(loaded, QgsAuthMethodConfig) else config
    else:
        ok = bool(result)
    if not ok or not config.isValid(True):
        return None
    if config.method() == HEADER_METHOD:
        scheme, secret = split_secret(config.configMap().get("Authorization", ""))
    elif config.method() == VAULT_METHOD:
        scheme = config.config("username")
        scheme = scheme if scheme in (SCHEME_API_KEY, SCHEME_TOKEN) else SCHEME_API_KEY
        secret = config.config("password")
    else:
        # Any other method the user picked (e.g. OAuth2): let QGIS produce the header.
        scheme, secret = split_secret(_authorization_header(authcfg))
    return (scheme, secret) if secret else None


def _authorization_header(authcfg: str) -> str:
    request = QNetworkRequest(QUrl("https://localhost/"))
    result = auth_manager().updateNetworkRequest(request, authcfg)
    if isinstance(result, tuple):
        request = result[1] if isinstance(result[1], QNetworkRequest) else request
    return bytes(request.rawHeader(b"Authorization")).decode("utf-8", "replace")


def delete_secret(authcfg: str) -> bool:
    """Remove the auth config; True if it existed and was removed."""
    if not authcfg:
        return False
    manager = auth_manager()
    if authcfg not in manager.configIds():
        return False
    return bool(manager.removeAuthenticationConfig(authcfg))


def make_credential(scheme: str, secret: str) -> Credential:
    """Build the core credential for a stored ``(scheme, secret)`` pair."""
    if scheme == SCHEME_TOKEN:
        return Credential.token(secret)
    return Credential.api_key(secret)


def credential_from_settings(settings: Optional[PluginSettings] = None) -> CredentialLookup:
    """Find the credential to use: ``CAPELLA_API_KEY`` first, then the stored authcfg."""
    key = env_api_key()
    if key:
        return CredentialLookup(Credential.parse(key), source="CAPELLA_API_KEY")
    settings = settings or PluginSettings.load()
    if not settings.authcfg:
        return CredentialLookup(
            None,
            tr(
                "No API key configured. Enter your Capella API key in Settings › Options › Capella."
            ),
        )
    if auth_manager().isDisabled():
        return CredentialLookup(
            None, tr("The QGIS authentication system is disabled, so the API key cannot be read.")
        )
    if settings.authcfg not in auth_manager().configIds():
        return CredentialLookup(
            None,
            tr(
                "The saved authentication configuration {authcfg} no longer exists. "
                "Enter your API key again in Settings › Options › Capella."
            ).format(authcfg=settings.authcfg),
        )
    stored = load_secret(settings.authcfg)
    if stored is None:
        return CredentialLookup(
            None,
            tr(
                "Could not read the API key from the QGIS authentication database "
                "(locked or empty configuration {authcfg})."
            ).format(authcfg=settings.authcfg),
        )
    return CredentialLookup(make_credential(*stored), source=settings.authcfg)
