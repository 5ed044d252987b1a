"""Packaging: stage + zip, vendored imports, and the plugins.qgis.org validation gate."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from scripts import package, validate_package, vendor
from tests.e2e.conftest import ROOT

VENDORED = [
    "anyio",
    "certifi",
    "exceptiongroup",
    "geojson",
    "h11",
    "httpcore",
    "httpx",
    "idna",
    "sniffio",
    "socksio",
    "typing_extensions",
]
SITE_SCAN = ROOT.parent / "shared" / "tools" / "site_scan.sh"


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
    for required in ("__init__.py", "metadata.txt", "LICENSE", ".bandit"):
        assert f"capella_qgis/{required}" in names
    # No qpip requirements file: the plugin installs its compiled packages itself.
    assert "capella_qgis/requirements.txt" not in names
    # Test suites of vendored packages are not shipped (sniffio keeps its own in _tests).
    assert not [n for n in names if "/_tests/" in n or "/tests/" in n or "/test/" in n]
    assert "capella_qgis/_vendor/typing_extensions.py" in names
    assert "capella_qgis/_vendor/geojson/__init__.py" in names
    assert "capella_qgis/_vendor/httpx/__init__.py" in names
    assert "capella_qgis/_vendor/licenses/httpx/LICENSE.md" in names
    assert not [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".so"))]
    assert not [n for n in names if n.startswith("capella_qgis/tests")]


def test_metadata_takes_version_and_changelog_from_their_sources(
    built: tuple[Path, Path],
) -> None:
    staged, _ = built
    metadata = (staged / "metadata.txt").read_text()
    version = package.plugin_version()
    assert f"\nversion={version}\n" in metadata
    assert f"\nchangelog={version}\n    * " in metadata
    assert "One-click install of the packages QGIS lacks" in metadata
    assert "plugin_dependencies" not in metadata
    assert "\nsupportsQt6=True\n" in metadata
    assert (staged / "_vendor" / "vendor.txt").read_text().count("==") == len(VENDORED)


def test_metadata_refuses_a_second_version_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    base = tmp_path / "metadata.txt"
    base.write_text("[general]\nname=x\nversion=9.9.9\n")
    monkeypatch.setattr(package, "METADATA", base)
    with pytest.raises(RuntimeError, match="must not set version"):
        package.metadata_text()


def test_no_bare_vendored_imports_left(built: tuple[Path, Path]) -> None:
    staged, _ = built
    assert vendor.vendored_names(vendor.distributions()) == VENDORED
    assert vendor.bare_imports(staged, VENDORED) == []
    client = (staged / "core" / "api" / "http.py").read_text()
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
    site = vendor.compiled_only_site(tmp_path / "site")
    assert not (site / "httpx").exists()
    report = vendor.verify_staged(staged, VENDORED, site)
    assert report["client_httpx"] == "capella_qgis._vendor.httpx"
    assert report["leaked"] == []
    assert report["status"] == 200


def test_structure_and_metadata_pass(built: tuple[Path, Path]) -> None:
    _, zip_path = built
    assert validate_package.validate(zip_path, scanners=False) == []


def test_site_scanners_find_nothing(built: tuple[Path, Path]) -> None:
    staged, _ = built
    root = staged.parent  # holds capella_qgis/ only, as the site's extract folder does
    assert validate_package.run_bandit(root) == []
    assert validate_package.run_detect_secrets(root) == []


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
        (f"version={package.plugin_version()}", "version=first", "version='first'"),
        ("qgisMaximumVersion=4.99", "qgisMaximumVersion=3.99", "must be >= 4.0"),
        ("qgisMinimumVersion=3.22", "qgisMinimumVersion=3.16", "expected 3.22"),
        ("author=capella_qgis contributors", "author=a/b", "must not contain '/'"),
        (
            "repository=https://github.com/capella-qgis/capella_qgis\n",
            "repository=http://repo\n",
            "template default",
        ),
        ("supportsQt6=True\n", "", "supportsQt6=True missing"),
        ("[general]\n", "[general]\nplugin_dependencies=qpip\n", "breaks Install from ZIP"),
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


def _planted(staged: Path, root: Path) -> Path:
    copy = shutil.copytree(staged, root / "capella_qgis")
    (copy / "core" / "planted.py").write_text(
        'import subprocess\n\nAWS_KEY = "AKIAIOSFODNN7EXAMPLE"\n\n\n'
        "def run(cmd):\n    return subprocess.call(cmd, shell=True)\n"
    )
    # A LOW-severity finding blocks the upload too.
    (copy / "tasks" / "planted_assert.py").write_text("def f(x):\n    assert x\n")
    # Vendored code is excluded by .bandit, even on rules that cannot be skipped.
    (copy / "_vendor" / "planted_vendor.py").write_text("import pickle\npickle.loads(b'')\n")
    (copy / "gui" / "planted_qt.py").write_text("from PyQt5.QtCore import QRegExp\n")
    return copy


def test_scanners_catch_planted_findings(built: tuple[Path, Path], tmp_path: Path) -> None:
    staged, _ = built
    copy = _planted(staged, tmp_path)
    bandit = validate_package.run_bandit(tmp_path)
    secrets = validate_package.run_detect_secrets(tmp_path)
    flake8 = validate_package.run_flake8_qgis(copy)
    assert any("planted.py" in p and "B602" in p for p in bandit), bandit
    assert any("planted_assert.py" in p and "B101" in p for p in bandit), bandit
    assert not [p for p in bandit if "planted_vendor" in p], bandit
    assert any("planted.py" in p for p in secrets), secrets
    assert any("planted_qt.py" in p and "QGS" in p for p in flake8), flake8


@pytest.mark.skipif(not SITE_SCAN.is_file(), reason="the site scan script is not beside the repo")
def test_package_check_blocks_exactly_when_the_site_would(
    built: tuple[Path, Path], tmp_path: Path
) -> None:
    staged, zip_path = built
    _planted(staged, tmp_path / "planted")
    planted_zip = tmp_path / "planted.zip"
    with zipfile.ZipFile(planted_zip, "w") as zf:
        for path in sorted((tmp_path / "planted").rglob("*")):
            if path.is_file():
                zf.write(path, path.relative_to(tmp_path / "planted"))
    for candidate, blocked in ((zip_path, False), (planted_zip, True)):
        site = subprocess.run(
            [str(SITE_SCAN), str(candidate)], cwd=ROOT, capture_output=True, text=True
        )
        ours = [
            p
            for p in validate_package.validate(candidate)
            if p.startswith(("bandit:", "detect-secrets:"))
        ]
        assert (site.returncode != 0) is blocked, site.stdout
        assert bool(ours) is blocked, ours
        if blocked:
            count = int(site.stdout.split("bandit findings: ")[1].split()[0])
            assert len([p for p in ours if p.startswith("bandit:")]) == count


def test_bandit_config_must_exclude_only_vendor(tmp_path: Path) -> None:
    (tmp_path / "capella_qgis").mkdir()
    (tmp_path / "capella_qgis" / ".bandit").write_text(
        "[bandit]\nexclude = ./_vendor,core\nskips = B105\n"
    )
    problems = validate_package.bandit_config_problems(tmp_path)
    assert any("skips" in p for p in problems)
    assert any("expected only '*/_vendor/*'" in p for p in problems)
