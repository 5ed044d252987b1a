"""Rewrite absolute imports of vendored packages to ``capella_qgis._vendor.<name>`` (AST based).

Used by scripts/package.py through scripts/vendor.py, which re-exports these names.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

PLUGIN_PACKAGE = "capella_qgis"
VENDOR_PACKAGE = "_vendor"
PREFIX = f"{PLUGIN_PACKAGE}.{VENDOR_PACKAGE}"

# Calls whose first string argument names a module or package (importlib, importlib.resources).
MODULE_NAME_CALLS = frozenset(
    {
        "import_module",
        "find_spec",
        "files",
        "get_path",
        "path",
        "read_text",
        "read_binary",
        "open_text",
        "open_binary",
        "contents",
        "is_resource",
    }
)


def _top(module: str) -> str:
    return module.split(".", 1)[0]


def _offsets(source: bytes) -> list[int]:
    starts = [0]
    for line in source.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    return starts


def _rewrite_import(node: ast.Import, names: set[str], prefix: str) -> str | None:
    if not any(_top(alias.name) in names for alias in node.names):
        return None
    parts: list[str] = []
    for alias in node.names:
        if _top(alias.name) not in names:
            parts.append(f"import {alias.name}" + (f" as {alias.asname}" if alias.asname else ""))
        elif alias.asname:
            parts.append(f"import {prefix}.{alias.name} as {alias.asname}")
        else:
            # `import h11._util` binds `h11` and loads the submodule: do both.
            top = _top(alias.name)
            parts.append(f"from {prefix} import {top}")
            if alias.name != top:
                parts.append(f"import {prefix}.{alias.name}")
    return "; ".join(parts)


def _string_prefix(node: ast.expr, names: set[str]) -> bool:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value in names or (_top(node.value) in names and "." in node.value)
    if isinstance(node, ast.JoinedStr) and node.values:
        first = node.values[0]
        return (
            isinstance(first, ast.Constant)
            and isinstance(first.value, str)
            and "." in first.value
            and _top(first.value) in names
        )
    return False


def rewrite_source(source: str, names: set[str], prefix: str = PREFIX) -> str:
    """Rewrite absolute imports and importlib module-name strings of ``names`` under ``prefix``."""
    tree = ast.parse(source)
    data = source.encode("utf-8")
    starts = _offsets(data)
    edits: list[tuple[int, int, bytes]] = []

    def span(node: ast.AST) -> tuple[int, int]:
        start = starts[node.lineno - 1] + node.col_offset  # type: ignore[attr-defined]
        end = starts[node.end_lineno - 1] + node.end_col_offset  # type: ignore[attr-defined]
        return start, end

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            text = _rewrite_import(node, names, prefix)
            if text is not None:
                start, end = span(node)
                edits.append((start, end, text.encode("utf-8")))
        elif isinstance(node, ast.ImportFrom):
            if node.level or not node.module or _top(node.module) not in names:
                continue
            start, end = span(node)
            segment = data[start:end]
            match = re.match(rb"from(\s+)" + re.escape(node.module.encode()), segment)
            if match is None:  # pragma: no cover - unusual spelling (backslash continuation)
                raise ValueError(f"cannot rewrite import at line {node.lineno}")
            module_start = start + match.end() - len(node.module)
            edits.append((module_start, module_start, prefix.encode() + b"."))
        elif isinstance(node, ast.Call) and node.args:
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if called in MODULE_NAME_CALLS and _string_prefix(node.args[0], names):
                start, end = span(node.args[0])
                segment = data[start:end]
                quote = re.match(rb"[rRbBfFuU]*(['\"]{1,3})", segment)
                if quote is None:  # pragma: no cover
                    continue
                at = start + quote.end()
                edits.append((at, at, prefix.encode() + b"."))
    for start, end, text in sorted(edits, key=lambda e: e[0], reverse=True):
        data = data[:start] + text + data[end:]
    return data.decode("utf-8")


def rewrite_tree(root: Path, names: list[str], prefix: str = PREFIX) -> list[Path]:
    """Rewrite every ``.py`` file under ``root``; return the files that changed."""
    changed: list[Path] = []
    wanted = set(names)
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        new = rewrite_source(source, wanted, prefix)
        if new != source:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def bare_imports(root: Path, names: list[str]) -> list[str]:
    """List ``file:line`` of absolute imports of ``names`` left under ``root`` (should be none)."""
    wanted = set(names)
    found: list[str] = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            modules: list[str] = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                modules = [node.module]
            if any(_top(m) in wanted for m in modules):
                found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found
