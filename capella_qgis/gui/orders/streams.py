"""Streamed COG layers for the Orders controller: open, and re-presign after project load."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any, Callable, Optional

from qgis.core import QgsMapLayer, QgsProject, QgsVectorLayer

from capella_qgis.rasters.style import get_only, open_streamed_layer, stream_info
from capella_qgis.tasks.clients import ClientFactory
from capella_qgis.tasks.task_base import TaskRunner
from capella_qgis.toolbelt.compat import tr

# Modules that load httpx, pydantic or shapely are imported in the functions that use them
# (type hints: under TYPE_CHECKING), so that QGIS start-up does not pay for them (#20).
if TYPE_CHECKING:
    from capella_qgis.tasks.task_order import PresignTask

Notify = Callable[[str, str], None]  # (text, level name)


class StreamOpener:
    """Opens footprints' rasters as streamed layers; owned by the Orders controller, whose
    runner, client factory and message bar it uses."""

    def __init__(self, tasks: TaskRunner, clients: ClientFactory, notify: Notify) -> None:
        self.tasks = tasks
        self.clients = clients
        self.notify = notify

    def open_selected(self, layer: Optional[QgsMapLayer]) -> Optional[PresignTask]:
        """Presign the selected GEO/GEC footprints of ``layer`` and open their HH/VV rasters."""
        from capella_qgis.footprints import layer as footprints
        from capella_qgis.footprints.layer import is_footprint_layer
        from capella_qgis.tasks.task_order import PresignTask

        if not isinstance(layer, QgsVectorLayer) or not is_footprint_layer(layer):
            self.notify(tr("Select a Capella footprint layer first."), "Warning")
            return None
        items = footprints.items_from_layer(layer, selected_only=True)
        ids = [i["id"] for i in items if "_GEO_" in i.get("id", "") or "_GEC_" in i.get("id", "")]
        if not ids:
            self.notify(tr("Select GEO or GEC footprints to stream."), "Warning")
            return None
        return self.tasks.run(
            PresignTask,
            ids,
            client=self.clients,
            on_success=self._open,
            on_error=lambda m: self.notify(m, "Critical"),
        )

    def _open(self, result: tuple[str, list[Any]]) -> list[Any]:
        order_id, items = result
        layers = []
        for item in items:
            for key in ("HH", "VV"):
                asset = item.assets.get(key)
                if asset is not None:
                    layers.append(
                        open_streamed_layer(
                            asset.href, item.id, order_id=order_id, stac_id=item.id, asset_key=key
                        )
                    )
        return layers

    def reattach_all(self, *_args: Any) -> None:
        """Streamed layers were saved unsigned: fetch fresh links and reattach them."""
        from capella_qgis.tasks.task_order import PresignTask

        for layer in QgsProject.instance().mapLayers().values():
            info = stream_info(layer)
            if not info or not info.get("order_id"):
                continue
            self.tasks.run(
                PresignTask,
                [info["stac_id"]],
                info["order_id"],
                client=self.clients,
                on_success=functools.partial(_reattach, layer, info["asset_key"]),
                on_error=lambda m: self.notify(m, "Warning"),
            )


def _reattach(layer: QgsMapLayer, key: str, result: tuple[str, list[Any]]) -> None:
    for item in result[1]:
        asset = item.assets.get(key)
        if asset is not None:
            with get_only():
                layer.setDataSource(f"/vsicurl/{asset.href}", layer.name(), "gdal")
