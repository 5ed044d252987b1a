"""Load downloaded Capella rasters with a SAR style, and streamed COG layers without secrets."""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any, Optional, Union

from qgis.core import (
    QgsContrastEnhancement,
    QgsLayerTreeGroup,
    QgsMapLayer,
    QgsProject,
    QgsRasterLayer,
    QgsRasterRange,
    QgsSingleBandGrayRenderer,
)
from qgis.PyQt.QtXml import QDomDocument

from capella_qgis.core.redact import strip_query
from capella_qgis.toolbelt.compat import scoped_enum, tr

LOGGER = logging.getLogger(__name__)

RASTER_KEYS = ("HH", "VV", "HV", "VH")
LOADABLE_TYPES = ("GEO", "GEC", "SLC")
METADATA_PROPERTY = "capella/metadata_json"
STAC_ID_PROPERTY = "capella/stac_id"
STREAM_PROPERTY = "capella/stream"  # JSON {order_id, stac_id, asset_key, url (unsigned)}
CUT_LOW, CUT_HIGH = 0.02, 0.98
_TYPE_RE = re.compile(r"CAPELLA_\w+?_\w+?_([A-Z]+)_")


def product_type_of(stac_id: str, hint: Optional[str] = None) -> Optional[str]:
    """``GEO`` for ``CAPELLA_C13_SP_GEO_HH_...`` (or the explicit hint)."""
    if hint:
        return hint.upper()
    match = _TYPE_RE.match(stac_id)
    return match.group(1) if match else None


def raster_uri(path: Union[str, Path], product_type: Optional[str]) -> Optional[str]:
    """GDAL URI to display: GEO/GEC as is, SLC as its amplitude; None for other products."""
    if product_type in ("GEO", "GEC"):
        return str(path)
    if product_type == "SLC":
        return f"DERIVED_SUBDATASET:AMPLITUDE:{path}"
    return None


def apply_sar_style(layer: QgsRasterLayer, band: int = 1) -> None:
    """Grey, 2–98 % cumulative cut stretch, nodata (source value or 0) transparent."""
    provider = layer.dataProvider()
    provider.setUseSourceNoDataValue(band, True)
    if not provider.sourceHasNoDataValue(band):
        # Capella GEO/GEC rasters use 0 outside the swath.
        provider.setUserNoDataValue(band, [QgsRasterRange(0.0, 0.0)])
    low, high = provider.cumulativeCut(band, CUT_LOW, CUT_HIGH, layer.extent(), 250_000)
    renderer = QgsSingleBandGrayRenderer(provider, band)
    data_type = provider.dataType(band)
    enhancement = QgsContrastEnhancement(data_type)
    enhancement.setContrastEnhancementAlgorithm(
        scoped_enum(
            QgsContrastEnhancement, "ContrastEnhancementAlgorithm", "StretchToMinimumMaximum"
        )
    )
    if not high > low:
        high = low + 1.0
    enhancement.setMinimumValue(low)
    enhancement.setMaximumValue(high)
    renderer.setContrastEnhancement(enhancement)
    layer.setRenderer(renderer)
    layer.triggerRepaint()


def _group(project: QgsProject, name: str) -> QgsLayerTreeGroup:
    root = project.layerTreeRoot()
    group = root.findGroup(name)
    if not isinstance(group, QgsLayerTreeGroup):
        group = root.insertGroup(0, name)
    return group


def load_products(
    products: Mapping[str, Mapping[str, Path]],
    group_name: str,
    *,
    product_types: Optional[Mapping[str, Optional[str]]] = None,
    project: Optional[QgsProject] = None,
) -> tuple[list[QgsRasterLayer], list[str]]:
    """Add ``{stac_id: {asset_key: path}}`` rasters to ``group_name``; return layers and notes.

    Thumbnails, previews and metadata are never loaded; the extended metadata JSON path is kept
    on the layer (custom property) for "Open extended metadata JSON".
    """
    project = project or QgsProject.instance()
    layers: list[QgsRasterLayer] = []
    notes: list[str] = []
    group: Optional[QgsLayerTreeGroup] = None
    for stac_id, assets in products.items():
        ptype = product_type_of(stac_id, (product_types or {}).get(stac_id))
        metadata = assets.get("metadata")
        for key, path in assets.items():
            if key not in RASTER_KEYS:
                continue
            uri = raster_uri(path, ptype)
            if uri is None:
                notes.append(
                    tr("{id}: {type} products are not loaded automatically").format(
                        id=stac_id, type=ptype or "?"
                    )
                )
                continue
            stem = Path(path).stem
            name = stem if ptype != "SLC" else tr("{name} (amplitude)").format(name=stem)
            layer = QgsRasterLayer(uri, name, "gdal")
            if not layer.isValid():
                notes.append(
                    tr("{id}: cannot open {file}").format(id=stac_id, file=Path(path).name)
                )
                continue
            apply_sar_style(layer)
            layer.setCustomProperty(STAC_ID_PROPERTY, stac_id)
            if metadata is not None:
                layer.setCustomProperty(METADATA_PROPERTY, str(metadata))
            if group is None:
                group = _group(project, group_name)
            project.addMapLayer(layer, False)
            group.addLayer(layer)
            layers.append(layer)
    return layers, notes


