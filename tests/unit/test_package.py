"""Packaging: stage + zip, vendored imports, and the plugins.qgis.org validation gate."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts import package, validate_package, vendor

VENDORED = ["anyio", "certifi", "exceptiongroup", "h11", "httpcore", "httpx", "idna", "sniffio"]


@pytest.fixture(scope="module")
def built() -> Iterator[tuple[Path, Path]]:
    with tempfile.TemporaryDirectory(prefix="capella-pkg-") as tmp:
        staged = package.stage(Path(tmp) / "stage" / "capella_qgis")
        zip_path = package.build_zip(staged, Path(tmp) / "capella_qgis.zip")
        yield staged, zip_path


def _rezip(source: Path, target: Path, edit: dict[str, bytes | None]) -> Path:
    """Copy ``source`` to ``target`` replacing (bytes) or dropping (None) entries, adding new."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            if info.filename in edit:
                continue
            dst.writestr(info, src.read(info.filename))
        for name, data in edit.items():
            if data is not None:
                dst.writestr(name, data)
    return target


def test_zip_has_one_plugin_folder_with_required_files(built: tuple[Path, Path]) -> None:
    _, zip_path = built
    with zipfile.ZipFile(zip_path) as zf:
        names = zf.namelist()
    assert {n.split("/", 1)[0] for n in names} == {"capella_qgis"}
    for required in ("__init__.py", "metadata.txt", "LICENSE", "requirements.txt", ".bandit"):
        assert f"capella_qgis/{required}" in names
    assert "capella_qgis/_vendor/httpx/__init__.py" in names
    assert "capella_qgis/_vendor/licenses/httpx/LICENSE.md" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".so"))]
    assert not [n for n in names if n.startswith("capella_qgis/tests")]


def test_requirements_only_declare_pydantic(built: tuple[Path, Path]) -> None:
    staged, _ = built
    assert (staged / "requirements.txt").read_text().split() == ["pydantic>=2.5,<3"]
    assert (staged / "_vendor" / "vendor.txt").read_text().count("==") == len(VENDORED)


def test_no_bare_vendored_imports_left(built: tuple[Path, Path]) -> None:
    staged, _ = built
    assert vendor.vendored_names(vendor.distributions()) == VENDORED
    assert vendor.bare_imports(staged, VENDORED) == []
    client = (staged / "core" / "client.py").read_text()
    assert "from capella_qgis._vendor import httpx" in client
    certifi_core = (staged / "_vendor" / "certifi" / "core.py").read_text()
    assert 'files("capella_qgis._vendor.certifi")' in certifi_core


def test_rewrite_source_cases() -> None:
    names = {"httpx", "h11"}
    source = (
        "import os, httpx\n"
        "import h11._util\n"
        "import httpx as hx\n"
        "from httpx._models import (\n    Request,  # comment kept\n)\n"
        "from . import httpx\n"
        "import httpxy\n"
        'mod = import_module(f"h11._x{y}")\n'
        'name = "httpx"\n'
    )
    out = vendor.rewrite_source(source, names)
    assert "import os; from capella_qgis._vendor import httpx\n" in out
    assert "from capella_qgis._vendor import h11; import capella_qgis._vendor.h11._util" in out
    assert "import capella_qgis._vendor.httpx as hx" in out
    assert "from capella_qgis._vendor.httpx._models import (\n    Request,  # comment kept" in out
    assert "from . import httpx" in out
    assert "import httpxy" in out
    assert 'import_module(f"capella_qgis._vendor.h11._x{y}")' in out
    assert 'name = "httpx"' in out  # plain strings (logger names, codecs) stay


def test_staged_plugin_imports_without_httpx(built: tuple[Path, Path], tmp_path: Path) -> None:
    staged, _ = built
    site = vendor.pydantic_only_site(tmp_path / "site")
    assert not (site / "httpx").exists()
    report = vendor.verify_staged(staged, VENDORED, site)
    assert report["client_httpx"] == "capella_qgis._vendor.httpx"
    assert report["leaked"] == []
    assert report["status"] == 200


