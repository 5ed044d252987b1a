"""A Graphical Modeler chain built in code: searchcatalog → submitorder → downloadproducts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from qgis.core import (
    QgsProcessingException,
    QgsProcessingModelAlgorithm,
    QgsProcessingModelChildAlgorithm,
    QgsProcessingModelChildParameterSource,
    QgsProcessingModelOutput,
    QgsProcessingModelParameter,
    QgsProcessingParameterBoolean,
)

from tests.qgis.processing_support import RecordingFeedback, api_calls, run

# pytest fixtures shared by the Processing tests

Source = QgsProcessingModelChildParameterSource


def _child(alg_id: str, child_id: str, sources: dict[str, Any]) -> QgsProcessingModelChildAlgorithm:
    child = QgsProcessingModelChildAlgorithm(alg_id)
    child.setChildId(child_id)
    child.setDescription(child.algorithm().displayName())
    for name, source in sources.items():
        child.addParameterSources(name, [source])
    return child


def build_model() -> QgsProcessingModelAlgorithm:
    model = QgsProcessingModelAlgorithm("capella_chain", "capella tests")
    model.addModelParameter(
        QgsProcessingParameterBoolean("CONFIRM", "Confirm spending", False),
        QgsProcessingModelParameter("CONFIRM"),
    )
    model.addChildAlgorithm(
        _child(
            "capella:searchcatalog",
            "search",
            {"LIMIT": Source.fromStaticValue(2), "PRODUCT_TYPES": Source.fromStaticValue(["GEO"])},
        )
    )
    submit = _child(
        "capella:submitorder",
        "submit",
        {
            "INPUT": Source.fromChildOutput("search", "OUTPUT"),
            "CONFIRM": Source.fromModelParameter("CONFIRM"),
            "REUSE_ACTIVE_ORDERS": Source.fromStaticValue(True),
        },
    )
    model.addChildAlgorithm(submit)
    download = _child(
        "capella:downloadproducts",
        "download",
        {
            "ORDER_ID": Source.fromChildOutput("submit", "ORDER_ID"),
            "INCLUDE": Source.fromStaticValue(["thumbnail", "metadata"]),
            "LOAD_OUTPUTS": Source.fromStaticValue(False),
            "SEPARATE_DIRS": Source.fromStaticValue(True),
            "OVERWRITE": Source.fromStaticValue(False),
        },
    )
    output = QgsProcessingModelOutput("folder", "Download folder")
    output.setChildId("download")
    output.setChildOutputName("OUTPUT_FOLDER")
    download.setModelOutputs({"folder": output})
    model.addChildAlgorithm(download)
    return model


def test_model_search_order_download(capella_env, tmp_path: Path) -> None:
    model = build_model()
    assert model.validate()[0], model.validate()[1]
    folder = tmp_path / "model_dl"
    result = run(model, {"CONFIRM": True, "download:folder": str(folder)})
    assert Path(result["download:folder"]) == folder
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert len(files) >= 2
    order_posts = [r for r in api_calls(capella_env) if r.method == "POST" and r.path == "/orders"]
    assert len(order_posts) == 1 and len(order_posts[0].json["items"]) == 2


def test_model_refuses_to_spend_without_confirm(capella_env, tmp_path: Path) -> None:
    feedback = RecordingFeedback()
    with pytest.raises(QgsProcessingException, match="Submit order"):
        run(build_model(), {"CONFIRM": False, "download:folder": str(tmp_path / "x")}, feedback)
    assert any("CONFIRM" in error for error in feedback.errors), feedback.errors
    assert not [r for r in api_calls(capella_env) if r.method == "POST" and r.path == "/orders"]
