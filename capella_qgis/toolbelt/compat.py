"""Small shims so the same code runs on QGIS 3.22 (Qt5), newer 3.x and QGIS 4 (Qt6)."""

from __future__ import annotations

from typing import Any

from qgis.core import Qgis

try:  # Qt6 moved QAction to QtGui
    from qgis.PyQt.QtGui import QAction
except ImportError:  # Qt5
    from qgis.PyQt.QtWidgets import QAction

__all__ = [
    "DEFAULT_CONTEXT",
    "QT_TRANSLATE_NOOP",
    "QT_TR_NOOP",
    "QAction",
    "exec_dialog",
    "message_level",
    "qgis_version_int",
    "scoped_enum",
    "tr",
    "unpack_ok",
]


def scoped_enum(owner: Any, enum_name: str, member: str) -> Any:
    """Return ``owner.enum_name.member``, falling back to ``owner.member``.

    Qt6 and newer QGIS only expose fully scoped enums; some 3.22 enums only the flat form.
    """
    scope = getattr(owner, enum_name, None)
    if scope is not None and hasattr(scope, member):
        return getattr(scope, member)
    return getattr(owner, member)


def message_level(name: str) -> Any:
    """Return ``Qgis.MessageLevel.<name>`` (Info, Warning, Critical, Success)."""
    return scoped_enum(Qgis, "MessageLevel", name)


def exec_dialog(dialog: Any) -> int:
    """Run a modal dialog; ``exec_`` is gone in Qt6 and ``exec`` is missing on old PyQt5."""
    runner = getattr(dialog, "exec", None) or dialog.exec_
    return int(runner())


def qgis_version_int() -> int:
    """Return the QGIS version as an int, e.g. 32216."""
    return int(Qgis.QGIS_VERSION_INT)


def unpack_ok(result: Any) -> bool:
    """Normalise PyQGIS calls that return either ``bool`` or ``(bool, value)``."""
    if isinstance(result, tuple):
        return bool(result[0]) if result else False
    return bool(result)


# pylupdate5 files every bare ``tr("...")`` call under this context, so it is the runtime one too.
DEFAULT_CONTEXT = "@default"


def tr(text: str, context: str = DEFAULT_CONTEXT) -> str:
    """Translate a user-visible string outside a QObject (toolbelt and task messages)."""
    from qgis.PyQt.QtCore import QCoreApplication

    return QCoreApplication.translate(context, text)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark a constant for pylupdate5 (``context`` is where it is translated later); no-op."""
    return text


def QT_TR_NOOP(text: str) -> str:
    """Mark a constant for pylupdate5 in the "@default" context (module or class body); no-op."""
    return text
