"""``make translations``: refresh the .ts files from the sources (pylupdate5), check, compile .qm.

``i18n/capella_qgis.ts`` is the English template (every message, no translations);
``i18n/capella_qgis_<lang>.ts`` are the translations, merged by pylupdate5 so existing
translations are kept. Locations keep the file name only, so line moves do not churn the diff.
The compiled ``.qm`` files are build products: ``scripts/package.py`` compiles them into the
staged plugin, they are never committed.

    python scripts/translations.py            # update the .ts files, check, compile into i18n/
    python scripts/translations.py --check    # only check that every message is translated
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
I18N = ROOT / "i18n"
PACKAGE = ROOT / "capella_qgis"
TEMPLATE = I18N / "capella_qgis.ts"
LANGUAGES = ("de",)
PLACEHOLDER = re.compile(r"\{[a-z_]*(?::[^}]*)?\}|%[vm1-9]")


@dataclass(frozen=True)
class Message:
    """One message of a .ts file."""

    context: str
    source: str
    translation: str
    kind: str  # "" (finished), "unfinished", "obsolete", "vanished"


def translation_path(lang: str) -> Path:
    """The .ts file of ``lang``."""
    return I18N / f"capella_qgis_{lang}.ts"


def sources() -> list[Path]:
    """Every .py and .ui file of the plugin, vendored code excluded, relative to the repo."""
    found = [
        p.relative_to(ROOT)
        for p in sorted(PACKAGE.rglob("*"))
        if p.suffix in (".py", ".ui") and "_vendor" not in p.parts and "__pycache__" not in p.parts
    ]
    return found


def tool(name: str, fallback: str) -> str:
    """A Qt tool: ``name`` on PATH, else the Debian location, else a clear error."""
    for candidate in (shutil.which(name), fallback):
        if candidate and Path(candidate).exists():
            return candidate
    raise SystemExit(
        f"{name} not found: install the Debian packages pyqt5-dev-tools (pylupdate5) and "
        "qttools5-dev-tools (lrelease), e.g. `make bootstrap`."
    )


def pylupdate(ts: Path) -> None:
    """Merge the messages of the sources into ``ts`` (created when missing)."""
    cmd = [tool("pylupdate5", "/usr/bin/pylupdate5"), "-noobsolete"]
    cmd += [str(p) for p in sources()]
    cmd += ["-ts", str(ts.relative_to(ROOT))]
    env = dict(os.environ, PYTHONWARNINGS="ignore")
    subprocess.run(cmd, cwd=ROOT, check=True, env=env)


def normalise(ts: Path, language: str) -> None:
    """Drop line numbers from locations and set the language attributes."""
    text = ts.read_text(encoding="utf-8")
    text = re.sub(r'(<location filename="[^"]+") line="\d+"/>', r"\1/>", text)
    # one location per file is enough once the line numbers are gone
    text = re.sub(
        r'(\s*<location filename="([^"]+)"/>)(?:\s*<location filename="\2"/>)+', r"\1", text
    )
    attrs = f'<TS version="2.1" language="{language}" sourcelanguage="en">' if language else None
    if attrs:
        text = re.sub(r"<TS [^>]*>", attrs, text, count=1)
    else:
        text = re.sub(r"<TS [^>]*>", '<TS version="2.1" sourcelanguage="en">', text, count=1)
    ts.write_text(text, encoding="utf-8")


def update() -> None:
    """Regenerate the template from scratch and merge the sources into every translation."""
    I18N.mkdir(exist_ok=True)
    TEMPLATE.unlink(missing_ok=True)
    pylupdate(TEMPLATE)
    normalise(TEMPLATE, "")
    for lang in LANGUAGES:
        ts = translation_path(lang)
        pylupdate(ts)
        normalise(ts, lang)


def read_messages(ts: Path) -> list[Message]:
    """Every message of a .ts file."""
    out = []
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            node = message.find("translation")
            out.append(
                Message(
                    name,
                    message.findtext("source") or "",
                    (node.text or "") if node is not None else "",
                    (node.get("type") or "") if node is not None else "unfinished",
                )
            )
    return out


def problems(lang: str) -> list[str]:
    """What is missing or wrong in the translation of ``lang`` (empty when complete)."""
    template = {(m.context, m.source) for m in read_messages(TEMPLATE)}
    messages = read_messages(translation_path(lang))
    found = {(m.context, m.source) for m in messages}
    out = [f"not in {lang}: [{c}] {s!r}" for c, s in sorted(template - found)]
    out += [f"not in the template: [{c}] {s!r}" for c, s in sorted(found - template)]
    for m in messages:
        where = f"[{m.context}] {m.source!r}"
        if m.kind or not m.translation.strip():
            out.append(f"{m.kind or 'empty'}: {where}")
        elif sorted(PLACEHOLDER.findall(m.source)) != sorted(PLACEHOLDER.findall(m.translation)):
            out.append(f"placeholders differ: {where} -> {m.translation!r}")
    return out


def _literal(node: ast.AST) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def source_messages() -> set[tuple[str, str]]:
    """(context, text) of every literal tr()/translate()/QT_TRANSLATE_NOOP() call, as at runtime.

    ``self.tr`` uses the class name (PyQt and our per-class ``tr`` helpers), a bare ``tr`` the
    "@default" context of ``compat.tr``; used to catch calls pylupdate5 misreads. Calls of a
    module's one-argument ``translate`` wrapper count too: pylupdate5 cannot see through them.
    """
    found: set[tuple[str, str]] = set()

    def wrappers(tree: ast.Module) -> dict[str, str]:
        """Module functions ``f(text)`` that return ``translate("Ctx", text)``: name -> Ctx."""
        out = {}
        for fn in tree.body:
            if not isinstance(fn, ast.FunctionDef) or len(fn.args.args) != 1:
                continue
            body = [b for b in fn.body if not isinstance(b, ast.Expr)]  # skip a docstring
            call = body[0].value if len(body) == 1 and isinstance(body[0], ast.Return) else None
            if not isinstance(call, ast.Call) or len(call.args) != 2:
                continue
            name = call.func.attr if isinstance(call.func, ast.Attribute) else ""
            param = call.args[1]
            context = _literal(call.args[0])
            if (
                name == "translate"
                and context is not None
                and isinstance(param, ast.Name)
                and param.id == fn.args.args[0].arg
            ):
                out[fn.name] = context
        return out

    helpers: dict[str, str] = {}

    def visit(node: ast.AST, cls: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                visit(child, child.name)
                continue
            if isinstance(child, ast.Call) and child.args:
                func = child.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                first = _literal(child.args[0])
                if name == "QT_TR_NOOP" and first is not None:
                    found.add(("@default", first))
                elif name == "tr" and first is not None:
                    context = cls if isinstance(func, ast.Attribute) else "@default"
                    if len(child.args) > 1 and _literal(child.args[1]) is not None:
                        context = _literal(child.args[1]) or context
                    found.add((context, first))
                elif name in helpers and first is not None:
                    found.add((helpers[name], first))
                elif name in ("translate", "QT_TRANSLATE_NOOP") and len(child.args) > 1:
                    text = _literal(child.args[1])
                    if first is not None and text is not None:
                        found.add((first, text))
            visit(child, cls)

    for path in sources():
        if path.suffix == ".py":
            tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
            helpers = wrappers(tree)
            visit(tree, "@default")
    return found


def template_problems() -> list[str]:
    """Messages the sources use at runtime that pylupdate5 did not put in the template."""
    template = {(m.context, m.source) for m in read_messages(TEMPLATE)}
    return [f"pylupdate5 missed: [{c}] {s!r}" for c, s in sorted(source_messages() - template)]


def compile_qm(dest: Path = I18N) -> list[Path]:
    """Compile every translation with lrelease into ``dest``; returns the .qm files."""
    dest.mkdir(parents=True, exist_ok=True)
    lrelease = tool("lrelease", "/usr/lib/qt5/bin/lrelease")
    out = []
    for lang in LANGUAGES:
        qm = dest / f"capella_qgis_{lang}.qm"
        subprocess.run(
            [lrelease, "-silent", str(translation_path(lang)), "-qm", str(qm)],
            check=True,
            env=dict(os.environ, QT_SELECT="qt5"),
        )
        out.append(qm)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only check the translations")
    args = parser.parse_args(argv)
    if not args.check:
        update()
    missed = template_problems()
    for line in missed:
        print(f"{TEMPLATE.name}: {line}")
    failed = bool(missed)
    for lang in LANGUAGES:
        found = problems(lang)
        for line in found:
            print(f"{translation_path(lang).name}: {line}")
        failed = failed or bool(found)
        total = len(read_messages(translation_path(lang)))
        print(f"{lang}: {total - len(found)} of {total} messages translated")
    if not args.check:
        for qm in compile_qm():
            print(f"Compiled {qm.relative_to(ROOT)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
