"""The package layering rules: core is pure Python, Qt only through qgis.PyQt, Qt6-clean calls."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "capella_qgis"
FORBIDDEN_IN_CORE = ("qgis", "PyQt5", "PyQt6", "PySide2", "PySide6", "osgeo", "sip")
UPPER_LAYERS = ("capella_qgis.gui", "capella_qgis.tasks", "capella_qgis.processing")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def _python_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.py") if "_vendor" not in p.parts)


def test_core_has_python_files() -> None:
    assert len(_python_files(PACKAGE / "core")) >= 5


def test_core_imports_no_qt_qgis_or_upper_layers() -> None:
    offenders = []
    for path in _python_files(PACKAGE / "core"):
        for name in _imports(path):
            top = name.split(".")[0]
            upper = name.startswith((*UPPER_LAYERS, "capella_qgis.toolbelt"))
            if top in FORBIDDEN_IN_CORE or upper:
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_importing_core_loads_no_qt_or_qgis() -> None:
    code = (
        "import importlib, json, pkgutil, sys\n"
        "import capella_qgis.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'capella_qgis.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    loaded = json.loads(out.stdout.strip().splitlines()[-1])
    bad = [m for m in loaded if m.split(".")[0] in FORBIDDEN_IN_CORE]
    assert bad == []


def test_qt_is_imported_only_through_qgis_pyqt() -> None:
    offenders = []
    for path in _python_files(PACKAGE):
        for name in _imports(path):
            if name.split(".")[0] in ("PyQt5", "PyQt6", "PySide2", "PySide6", "sip"):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_no_qt5_only_calls() -> None:
    offenders = []
    for path in _python_files(PACKAGE):
        text = path.read_text(encoding="utf-8")
        for needle in (".exec_(", "QRegExp", "QDesktopWidget", "pyqtSignal(QVariant"):
            if needle in text:
                offenders.append(f"{path.relative_to(ROOT)} uses {needle}")
    assert offenders == []