# --- streamed COG layers -------------------------------------------------------------------


@contextlib.contextmanager
def get_only() -> Iterator[None]:
    """Open ``/vsicurl/`` presigned links in this block without GDAL's first HEAD.

    GDAL (3.6) probes a link with HEAD before its GETs; a presigned S3 link is signed for GET
    only, so S3 refuses the HEAD (403) and the layer failed to open. The option is set for this
    thread and this block only, not for every ``/vsicurl/`` source QGIS opens; GDAL caches what
    the first GET told it about the file for the later reads of the render threads.
    """
    from osgeo import gdal

    gdal.SetThreadLocalConfigOption("CPL_VSIL_CURL_USE_HEAD", "NO")
    try:
        yield
    finally:
        gdal.SetThreadLocalConfigOption("CPL_VSIL_CURL_USE_HEAD", None)


def open_streamed_layer(
    presigned_url: str,
    name: str,
    *,
    order_id: Optional[str] = None,
    stac_id: str = "",
    asset_key: str = "HH",
    project: Optional[QgsProject] = None,
) -> QgsRasterLayer:
    """A GEO COG through ``/vsicurl/``; only the unsigned URL is ever saved in the project.

    Choice: the layer stays in the project, but :class:`StreamGuard` rewrites its data source to
    the unsigned URL whenever the project is written and the ``capella/stream`` custom property
    lets the controller fetch a fresh presigned URL (``GET /orders/{id}/download``) on load.
    """
    with get_only():
        layer = QgsRasterLayer(f"/vsicurl/{presigned_url}", name, "gdal")
    if not layer.isValid():
        raise OSError(f"Cannot stream {strip_query(presigned_url)}")
    info = {
        "order_id": order_id,
        "stac_id": stac_id,
        "asset_key": asset_key,
        "url": strip_query(presigned_url),
    }
    layer.setCustomProperty(STREAM_PROPERTY, json.dumps(info))
    apply_sar_style(layer)
    (project or QgsProject.instance()).addMapLayer(layer)
    return layer


def stream_info(layer: QgsMapLayer) -> Optional[dict[str, Any]]:
    raw = layer.customProperty(STREAM_PROPERTY)
    if not raw:
        return None
    try:
        info = json.loads(str(raw))
    except ValueError:
        return None
    return info if isinstance(info, dict) else None


def _unsigned(text: str) -> str:
    return "/vsicurl/" + strip_query(text[len("/vsicurl/") :])


def _signed(text: str) -> bool:
    return text.startswith("/vsicurl/") and "?" in text


def strip_stream_sources(doc: QDomDocument) -> int:
    """Replace every signed ``/vsicurl/`` source (text or attribute) in ``doc`` by its unsigned
    form: ``<datasource>`` as well as the layer tree's ``source`` attributes."""
    changed = 0
    stack = [doc.documentElement()]
    while stack:
        node = stack.pop()
        if node.isText():
            if _signed(node.nodeValue()):
                node.setNodeValue(_unsigned(node.nodeValue()))
                changed += 1
            continue
        if node.isElement():
            attributes = node.attributes()
            for i in range(attributes.count()):
                attr = attributes.item(i).toAttr()
                if _signed(attr.value()):
                    attr.setValue(_unsigned(attr.value()))
                    changed += 1
        child = node.firstChild()
        while not child.isNull():
            stack.append(child)
            child = child.nextSibling()
    return changed


class StreamGuard:
    """Keeps presigned signatures out of saved projects (``QgsProject.writeProject``)."""

    def __init__(self, project: Optional[QgsProject] = None) -> None:
        self.project = project or QgsProject.instance()
        self.project.writeProject.connect(self._on_write)
        self.project.writeMapLayer.connect(self._on_write_layer)

    def _on_write(self, doc: QDomDocument) -> None:
        count = strip_stream_sources(doc)
        if count:
            LOGGER.info("Saved %d streamed layer(s) without their URL signature", count)

    def _on_write_layer(self, layer: QgsMapLayer, element: Any, _doc: QDomDocument) -> None:
        if stream_info(layer) is None:
            return
        nodes = element.elementsByTagName("datasource")
        for i in range(nodes.count()):
            text_node = nodes.at(i).firstChild()
            if text_node.isText() and _signed(text_node.nodeValue()):
                text_node.setNodeValue(_unsigned(text_node.nodeValue()))

    def unload(self) -> None:
        for signal, slot in (
            (self.project.writeProject, self._on_write),
            (self.project.writeMapLayer, self._on_write_layer),
        ):
            with contextlib.suppress(TypeError, RuntimeError):
                signal.disconnect(slot)
