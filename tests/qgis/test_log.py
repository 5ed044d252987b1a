"""Log tab forwarding and message bar helper."""

from __future__ import annotations

import logging
from typing import Any

from qgis.core import Qgis, QgsApplication

from capella_qgis.toolbelt import compat
from capella_qgis.toolbelt.log import (
    LOG_TAG,
    QgisLogHandler,
    install_log_handler,
    push_message,
    uninstall_log_handler,
)


def test_records_reach_the_capella_log_tab(qtbot: Any) -> None:
    first = install_log_handler()
    try:
        assert install_log_handler() is first  # idempotent
        received: list[tuple[str, str, Any]] = []
        log = QgsApplication.messageLog()
        log.messageReceived[str, str, Qgis.MessageLevel].connect(
            lambda message, tag, level: received.append((message, tag, level))
        )
        logging.getLogger("capella_qgis.tests").warning("disk almost full")
        qtbot.waitUntil(lambda: any(tag == LOG_TAG for _, tag, _ in received))
        message, _, level = next(r for r in received if r[1] == LOG_TAG)
        assert "disk almost full" in message
        assert level == Qgis.MessageLevel.Warning
    finally:
        uninstall_log_handler()
        uninstall_log_handler()
    handlers = logging.getLogger("capella_qgis").handlers
    assert not any(isinstance(h, QgisLogHandler) for h in handlers)


def test_push_message_uses_iface_message_bar(qgis_iface: Any) -> None:
    bar = qgis_iface.messageBar()
    bar.clear_messages()
    assert push_message("Capella", "Order submitted", Qgis.MessageLevel.Success)
    assert any("Order submitted" in m for m in bar.get_messages(Qgis.MessageLevel.Success))


def test_compat_helpers() -> None:
    assert compat.message_level("Critical") == Qgis.MessageLevel.Critical
    assert compat.unpack_ok((True, object())) is True
    assert compat.unpack_ok(False) is False
    assert compat.qgis_version_int() >= 32200

    class Flat:
        Value = 3

    assert compat.scoped_enum(Flat, "Missing", "Value") == 3


def test_log_tab_never_shows_signatures_or_keys(qtbot: Any) -> None:
    install_log_handler()
    try:
        received: list[str] = []
        log = QgsApplication.messageLog()
        log.messageReceived[str, str, Qgis.MessageLevel].connect(
            lambda message, tag, level: received.append(message) if tag == LOG_TAG else None
        )
        url = "https://bucket.example/x/CAPELLA_C02.tif?Expires=1&Signature=s3cr3tSig"
        logging.getLogger("capella_qgis.tests").error(
            "failed %s with Authorization: ApiKey abcdef0123456789", url
        )
        qtbot.waitUntil(lambda: bool(received))
        assert "CAPELLA_C02.tif" in received[0]
        assert "s3cr3tSig" not in received[0]
        assert "abcdef0123456789" not in received[0]
    finally:
        uninstall_log_handler()


def _rendered(item: Any) -> str:
    from qgis.PyQt.QtWidgets import QTextEdit

    return " ".join(edit.toPlainText() for edit in item.findChildren(QTextEdit))


def test_message_bar_shows_the_whole_text(qtbot: Any) -> None:
    """QgsMessageBarItem renders HTML: ``<3`` and ``<path>`` must reach the screen."""
    from types import SimpleNamespace

    from qgis.gui import QgsMessageBar

    bar = QgsMessageBar()
    qtbot.addWidget(bar)
    iface = SimpleNamespace(messageBar=lambda: bar)
    text = "I <3 SAR & the file is in <path>/x.tif"
    assert push_message("Capella <beta>", text, Qgis.MessageLevel.Info, 5, iface=iface)
    shown = _rendered(bar.currentItem())
    assert "Capella <beta>" in shown and text in shown, shown
    from capella_qgis.toolbelt.log import MessageItems

    items = MessageItems(iface)
    critical = Qgis.MessageLevel.Critical
    push_message("Capella", "Failed: <no file>", critical, iface=iface, items=items)
    assert "Failed: <no file>" in _rendered(bar.currentItem())
    assert items.items() == [bar.currentItem()]
    assert items.clear() == 1
    assert bar.currentItem() is not None  # the timed message of another owner stays
