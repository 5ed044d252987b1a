"""Small shims so the same code runs on QGIS 3.22 (Qt5), newer 3.x and QGIS 4 (Qt6)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Union, cast

from qgis.core import Qgis

if TYPE_CHECKING:  # the shipped stubs are Qt5's: QAction lives in QtWidgets
    from qgis.PyQt.QtWidgets import QAction
else:
    try:  # Qt6 moved QAction to QtGui
        from qgis.PyQt.QtGui import QAction
    except ImportError:  # Qt5
        from qgis.PyQt.QtWidgets import QAction

if TYPE_CHECKING:

    class QgsProcessingException(Exception):  # noqa: N818 (the QGIS name)
        """Typed stand-in: the sip-raised exception is missing from the 3.22 stubs."""

else:
    from qgis.core import QgsProcessingException

__all__ = [
    "DEFAULT_CONTEXT",
    "QT_TRANSLATE_NOOP",
    "QT_TR_NOOP",
    "QAction",
    "QgsProcessingException",
    "as_slot",
    "exec_dialog",
    "field_type",
    "load_ui",
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


def field_type(kind: str) -> Any:
    """The type ``QgsField`` takes for ``kind`` ("str", "int", "float" or "datetime"):
    ``QMetaType.Type`` on QGIS ≥ 3.38 (it deprecates the ``QVariant.Type`` form), else
    ``QVariant.Type``."""
    if Qgis.versionInt() >= 33800:
        from qgis.PyQt.QtCore import QMetaType

        names = {"str": "QString", "int": "Int", "float": "Double", "datetime": "QDateTime"}
        return getattr(QMetaType.Type, names[kind])
    from qgis.PyQt.QtCore import QVariant

    names = {"str": "String", "int": "Int", "float": "Double", "datetime": "DateTime"}
    return getattr(QVariant, names[kind])


def qgis_version_int() -> int:
    """Return the QGIS version as an int, e.g. 32216."""
    return Qgis.versionInt()


def load_ui(ui_file: Union[str, Path]) -> type:
    """The form class ``uic`` generates from a Designer ``.ui`` file (base of a dialog/dock).

    The class is built at runtime, so type checkers see only ``type``: a widget class deriving
    from it needs ``# type: ignore[misc, valid-type]`` on its ``class`` line, and its
    Designer widgets are ``Any``.
    """
    from qgis.PyQt import uic

    form_class, _base = uic.loadUiType(str(ui_file))  # type: ignore[no-untyped-call]  # no PyQt5.uic annotations
    if not isinstance(form_class, type):
        raise TypeError(f"{ui_file}: uic did not return a form class")
    return form_class


def as_slot(method: Callable[..., object]) -> Callable[..., None]:
    """``method`` itself, typed for ``signal.connect`` and ``QTimer.singleShot``.

    PyQt ignores what a slot returns, but the shipped stubs only accept callables returning
    None. Nothing is wrapped: Qt still sees the bound method and drops the connection with
    its receiver.
    """
    return cast("Callable[..., None]", method)


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
