"""Forward the ``capella_qgis`` logger to the "Capella" tab of the QGIS log panel."""

from __future__ import annotations

import logging
from typing import Any, Optional

from qgis.core import QgsMessageLog

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


def push_message(
    title: str,
    text: str,
    level: Any = None,
    duration: Optional[int] = None,
    iface: Any = None,
) -> bool:
    """Show a message in the QGIS message bar; return False when there is no GUI."""
    if iface is None:
        # Looked up lazily: ``qgis.utils.iface`` is None under qgis_process and patched in tests.
        from qgis import utils

        iface = getattr(utils, "iface", None)
    if iface is None:
        return False
    bar = iface.messageBar()
    if level is None:
        level = message_level("Info")
    if duration is None:
        # Errors stay until dismissed; the rest fades after a few seconds.
        duration = 0 if level == message_level("Critical") else 5
    bar.pushMessage(title, text, level, duration)
    return True
