"""Install the plugin's QTranslator for the QGIS user locale (``i18n/capella_qgis_<lang>.qm``)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, QLocale, QTranslator

PACKAGE_DIR = Path(__file__).resolve().parent.parent
_state: dict[str, Optional[QTranslator]] = {"translator": None}


def i18n_dir() -> Path:
    """The folder with the compiled ``.qm`` files (inside the plugin, else the repository's)."""
    inside = PACKAGE_DIR / "i18n"
    return inside if inside.is_dir() else PACKAGE_DIR.parent / "i18n"


def user_locale() -> str:
    """The QGIS UI locale (e.g. "de_DE"): the override in Settings › Options, else the system."""
    settings = QgsSettings()
    if settings.value("locale/overrideFlag", False, type=bool):
        value = settings.value("locale/userLocale", "", type=str)
        if value:
            return str(value)
    return QgsApplication.locale() or QLocale.system().name()


def qm_file(locale: Optional[str] = None) -> Optional[Path]:
    """The ``.qm`` for ``locale`` ("de_DE" → capella_qgis_de_DE.qm, else capella_qgis_de.qm)."""
    name = locale or user_locale()
    for candidate in (name, name.split("_")[0]):
        path = i18n_dir() / f"capella_qgis_{candidate}.qm"
        if candidate and path.is_file():
            return path
    return None


def install_translator(locale: Optional[str] = None) -> bool:
    """Load and install the translation for ``locale`` (default: QGIS'); False when none."""
    remove_translator()
    path = qm_file(locale)
    if path is None:
        return False
    translator = QTranslator()
    if not translator.load(str(path)):
        return False
    QCoreApplication.installTranslator(translator)
    _state["translator"] = translator
    return True


def remove_translator() -> None:
    """Uninstall the translator installed by :func:`install_translator` (safe to repeat)."""
    translator, _state["translator"] = _state["translator"], None
    if translator is not None:
        QCoreApplication.removeTranslator(translator)
