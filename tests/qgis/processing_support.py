"""Helpers for the Processing tests: provider registration, emulator credentials, layers."""

from __future__ import annotations

from typing import Any

from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from tests.console_emulator import Emulator


class RecordingFeedback(QgsProcessingFeedback):
    """Keeps every reported error, info and warning line, and (``lines``) all of them in order,
    whatever the channel."""

    def __init__(self) -> None:
        super().__init__()
        self.errors: list[str] = []
        self.infos: list[str] = []
        self.warnings: list[str] = []
        self.lines: list[str] = []

    def reportError(self, error: str, fatalError: bool = False) -> None:  # noqa: N803
        self.errors.append(error)
        self.lines.append(error)

    def pushInfo(self, info: str) -> None:
        self.infos.append(info)
        self.lines.append(info)

    def pushWarning(self, warning: str) -> None:
        self.warnings.append(warning)
        self.lines.append(warning)

    def pushDebugInfo(self, info: str) -> None:
        self.lines.append(info)

    def pushConsoleInfo(self, info: str) -> None:
        self.lines.append(info)

    def pushCommandInfo(self, info: str) -> None:
        self.lines.append(info)


def run(alg_id: str, params: dict[str, Any], feedback: Any = None) -> dict[str, Any]:
    """processing.run with a fresh context (no layer loading into the project)."""
    import processing

    feedback = feedback or RecordingFeedback()
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    context.setFeedback(feedback)
    return processing.run(alg_id, params, feedback=feedback, context=context)


def api_calls(emu: Emulator) -> list[Any]:
    """Requests to API paths (not the asset host, not test hooks)."""
    return [r for r in emu.requests() if not r.path.startswith("/_emulator/")]


def memory_layer(kind: str, wkts: list[str], names: list[str] = ()) -> QgsVectorLayer:
    """A memory layer (EPSG:4326) with a ``label`` field."""
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:4326&field=label:string", "aoi", "memory")
    features = []
    for index, wkt in enumerate(wkts):
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes([names[index] if index < len(names) else None])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer
