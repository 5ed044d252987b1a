"""Plugin Manager › Install from ZIP on a fresh profile without pydantic: stand-in, one click,
the real plugin, all in one QGIS session."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pytest

from tests.console_emulator import Emulator
from tests.e2e.conftest import QgisRun, needs_qgis, user_environment

pytestmark = [needs_qgis, pytest.mark.slow]


def test_install_from_zip_offers_install_then_loads_plugin(
    built_zip: Path,
    wheels: Path,
    fresh_profile: Path,
    run_qgis: Callable[..., QgisRun],
    no_pydantic_on_system: None,
    emulator: Emulator,
) -> None:
    env = user_environment(
        CAPELLA_E2E_ZIP=str(built_zip),
        CAPELLA_API_URL=emulator.url,
        CAPELLA_API_KEY="demo",
        # pip's own configuration: the local wheel folder only, no machine-wide pip.conf.
        PIP_NO_INDEX="1",
        PIP_FIND_LINKS=str(wheels),
        PIP_CONFIG_FILE="/dev/null",
    )
    run = run_qgis("install_from_zip.py", fresh_profile, env)
    report = run.report
    assert "error" not in report, report.get("error")
    assert report["after_install_class"] == "DependencyStandIn", run.log[-3000:]
    texts = [t for t in report["bar_texts"] if "Capella Console" in t]
    assert texts, report["bar_texts"]
    rendered = texts[0]
    # Read from the widget: nothing after "<3" may be swallowed by the HTML rendering.
    assert rendered.rstrip().endswith(
        "Capella Console: needs the Python packages pydantic>=2.5,<3 (not installed), "
        "shapely>=2.0 (not installed)."
    )
    assert "--user" not in rendered and "sudo" not in rendered
    assert report["install_buttons"] == 1
    assert report["loaded_after_install"], run.log[-4000:]
    assert report["class_after_install"] == "CapellaPlugin"
    assert report["dialogs_left_visible"] == 0
    assert not [t for t in report["bar_texts_after"] if "needs the Python packages" in t]
    target = fresh_profile / "profiles" / "e2e" / "python" / "dependencies"
    modules = report["modules"]
    assert Path(modules["pydantic"]).is_relative_to(target)
    assert Path(modules["shapely"]).is_relative_to(target)
    bowtie = report["shapely_bowtie"]
    assert bowtie["valid"] is False and bowtie["has_z"] is False, bowtie
    assert bowtie["reason"].startswith("Self-intersection"), bowtie
    # QGIS' numpy is the one gdal_array was built against; nothing replaced it.
    assert modules["numpy"].startswith("/usr/lib/python3/dist-packages/")
    assert not list(target.glob("*/numpy"))
    assert report["gdal_array_roundtrip"] == 3
    assert report["dock_visible"] is True
    # The installed copy runs, on its vendored httpx, against the emulator.
    installed = fresh_profile / "profiles" / "e2e" / "python" / "plugins" / "capella_qgis"
    assert Path(report["plugin_file"]).resolve().is_relative_to(installed.resolve())
    assert report.get("count") == 5, report.get("search_error")
    assert report["httpx_module"] == "capella_qgis._vendor.httpx"
    assert Path(report["httpx_file"]).resolve().is_relative_to(installed.resolve())
    assert report["top_level_httpx"] is False
    searches = [r for r in emulator.requests() if r.path.endswith("/catalog/search")]
    assert searches and searches[0].authorization
