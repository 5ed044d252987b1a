"""Install the built zip into a fresh profile like the Plugin Manager and run it in real QGIS."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import zipfile
from pathlib import Path

import pytest

from scripts import package, vendor
from tests.console_emulator import Emulator

TIMEOUT = 90
PROFILE = "test"

# Runs inside QGIS (--code): the plugin is loaded by QGIS itself from the profile.
QGIS_SCRIPT = r"""
import json, os, sys, threading, traceback
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface, plugins

RESULT = os.environ["CAPELLA_INSTALL_RESULT"]
result = {"loaded": False}
try:
    plugin = plugins.get("capella_qgis")
    result["loaded"] = plugin is not None
    result["plugin_class"] = type(plugin).__name__
    result["plugin_file"] = sys.modules["capella_qgis"].__file__
    plugin.action_dock.trigger()
    QgsApplication.processEvents()
    result["dock_object"] = plugin.dock.objectName()
    result["dock_visible"] = plugin.dock.isVisible()
    from capella_qgis.toolbelt.network import build_client
    client = build_client()
    box = {}
    def search():
        try:
            found = client.search(bbox=[-180, -90, 180, 90], limit=5)
            box["count"] = len(found.items)
        except Exception as exc:
            box["error"] = repr(exc)
    worker = threading.Thread(target=search, daemon=True)
    worker.start()
    worker.join(45)
    result.update(box)
    import capella_qgis.core.client as core_client
    result["httpx_module"] = core_client.httpx.__name__
    result["httpx_file"] = core_client.httpx.__file__
    result["top_level_httpx"] = "httpx" in sys.modules
except Exception:
    result["error"] = traceback.format_exc()
with open(RESULT, "w") as fh:
    json.dump(result, fh)
QTimer.singleShot(0, iface.mainWindow().close)
QTimer.singleShot(5000, lambda: os._exit(0))
"""


def _install_like_plugin_manager(zip_path: Path, profiles: Path) -> Path:
    """Unzip into <profile>/python/plugins and enable it, as the Plugin Manager does."""
    profile = profiles / "profiles" / PROFILE
    plugins_dir = profile / "python" / "plugins"
    plugins_dir.mkdir(parents=True)
    with zipfile.ZipFile(zip_path) as zf:
        zf.extractall(plugins_dir)
    ini = profile / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(
        "[PythonPlugins]\ncapella_qgis=true\n\n"
        "[qgis]\ncheckVersion=false\nshowTips=false\n\n"
        "[core]\nNewsFeed\\httpsfeedqgisorg\\disabled=true\n"
    )
    return plugins_dir / "capella_qgis"


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("qgis") or not shutil.which("xvfb-run"), reason="no qgis")
def test_zip_installs_and_searches_in_real_qgis(tmp_path: Path, emulator: Emulator) -> None:
    staged = package.stage(tmp_path / "stage" / "capella_qgis")
    zip_path = package.build_zip(staged, tmp_path / "capella_qgis.zip")
    profiles = tmp_path / "profiles"
    installed = _install_like_plugin_manager(zip_path, profiles)
    assert (installed / "metadata.txt").is_file()

    site = vendor.pydantic_only_site(tmp_path / "pydantic_site")
    script = tmp_path / "check.py"
    script.write_text(QGIS_SCRIPT)
    result_file = tmp_path / "result.json"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("PYTHON", "QGIS", "CAPELLA", "QT_QPA", "VIRTUAL_ENV"))
    }
    env.update(
        PYTHONPATH=str(site),  # pydantic only: httpx must come from the plugin's _vendor
        CAPELLA_API_URL=emulator.url,
        CAPELLA_API_KEY="demo",
        CAPELLA_INSTALL_RESULT=str(result_file),
    )
    command = [
        "xvfb-run",
        "-a",
        "-s",
        "-screen 0 1280x1024x24",
        "qgis",
        "--profiles-path",
        str(profiles),
        "--profile",
        PROFILE,
        "--nologo",
        "--noversioncheck",
        "--code",
        str(script),
    ]
    log = tmp_path / "qgis.log"
    with log.open("w") as out:
        proc = subprocess.Popen(
            command, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            proc.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            if not result_file.exists():
                pytest.fail(f"QGIS hung without a result:\n{log.read_text()[-3000:]}")
    assert result_file.exists(), f"no result from QGIS:\n{log.read_text()[-3000:]}"
    result = json.loads(result_file.read_text())
    assert "error" not in result, result.get("error")
    assert result["loaded"], result
    assert result["plugin_class"] == "CapellaPlugin"
    assert Path(result["plugin_file"]).resolve().is_relative_to(installed.resolve())
    assert result["dock_object"] == "CapellaConsoleDock"
    assert result["dock_visible"] is True
    assert result["count"] > 0
    assert result["httpx_module"] == "capella_qgis._vendor.httpx"
    assert Path(result["httpx_file"]).resolve().is_relative_to(installed.resolve())
    assert result["top_level_httpx"] is False
    searches = [
        r for r in emulator.requests() if r.method == "POST" and r.path.endswith("/catalog/search")
    ]
    assert searches, [r.path for r in emulator.requests()]
    assert searches[0].authorization
