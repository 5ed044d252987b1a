"""Start-up stays light (#20): classFactory + initGui load no HTTP stack, pydantic or shapely.

The start is run in fresh processes (bench/bench_startup.py's child), since this test session has
imported everything already; nothing here is timed. The dependency check proves the packages
by importing them once per installed state, then leaves them to first use.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.bench_startup import run_child
from capella_qgis.toolbelt import dependencies
from capella_qgis.toolbelt.dependencies import Missing, Requirement

ROOT = Path(__file__).resolve().parents[2]
PYDANTIC = dependencies.REQUIREMENTS[0]

# Imported when first used (a search, a connection test, an AOI check), never while QGIS starts.
LAZY = (
    "httpx",  # also as capella_qgis._vendor.httpx in the packaged plugin
    "pydantic",
    "pydantic_core",
    "shapely",
    "capella_qgis.core.models.base",
    "capella_qgis.core.api.client",
)


@pytest.fixture(scope="module")
def starts(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, dict]:
    """The first start in a fresh profile, then a second one."""
    profile = str(tmp_path_factory.mktemp("profile"))
    return run_child(profile), run_child(profile)


def test_both_starts_load_the_plugin(starts: tuple[dict, dict]) -> None:
    assert [start["plugin"] for start in starts] == ["CapellaPlugin", "CapellaPlugin"]


def test_the_first_start_proves_the_dependencies_by_importing_them(
    starts: tuple[dict, dict],
) -> None:
    assert {"pydantic", "pydantic_core", "shapely"} <= set(starts[0]["modules"])


@pytest.mark.parametrize("module", LAZY)
def test_a_later_start_does_not_import(starts: tuple[dict, dict], module: str) -> None:
    loaded = {name.replace("capella_qgis._vendor.", "") for name in starts[1]["modules"]}
    assert module not in loaded


# --- the recorded check --------------------------------------------------------------------


@pytest.fixture
def profile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(dependencies, "settings_dir", lambda: tmp_path)
    return tmp_path


def _refuse() -> list[Missing]:
    raise AssertionError("the full check ran although this install was proven")


def test_a_passed_check_is_recorded_and_not_repeated(
    profile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert dependencies.startup_check() == ([], None)
    assert (profile / "capella_qgis" / dependencies.VERIFIED_NAME).is_file()
    monkeypatch.setattr(dependencies, "missing_dependencies", _refuse)
    monkeypatch.setattr(dependencies, "check_httpx", _refuse)
    assert dependencies.startup_check() == ([], None)


def test_a_changed_install_is_checked_again(profile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert dependencies.startup_check() == ([], None)
    # e.g. pydantic replaced by a broken copy: another fingerprint, the stand-in again.
    monkeypatch.setattr(dependencies, "dependency_fingerprint", lambda: "another install")
    broken = [Missing(PYDANTIC, "cannot be imported (bad ELF header)")]
    monkeypatch.setattr(dependencies, "missing_dependencies", lambda: broken)
    assert dependencies.startup_check() == (broken, None)


def test_a_failed_check_is_not_recorded(profile: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    missing = [Missing(PYDANTIC, "version 1.10.4 found")]
    monkeypatch.setattr(dependencies, "missing_dependencies", lambda: missing)
    assert dependencies.startup_check() == (missing, None)
    assert not (profile / "capella_qgis" / dependencies.VERIFIED_NAME).exists()
    assert dependencies.startup_check() == (missing, None)


def test_a_damaged_record_means_a_full_check(profile: Path) -> None:
    record = profile / "capella_qgis" / dependencies.VERIFIED_NAME
    record.parent.mkdir(parents=True)
    record.write_text("{not json", encoding="utf-8")
    assert dependencies.startup_check() == ([], None)
    assert json.loads(record.read_text(encoding="utf-8"))["fingerprint"]


def test_the_fingerprint_follows_the_package_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "capella_fake_dep"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    fake = Requirement("capella-fake-dep", "capella_fake_dep", (1, 0))
    monkeypatch.setattr(dependencies, "REQUIREMENTS", (fake,))
    before = dependencies.dependency_fingerprint()
    assert before is not None and before == dependencies.dependency_fingerprint()
    (package / "_compiled.so").write_bytes(b"")  # a reinstall adds or replaces files
    assert dependencies.dependency_fingerprint() != before
    (package / "_compiled.so").unlink()
    (package / "__init__.py").unlink()
    (package / "__init__.py").write_text("# another version\n", encoding="utf-8")
    assert dependencies.dependency_fingerprint() != before


def test_an_unlocatable_package_gives_no_fingerprint(monkeypatch: pytest.MonkeyPatch) -> None:
    absent = Requirement("capella-no-such-package", "capella_no_such_package", (1, 0))
    monkeypatch.setattr(dependencies, "REQUIREMENTS", (absent,))
    assert dependencies.dependency_fingerprint() is None


# --- shapely's first import, wherever it happens -------------------------------------------

GUARDED_IMPORT = """
import importlib.machinery, json, os, sys
from capella_qgis.toolbelt import dependencies
loads = []
original = importlib.machinery.ExtensionFileLoader.create_module
def create_module(self, spec):
    deepbind = bool(sys.getdlopenflags() & os.RTLD_DEEPBIND)
    loads.append([spec.name, deepbind])
    return original(self, spec)
importlib.machinery.ExtensionFileLoader.create_module = create_module
assert "shapely" not in sys.modules
dependencies.guard_first_imports()
dependencies.guard_first_imports()  # once only
import capella_qgis.core.geometry  # the first import, not the one in check()
import shapely
print(json.dumps({
    "loads": loads,
    "guards": sum(getattr(f, "capella_guard", False) for f in sys.meta_path),
    "flags_after": sys.getdlopenflags() & os.RTLD_DEEPBIND,
    "point": shapely.Point(1, 2).wkt,
}))
"""


@pytest.mark.skipif(not hasattr(os, "RTLD_DEEPBIND"), reason="Linux only (RTLD_DEEPBIND)")
def test_shapely_first_imported_later_still_loads_with_its_own_symbols() -> None:
    out = subprocess.run(
        [sys.executable, "-c", GUARDED_IMPORT],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    shapely_loads = [deepbind for name, deepbind in result["loads"] if name.startswith("shapely")]
    assert shapely_loads and all(shapely_loads)
    assert result["guards"] == 1
    assert result["flags_after"] == 0
    assert result["point"] == "POINT (1 2)"
