"""capella:downloadproducts against the emulator's presigned asset host."""

from __future__ import annotations

from pathlib import Path

import pytest
from qgis.core import QgsProcessingException

from tests.qgis.processing_support import RecordingFeedback, api_calls, run

# pytest fixtures shared by the Processing tests


def _order(emu, tmp_path: Path, count: int = 1, types: tuple = ("GEO",)) -> str:
    found = run(
        "capella:searchcatalog",
        {"LIMIT": count, "PRODUCT_TYPES": list(types), "OUTPUT": str(tmp_path / "fp.gpkg")},
    )
    placed = run("capella:submitorder", {"INPUT": found["OUTPUT"], "CONFIRM": True})
    return placed["ORDER_ID"]


def test_download_order_assets(capella_env, tmp_path: Path) -> None:
    order_id = _order(capella_env, tmp_path)
    out = tmp_path / "dl"
    result = run(
        "capella:downloadproducts",
        {
            "ORDER_ID": order_id,
            "INCLUDE": ["raster", "thumbnail", "metadata"],
            "OUTPUT_FOLDER": str(out),
            "LOAD_OUTPUTS": False,
        },
    )
    files = [Path(f) for f in result["FILES"].split(";")]
    assert result["FILE_COUNT"] == len(files) >= 2
    assert all(f.is_file() and out in f.parents for f in files)
    assert result["FAILED_COUNT"] == 0
    assert result["RASTERS"] and all(str(r).endswith(".tif") for r in result["RASTERS"])
    # separate folder per product
    assert {f.parent.parent for f in files} == {out}
    # asset requests never carry the API key
    assets = [r for r in capella_env.requests() if r.host.startswith("localhost")]
    assert assets and not any(r.authorization for r in assets)


def test_download_product_type_filter_leaves_nothing(capella_env, tmp_path: Path) -> None:
    order_id = _order(capella_env, tmp_path)
    result = run(
        "capella:downloadproducts",
        {"ORDER_ID": order_id, "PRODUCT_TYPES": ["SLC"], "OUTPUT_FOLDER": str(tmp_path / "x")},
    )
    assert result["FILE_COUNT"] == 0 and result["FILES"] == ""


def test_download_completed_tasking_request(capella_env, tmp_path: Path) -> None:
    world = capella_env.state
    user_id = world.user["id"]
    tr_id = next(
        tid
        for tid, rec in world.tasks.items()
        if rec["properties"]["statusHistory"][0]["code"] == "completed"
        and rec["properties"].get("userId") == user_id
        and world.collects.get(tid)
    )
    result = run(
        "capella:downloadproducts",
        {
            "TASKING_REQUEST_ID": tr_id,
            "INCLUDE": ["thumbnail"],
            "OUTPUT_FOLDER": str(tmp_path / "tr"),
            "CONFIRM": True,
        },
    )
    assert result["FILE_COUNT"] >= 1
    paths = {r.path for r in api_calls(capella_env)}
    assert f"/task/{tr_id}" in paths and f"/collects/list/{tr_id}" in paths


def _completed_tasking_request(world) -> str:
    return next(
        tid
        for tid, rec in world.tasks.items()
        if rec["properties"]["statusHistory"][0]["code"] == "completed"
        and rec["properties"].get("userId") == world.user["id"]
        and world.collects.get(tid)
    )


@pytest.mark.parametrize("source", ["TASKING_REQUEST_ID", "COLLECT_ID"])
@pytest.mark.parametrize("confirm", [None, False])
def test_download_that_may_order_needs_confirm(
    capella_env, tmp_path: Path, source: str, confirm
) -> None:
    value = (
        _completed_tasking_request(capella_env.state)
        if source == "TASKING_REQUEST_ID"
        else "0b6c5d8e-2f7a-4f0e-9f77-9b8a4f2f1c11"
    )
    params = {source: value, "OUTPUT_FOLDER": str(tmp_path / "o")}
    if confirm is not None:
        params["CONFIRM"] = confirm
    capella_env.clear_requests()
    expected = (
        f"{source} may place an order that spends money on your Capella account: set "
        "CONFIRM to true to run it, or give the ORDER_ID of an existing order."
    )
    with pytest.raises(QgsProcessingException) as info:
        run("capella:downloadproducts", params)
    assert expected in str(info.value)
    assert capella_env.requests() == []  # nothing sent: no API call, no asset request
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_download_order_id_needs_no_confirm(capella_env, tmp_path: Path) -> None:
    order_id = _order(capella_env, tmp_path)
    capella_env.clear_requests()
    result = run(
        "capella:downloadproducts",
        {
            "ORDER_ID": order_id,
            "INCLUDE": ["thumbnail"],
            "OUTPUT_FOLDER": str(tmp_path / "o"),
            "CONFIRM": False,
            "LOAD_OUTPUTS": False,
        },
    )
    assert result["FILE_COUNT"] >= 1
    calls = api_calls(capella_env)
    assert calls and not any(r.method == "POST" and r.path == "/orders" for r in calls)


