"""The package layering rules: who may import whom, no import cycles, core is pure Python,
Qt only through qgis.PyQt, Qt6-clean calls."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from collections import defaultdict
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


# --- the layer matrix ----------------------------------------------------------------------

# Which packages each package may import (besides itself). Lower layers never import upper
# ones: core is pure Python; the QGIS-side feature packages (no widgets) build on core and the
# toolbelt glue; tasks wrap core workflows; processing and gui call both; plugin wires it all.
FEATURES = {"aoi", "footprints", "opportunities", "rasters", "requests"}
MAY_IMPORT: dict[str, set[str]] = {
    "version": set(),
    "core": {"version"},
    "toolbelt": {"core", "version"},
    "aoi": {"core", "toolbelt"},
    "footprints": {"core", "toolbelt"},
    "rasters": {"core", "toolbelt", "footprints"},
    "requests": {"core", "toolbelt"},
    "opportunities": {"core", "toolbelt", "aoi"},
    "tasks": {"core", "toolbelt", *FEATURES},
    "processing": {"core", "toolbelt", *FEATURES},
    "gui": set(),
    "gui.aoi": {"core", "toolbelt", "aoi"},
    "gui.dependencies": {"toolbelt", "tasks"},
    "gui.main": {"core", "toolbelt", "tasks"},
    "gui.settings": {"core", "toolbelt", "tasks"},
    "gui.search": {"core", "toolbelt", "tasks", "gui.aoi", *FEATURES},
    "gui.orders": {"core", "toolbelt", "tasks", *FEATURES},
    "gui.tasking": {"core", "toolbelt", "tasks", "gui.aoi", "gui.orders", *FEATURES},
    "plugin": {
        "core", "toolbelt", "tasks", "processing", *FEATURES,
        "gui.main", "gui.settings", "gui.search", "gui.orders", "gui.tasking",
    },
    "": {"toolbelt", "gui.dependencies", "plugin"},  # capella_qgis/__init__.py (classFactory)
}  # fmt: skip
# Import cycles between modules that exist today. The list may only shrink: a cycle that is
# gone must be removed from here (the test says so), a new one fails the test.
EXEMPT_CYCLES: list[frozenset[str]] = [
    frozenset(
        {
            "capella_qgis.core.download",
            "capella_qgis.core.download.engine",
            "capella_qgis.core.download.fetch",
            "capella_qgis.core.download.segments",
        }
    ),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _plugin_modules() -> dict[str, Path]:
    return {_module_name(p): p for p in _python_files(PACKAGE)}


def _import_graph() -> dict[str, set[str]]:
    """Module -> plugin modules it imports, wherever the import is (type-only ones included)."""
    modules = _plugin_modules()
    graph: dict[str, set[str]] = defaultdict(set)
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            for target in targets:
                if target in modules and target != name:
                    graph[name].add(target)
    return graph


def _layer(module: str) -> str:
    parts = module.split(".")[1:]
    if not parts:
        return ""
    if parts[0] == "gui" and len(parts) > 1:
        return f"gui.{parts[1]}"
    return parts[0]


def test_every_package_has_a_row_in_the_matrix() -> None:
    layers = {_layer(m) for m in _plugin_modules()}
    assert layers - set(MAY_IMPORT) == set(), "add the new package to MAY_IMPORT"


def test_packages_import_only_what_the_matrix_allows() -> None:
    offenders = []
    for module, targets in sorted(_import_graph().items()):
        source = _layer(module)
        for target in sorted(targets):
            wanted = _layer(target)
            if wanted != source and wanted not in MAY_IMPORT[source]:
                offenders.append(f"{module} ({source or 'capella_qgis'}) imports {target}")
    assert offenders == []


def _cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def test_cycle_finder_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [frozenset({"a", "b", "c"})]


def test_no_new_import_cycles() -> None:
    cycles = _cycles(_import_graph())
    new = [sorted(c) for c in cycles if c not in EXEMPT_CYCLES]
    assert new == [], "import cycle (type-only imports count too)"


def test_exempt_cycles_still_exist() -> None:
    cycles = set(_cycles(_import_graph()))
    fixed = [sorted(c) for c in EXEMPT_CYCLES if c not in cycles]
    assert fixed == [], "this cycle is gone: remove it from EXEMPT_CYCLES"
