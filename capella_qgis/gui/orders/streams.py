"""Streamed COG layers for the Orders controller: open, and re-presign after project load."""

from __future__ import annotations

from typing import Any, Optional

from qgis.core import QgsMapLayer, QgsProject, QgsVectorLayer

from capella_qgis.footprints import layer as footprints
from capella_qgis.rasters.style import open_streamed_layer, stream_info
from capella_qgis.tasks.task_download import DownloadTask
from capella_qgis.tasks.task_order import PresignTask
from capella_qgis.toolbelt.compat import tr


class StreamingMixin:
    """Needs ``_current_layer``, ``_message``, ``_start`` and ``task_options`` (controller)."""

    # --- streaming -------------------------------------------------------------------------

    def stream_current(self) -> Optional[Any]:
        layer = self._current_layer()
        if not is_footprint_layer(layer):
            self._message(tr("Select a Capella footprint layer first."), "Warning")
            return None
        items = footprints.items_from_layer(layer, selected_only=True)
        ids = [i["id"] for i in items if "_GEO_" in i.get("id", "") or "_GEC_" in i.get("id", "")]
        if not ids:
            self._message(tr("Select GEO or GEC footprints to stream."), "Warning")
            return None
        return self._start(
            make_task(
                PresignTask,
                self.task_options,
                stac_ids=ids,
                on_success=self._open_streams,
                on_error=lambda m: self._message(m, "Critical"),
            )
        )

    def _open_streams(self, result: tuple[str, list[Any]]) -> list[Any]:
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

    def _on_project_read(self, *_args: Any) -> None:
        """Streamed layers were saved unsigned: fetch fresh links and reattach them."""
        for layer in QgsProject.instance().mapLayers().values():
            info = stream_info(layer)
            if not info or not info.get("order_id"):
                continue
            self._start(
                make_task(
                    PresignTask,
                    self.task_options,
                    stac_ids=[info["stac_id"]],
                    order_id=info["order_id"],
                    on_success=lambda r, lyr=layer, k=info["asset_key"]: _reattach(lyr, r, k),
                    on_error=lambda m: self._message(m, "Warning"),
                )
            )


def _reattach(layer: QgsMapLayer, result: tuple[str, list[Any]], key: str) -> None:
    for item in result[1]:
        asset = item.assets.get(key)
        if asset is not None:
            layer.setDataSource(f"/vsicurl/{asset.href}", layer.name(), "gdal")


def is_footprint_layer(layer: Optional[QgsMapLayer]) -> bool:
    """Footprint layers carry the search query property or an ``item_json`` field."""
    if not isinstance(layer, QgsVectorLayer):
        return False
    if layer.customProperty(footprints.SEARCH_QUERY_PROPERTY):
        return True
    return layer.fields().indexOf("item_json") >= 0


def make_task(factory: Any, options: dict[str, Any], **kwargs: Any) -> Any:
    names = ("client", "settings", "engine_options", "retry", "queue")
    extra = {k: v for k, v in options.items() if k in names}
    if factory is not DownloadTask:
        extra = {k: v for k, v in extra.items() if k in ("client", "settings")}
    if "client" in extra:
        extra["client"] = extra["client"]() if callable(extra["client"]) else extra["client"]
    return factory(**kwargs, **extra)