def test_structure_and_metadata_pass(built: tuple[Path, Path]) -> None:
    _, zip_path = built
    assert validate_package.validate(zip_path, scanners=False) == []


def test_vendored_code_gives_no_scanner_findings(built: tuple[Path, Path]) -> None:
    staged, _ = built
    problems = validate_package.run_bandit(staged) + validate_package.run_detect_secrets(staged)
    assert [p for p in problems if "_vendor" in p] == []


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        ({"capella_qgis/LICENSE": None}, "capella_qgis/LICENSE missing"),
        ({"capella_qgis/core/_speedups.so": b"\x7fELF"}, "binary/script file not allowed"),
        ({"capella_qgis/core/__pycache__/x.cpython-311.pyc": b"x"}, "forbidden folder"),
        ({"other/readme.txt": b"x"}, "expected one top-level folder"),
        ({"capella_qgis/core/bad.py": b"import httpx\n"}, "bare import of a vendored package"),
    ],
)
def test_validation_fails_on_broken_zip(
    built: tuple[Path, Path], tmp_path: Path, edit: dict[str, bytes | None], expected: str
) -> None:
    _, zip_path = built
    broken = _rezip(zip_path, tmp_path / "broken.zip", edit)
    problems = validate_package.validate(broken, scanners=False)
    assert any(expected in p for p in problems), problems


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("tracker=https://github.com/capella-qgis/capella_qgis/issues\n", "", "'tracker' missing"),
        ("version=0.1.0", "version=first", "version='first'"),
        ("qgisMaximumVersion=4.99", "qgisMaximumVersion=3.99", "must be >= 4.0"),
        ("qgisMinimumVersion=3.22", "qgisMinimumVersion=3.16", "expected 3.22"),
        ("author=capella_qgis contributors", "author=a/b", "must not contain '/'"),
        (
            "repository=https://github.com/capella-qgis/capella_qgis\n",
            "repository=http://repo\n",
            "template default",
        ),
        ("[general]\n", "[general]\nsupportsQt6=True\n", "supportsQt6 is deprecated"),
        ("plugin_dependencies=qpip", "plugin_dependencies=", "lacks qpip"),
    ],
)
def test_validation_fails_on_bad_metadata(
    built: tuple[Path, Path], tmp_path: Path, old: str, new: str, expected: str
) -> None:
    staged, zip_path = built
    metadata = (staged / "metadata.txt").read_text()
    assert old in metadata
    broken = _rezip(
        zip_path,
        tmp_path / "broken.zip",
        {"capella_qgis/metadata.txt": metadata.replace(old, new).encode()},
    )
    problems = validate_package.validate(broken, scanners=False)
    assert any(expected in p for p in problems), problems


def test_scanners_catch_planted_findings(built: tuple[Path, Path], tmp_path: Path) -> None:
    staged, _ = built
    copy = shutil.copytree(staged, tmp_path / "capella_qgis")
    (copy / "core" / "planted.py").write_text(
        'import subprocess\n\nAWS_KEY = "AKIAIOSFODNN7EXAMPLE"\n\n\n'
        "def run(cmd):\n    return subprocess.call(cmd, shell=True)\n"
    )
    (copy / "gui" / "planted_qt.py").write_text("from PyQt5.QtCore import QRegExp\n")
    bandit = validate_package.run_bandit(copy)
    secrets = validate_package.run_detect_secrets(copy)
    flake8 = validate_package.run_flake8_qgis(copy)
    assert any("planted.py" in p and "B602" in p for p in bandit), bandit
    assert any("planted.py" in p for p in secrets), secrets
    assert any("planted_qt.py" in p and "QGS" in p for p in flake8), flake8


def test_bandit_config_must_exclude_only_vendor(tmp_path: Path) -> None:
    (tmp_path / ".bandit").write_text("[bandit]\nexclude_dirs = _vendor,core\nskips = B105\n")
    _, problems = validate_package.bandit_excludes(tmp_path)
    assert any("skips" in p for p in problems)
    assert any("expected only _vendor" in p for p in problems)