def test_download_help_explains_confirm(capella_provider) -> None:
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("capella:downloadproducts")
    help_text = alg.shortHelpString()
    assert "unless CONFIRM is true" in help_text
    assert "needs no CONFIRM" in help_text
    confirm = alg.parameterDefinition("CONFIRM")
    assert confirm is not None and confirm.defaultValue() is False


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "exactly one of ORDER_ID"),
        (
            {
                "ORDER_ID": "0b6c5d8e-2f7a-4f0e-9f77-9b8a4f2f1c11",
                "COLLECT_ID": "0b6c5d8e-2f7a-4f0e-9f77-9b8a4f2f1c11",
            },
            "exactly one of ORDER_ID",
        ),
        ({"ORDER_ID": "not-a-uuid"}, "Order id"),
        (
            {
                "ORDER_ID": "0b6c5d8e-2f7a-4f0e-9f77-9b8a4f2f1c11",
                "INCLUDE": ["HH"],
                "EXCLUDE": ["nonsense"],
            },
            "EXCLUDE|nonsense|not valid",
        ),
    ],
)
def test_download_bad_parameters_send_nothing(
    capella_env, tmp_path: Path, params: dict, message: str
) -> None:
    with pytest.raises(QgsProcessingException, match=message):
        run("capella:downloadproducts", {"OUTPUT_FOLDER": str(tmp_path / "o"), **params})
    assert api_calls(capella_env) == []


def test_download_folder_that_is_a_file_is_refused(capella_env, tmp_path: Path) -> None:
    taken = tmp_path / "not-a-folder.txt"
    taken.write_text("x")
    for folder in (taken, taken / "below"):
        capella_env.clear_requests()
        with pytest.raises(QgsProcessingException) as info:
            run(
                "capella:downloadproducts",
                {"ORDER_ID": "0b6c5d8e-2f7a-4f0e-9f77-9b8a4f2f1c11", "OUTPUT_FOLDER": str(folder)},
            )
        message = str(info.value)
        assert f"Download folder: {taken} is a file; choose a folder" in message, message
        assert "FileExistsError" not in message and "Traceback" not in message
        assert capella_env.requests() == []  # refused before anything is sent
    assert taken.read_text() == "x"


def test_download_redirect_loop_is_a_clear_error(capella_env, tmp_path: Path) -> None:
    order_id = _order(capella_env, tmp_path)
    capella_env.faults.add("redirect", "/assets/*")  # to the same URL: a loop
    feedback = RecordingFeedback()
    with pytest.raises(QgsProcessingException) as info:
        run(
            "capella:downloadproducts",
            {"ORDER_ID": order_id, "INCLUDE": ["raster"], "OUTPUT_FOLDER": str(tmp_path / "r")},
            feedback=feedback,
        )
    text = "\n".join([str(info.value), *feedback.errors])
    assert "the server redirected too many times; last location localhost" in text, text
    assert "TooManyRedirects" not in text and "unexpected error" not in text
    assert "X-Amz-Signature" not in text


def test_a_collect_with_a_bad_timestamp_is_downloaded_and_reported(
    capella_env, tmp_path: Path
) -> None:
    emu = capella_env
    world = emu.state
    user_id = world.user["id"]
    tr_id = next(
        tid
        for tid, rec in world.tasks.items()
        if rec["properties"].get("userId") == user_id
        and rec["properties"]["statusHistory"][0]["code"] == "completed"
        and world.collects.get(tid)
    )
    collect = world.collects[tr_id][0]
    collect["windowOpen"] = "2021-14-22T05:23:22.805Z"  # month 14, as in the SDK's own fixture
    feedback = RecordingFeedback()
    result = run(
        "capella:downloadproducts",
        {
            "TASKING_REQUEST_ID": tr_id,
            "INCLUDE": ["thumbnail"],
            "OUTPUT_FOLDER": str(tmp_path / "dl"),
            "LOAD_OUTPUTS": False,
            "CONFIRM": True,
        },
        feedback,
    )
    assert result["FILE_COUNT"] >= 1 and result["FAILED_COUNT"] == 0
    (warning,) = [w for w in feedback.warnings if collect["collectId"] in w]
    assert "windowOpen" in warning
