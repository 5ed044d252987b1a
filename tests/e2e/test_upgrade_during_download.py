"""Install a newer zip over the running plugin while it downloads: the old task stops, the new
copy offers Resume, and the file ends byte-identical with one writer at a time."""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path
from typing import Callable

import httpx
import pytest

from scripts import package
from tests.console_emulator import Emulator
from tests.e2e.conftest import PROFILE, QgisRun, needs_qgis, user_environment

pytestmark = [needs_qgis, pytest.mark.slow]
QGIS_PYTHON = "/usr/bin/python3"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _bumped_zip(built_zip: Path, tmp_path: Path) -> tuple[Path, str]:
    """The same plugin with a higher version, as the next release would be."""
    staged = package.stage(tmp_path / "stage2" / "capella_qgis")
    current = package.plugin_version()
    newer = re.sub(r"(\d+)$", lambda m: str(int(m.group(1)) + 1), current)
    for name in ("version.py", "metadata.txt"):
        path = staged / name
        path.write_text(path.read_text().replace(current, newer))
    return package.build_zip(staged, tmp_path / "capella_qgis-next.zip"), newer


def _install_dependencies(profiles: Path, wheels: Path) -> None:
    """The profile as the one-click install leaves it (that path has its own test)."""
    minor = f"{sys.version_info[0]}.{sys.version_info[1]}"
    target = profiles / "profiles" / PROFILE / "python" / "dependencies" / minor
    base = [QGIS_PYTHON, "-m", "pip", "install", "-q", "--no-index", "--find-links", str(wheels)]
    env = user_environment(PIP_CONFIG_FILE="/dev/null")
    subprocess.run([*base, "--target", str(target), "pydantic"], check=True, env=env)
    subprocess.run([*base, "--target", str(target), "--no-deps", "shapely"], check=True, env=env)


def test_upgrade_in_place_while_downloading(
    built_zip: Path,
    wheels: Path,
    fresh_profile: Path,
    run_qgis: Callable[..., QgisRun],
    emulator: Emulator,
    tmp_path: Path,
) -> None:
    _install_dependencies(fresh_profile, wheels)
    next_zip, newer = _bumped_zip(built_zip, tmp_path)
    entry = next(
        e
        for e in emulator.state.entries
        if e.props["sar:product_type"] == "SLC"
        and emulator.state.accessible(e)
        and "HH" in emulator.assets.filenames(e)
    )
    with httpx.Client(base_url=emulator.url, headers={"Authorization": "ApiKey demo"}) as api:
        body = {"items": [{"collectionId": entry.collection, "granuleId": entry.id}]}
        order_id = str(api.post("/orders", json=body).raise_for_status().json()["orderId"])
    source = Path(emulator.store.path(emulator.state.by_id[entry.id].item, "HH"))
    # Slow enough that the upgrade lands in the middle of the body.
    emulator.faults.add("bandwidth", f"*{source.name}", bytes_per_sec=250_000)
    folder = tmp_path / "downloads"
    env = user_environment(
        CAPELLA_E2E_ZIP=str(built_zip),
        CAPELLA_E2E_ZIP2=str(next_zip),
        CAPELLA_E2E_ORDER=order_id,
        CAPELLA_E2E_FOLDER=str(folder),
        CAPELLA_API_URL=emulator.url,
        CAPELLA_API_KEY="demo",
    )
    run = run_qgis("upgrade_during_download.py", fresh_profile, env)
    report = run.report
    assert "error" not in report, report.get("error")
    assert report["first_class"] == "CapellaPlugin", run.log[-3000:]
    assert report["first_version"] == package.plugin_version()
    assert report["part_started"], report
    assert report["second_class"] == "CapellaPlugin"
    assert report["second_version"] == newer
    assert report["resume_buttons"] == 1, report["bar_texts"]
    assert report["finished"], report
    target = folder / entry.id / source.name
    assert target.is_file(), report["files"]
    assert _sha(target) == _sha(source)
    # Nothing of the work files is left: no .part, sidecar or lock.
    assert not [name for name in report["files"] if ".part" in name], report["files"]
    assert "expected" not in " ".join(report["bar_texts_end"]), report["bar_texts_end"]
