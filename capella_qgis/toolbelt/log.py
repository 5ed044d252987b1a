"""The "Capella" log tab (``capella_qgis`` logger) and the plugin's message-bar items."""

from __future__ import annotations

import contextlib
import html
import logging
from collections.abc import Sequence
from typing import Any, Callable, Optional

from qgis.core import QgsMessageLog
from qgis.gui import QgsMessageBarItem
from qgis.PyQt import sip
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QPushButton

from capella_qgis.core.redact import redact_text
from capella_qgis.toolbelt.compat import message_level

LOG_TAG = "Capella"
LOGGER_NAME = "capella_qgis"


def _qgis_level(levelno: int) -> Any:
    if levelno >= logging.ERROR:
        return message_level("Critical")
    if levelno >= logging.WARNING:
        return message_level("Warning")
    return message_level("Info")


class QgisLogHandler(logging.Handler):
    """Send log records to ``QgsMessageLog`` (thread-safe: QGIS queues them to the main thread)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            # Last line of defence: no presigned query string or credential reaches the log
            # panel, whatever a caller formatted into the message or its traceback.
            text = redact_text(self.format(record))
            QgsMessageLog.logMessage(text, LOG_TAG, _qgis_level(record.levelno))
        except Exception:
            self.handleError(record)


def install_log_handler(level: int = logging.INFO) -> QgisLogHandler:
    """Attach the handler to the ``capella_qgis`` logger once and return it."""
    logger = logging.getLogger(LOGGER_NAME)
    logger.setLevel(level)
    for handler in logger.handlers:
        if isinstance(handler, QgisLogHandler):
            return handler
    handler = QgisLogHandler()
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    logger.addHandler(handler)
    return handler


def uninstall_log_handler() -> None:
    """Remove every handler installed by :func:`install_log_handler` (safe to call twice)."""
    logger = logging.getLogger(LOGGER_NAME)
    for handler in list(logger.handlers):
        if isinstance(handler, QgisLogHandler):
            logger.removeHandler(handler)
            handler.close()


ButtonSpec = tuple[str, Callable[[], Any]]  # (label, action run when clicked)


def bar_text(text: Any) -> str:
    """``text`` escaped for the message bar, which renders HTML: ``<3`` or ``<path>`` would
    otherwise vanish and ``&`` start an entity."""
    return html.escape(str(text), quote=False)


def _iface_or_global(iface: Any) -> Any:
    if iface is None:
        # Looked up lazily: ``qgis.utils.iface`` is None under qgis_process and patched in tests.
        from qgis import utils

        iface = getattr(utils, "iface", None)
    return iface


class _ButtonHandler:
    """One button of a banner; a plain object so the connection holds it weakly."""

    def __init__(self, banner: _Banner, action: Callable[[], Any]) -> None:
        self.banner = banner
        self.action = action

    def clicked(self, *_args: Any) -> None:
        # Popping the banner deletes this button; Qt still uses the button after the clicked()
        # handlers return, so the pop and the action run from the event loop instead.
        QTimer.singleShot(0, self.fire)

    def fire(self) -> None:
        banner = self.banner
        if not banner.active:  # removed meanwhile: unloaded, or a second click
            return
        banner.remove()
        self.action()


class _Banner:
    def __init__(self, owner: MessageItems, bar: Any, item: QgsMessageBarItem) -> None:
        self.owner = owner
        self.bar = bar
        self.item = item
        self.active = True
        self.handlers: list[tuple[QPushButton, _ButtonHandler]] = []

    def add_button(self, label: str, action: Callable[[], Any]) -> QPushButton:
        button = QPushButton(label, self.item)
        handler = _ButtonHandler(self, action)
        button.clicked.connect(handler.clicked)
        self.item.layout().addWidget(button)
        self.handlers.append((button, handler))
        return button

    @property
    def shown(self) -> bool:
        return self.active and not sip.isdeleted(self.item)

    def remove(self) -> None:
        if not self.active:
            return
        self.active = False
        with contextlib.suppress(ValueError):
            self.owner._banners.remove(self)
        for button, handler in self.handlers:
            with contextlib.suppress(TypeError, RuntimeError):
                button.clicked.disconnect(handler.clicked)
        if not sip.isdeleted(self.item):
            with contextlib.suppress(RuntimeError):  # the bar went away with the main window
                self.bar.popWidget(self.item)


class MessageItems:
    """Message-bar items one plugin object pushed that stay (duration 0) or carry buttons.

    ``clear()`` on unload takes them out of the bar, so no banner of an unloaded plugin is
    left to click. Items, the bar and the button handlers are referenced from here, i.e. from
    the plugin: QGIS' message bar wrapper has no Python owner, and a click handler closing over
    it and its banner forms a cycle the garbage collector clears while Qt still calls the
    handler (the SIGSEGV of the old Resume banner).
    """

    def __init__(self, iface: Any = None) -> None:
        self.iface = iface
        self._banners: list[_Banner] = []

    def push(
        self,
        title: str,
        text: str,
        level: Any = None,
        duration: int = 0,
        buttons: Sequence[ButtonSpec] = (),
        iface: Any = None,
    ) -> Optional[QgsMessageBarItem]:
        """Show ``title: text`` (escaped) with ``buttons``; None when there is no message bar.

        A click removes the banner and then runs the button's action, both deferred to the
        event loop.
        """
        iface = _iface_or_global(iface or self.iface)
        bar = iface.messageBar() if iface is not None else None
        if bar is None:
            return None
        level = message_level("Info") if level is None else level
        if not hasattr(bar, "pushItem"):  # a bare stand-in bar: the text only
            bar.pushMessage(bar_text(title), bar_text(text), level, duration)
            return None
        item = QgsMessageBarItem(bar_text(title), bar_text(text), level, duration)
        banner = _Banner(self, bar, item)
        for label, action in buttons:
            banner.add_button(label, action)
        self._banners = [b for b in self._banners if b.shown] + [banner]
        bar.pushItem(item)
        return item

    def items(self) -> list[QgsMessageBarItem]:
        """The items still in the bar (the user may have closed some)."""
        return [b.item for b in self._banners if b.shown]

    def remove(self, item: Any) -> bool:
        """Take one item pushed here out of the bar; False when it is not (or no longer) ours."""
        for banner in list(self._banners):
            if banner.item is item:
                shown = banner.shown
                banner.remove()
                return shown
        return False

    def clear(self) -> int:
        """Remove every item still shown; their buttons do nothing from now on."""
        banners, shown = list(self._banners), len(self.items())
        for banner in banners:
            banner.remove()
        self._banners = []
        return shown


# Items of callers without their own MessageItems; plugin.unload() clears them.
_UNOWNED = MessageItems()


def remove_pushed_messages() -> int:
    """Remove the lasting items :func:`push_message` showed for callers without an owner."""
    return _UNOWNED.clear()


def push_message(
    title: str,
    text: str,
    level: Any = None,
    duration: Optional[int] = None,
    iface: Any = None,
    items: Optional[MessageItems] = None,
) -> bool:
    """Show an escaped message in the QGIS message bar; return False when there is no GUI.

    A message that stays until dismissed (duration 0: errors by default) is pushed through
    ``items`` (or a module-wide set), so the plugin's unload can remove it.
    """
    iface = _iface_or_global(iface)
    if iface is None:
        return False
    if level is None:
        level = message_level("Info")
    if duration is None:
        # Errors stay until dismissed; the rest fades after a few seconds.
        duration = 0 if level == message_level("Critical") else 5
    if duration == 0:
        (items or _UNOWNED).push(title, text, level, 0, iface=iface)
        return True
    iface.messageBar().pushMessage(bar_text(title), bar_text(text), level, duration)
    return True
