"""Vendor the pure-Python dependencies into a staged plugin under ``capella_qgis/_vendor``."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as `python scripts/vendor.py`
    sys.path.insert(0, str(ROOT))

from scripts.vendor_rewrite import (  # noqa: E402  (re-exported: package.py, tests use them)
    MODULE_NAME_CALLS,
    PLUGIN_PACKAGE,
    PREFIX,
    VENDOR_PACKAGE,
    bare_imports,
    rewrite_source,
    rewrite_tree,
)

__all__ = [
    "MODULE_NAME_CALLS",
    "PLUGIN_PACKAGE",
    "PREFIX",
    "VENDOR_PACKAGE",
    "Distribution",
    "allowlist_vendored_secrets",
    "bare_imports",
    "compiled_only_site",
    "distributions",
    "fetch",
    "rewrite_source",
    "rewrite_tree",
    "vendor_into",
    "vendored_names",
    "verify_staged",
]

BUILD = ROOT / "build"
VENDOR_REQUIREMENTS = ROOT / "requirements" / "vendor.txt"
VENDOR_SRC = BUILD / "vendor_src"
STAMP_NAME = ".requirements.sha256"
COMPILED_SUFFIXES = (".so", ".pyd", ".dll", ".dylib", ".exe")
# The compiled packages the plugin needs at run time (pydantic's stack, shapely and the numpy
# it runs on: QGIS' own); the verify test builds a site holding only these.
COMPILED_STACK = (
    "pydantic",
    "pydantic_core",
    "annotated_types",
    "typing_extensions",
    "typing_inspection",
    "shapely",
    "numpy",
)


@dataclass
class Distribution:
    """One installed wheel in the vendor source folder."""

    name: str
    version: str
    top_level: list[str] = field(default_factory=list)
    licenses: list[Path] = field(default_factory=list)


def fetch(
    requirements: Path = VENDOR_REQUIREMENTS, target: Path = VENDOR_SRC, *, force: bool = False
) -> Path:
    """``pip install --no-deps --target`` the pinned wheels (skipped when already up to date)."""
    digest = hashlib.sha256(requirements.read_bytes()).hexdigest()
    stamp = target / STAMP_NAME
    if not force and stamp.is_file() and stamp.read_text().strip() == digest:
        return target
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--only-binary=:all:",
            "--no-compile",
            "--target",
            str(target),
            "-r",
            str(requirements),
        ],
        check=True,
    )
    stamp.write_text(digest + "\n")
    return target


def distributions(src: Path = VENDOR_SRC) -> list[Distribution]:
    """Read name, version, top-level import names and licence files of each fetched wheel."""
    found: list[Distribution] = []
    for info in sorted(src.glob("*.dist-info")):
        meta = (info / "METADATA").read_text(encoding="utf-8")
        name = re.search(r"^Name: (.+)$", meta, re.MULTILINE)
        version = re.search(r"^Version: (.+)$", meta, re.MULTILINE)
        dist = Distribution(
            name=name.group(1).strip() if name else info.name,
            version=version.group(1).strip() if version else "?",
        )
        tops: set[str] = set()
        for line in (info / "RECORD").read_text(encoding="utf-8").splitlines():
            path = line.rsplit(",", 2)[0]
            head = path.split("/", 1)[0]
            if head.endswith((".dist-info", ".data")) or head in ("..", "bin", ""):
                continue
            if "/" in path:
                tops.add(head)
            elif path.endswith(".py"):
                tops.add(path[:-3])
        dist.top_level = sorted(tops)
        dist.licenses = sorted(
            p
            for p in info.rglob("*")
            if p.is_file() and re.match(r"(LICEN[CS]E|COPYING|NOTICE)", p.name, re.IGNORECASE)
        )
        found.append(dist)
    return found


def vendor_into(plugin_dir: Path, src: Path | None = None) -> list[Distribution]:
    """Copy the fetched packages and their licences into ``plugin_dir/_vendor``."""
    src = fetch() if src is None else src
    dists = distributions(src)
    vendor = plugin_dir / VENDOR_PACKAGE
    if vendor.exists():
        shutil.rmtree(vendor)
    vendor.mkdir(parents=True)
    # Test suites of the vendored packages are not shipped (plugins.qgis.org and our own
    # check refuse test folders; sniffio hides its own in `_tests`).
    ignore = shutil.ignore_patterns(
        "__pycache__", "*.pyc", "*.pyo", "py.typed", "tests", "_tests", "test", "testing"
    )
    for dist in dists:
        for top in dist.top_level:
            source = src / top
            if source.is_dir():
                shutil.copytree(source, vendor / top, ignore=ignore)
            else:
                shutil.copy2(src / f"{top}.py", vendor / f"{top}.py")
        licence_dir = vendor / "licenses" / dist.name
        licence_dir.mkdir(parents=True, exist_ok=True)
        for licence in dist.licenses:
            shutil.copy2(licence, licence_dir / licence.name)
    compiled = [p for p in vendor.rglob("*") if p.suffix in COMPILED_SUFFIXES]
    if compiled:
        raise RuntimeError(f"refusing to vendor compiled files: {compiled}")
    (vendor / "__init__.py").write_text(
        '"""Third-party pure-Python packages, imported as capella_qgis._vendor.<name>."""\n'
    )
    (vendor / "vendor.txt").write_text(
        "".join(f"{d.name}=={d.version}\n" for d in dists), encoding="utf-8"
    )
    return dists


def vendored_names(dists: list[Distribution]) -> list[str]:
    """Top-level import names provided by ``dists``."""
    return sorted({top for dist in dists for top in dist.top_level})


def allowlist_vendored_secrets(plugin_dir: Path) -> list[str]:
    """Mark detect-secrets' false positives in ``_vendor`` with its inline allowlist pragma.

    plugins.qgis.org runs detect-secrets on every file (``.bandit`` does not apply); httpx's
    docstrings carry example ``user:password@host`` URLs. Only third-party lines are marked, so
    our own code is always scanned in full. Returns the ``file:line`` entries marked.
    """
    exe = Path(sys.executable).parent / "detect-secrets"
    command = str(exe) if exe.exists() else shutil.which("detect-secrets")
    if command is None:
        return []
    marked: list[str] = []
    # detect-secrets reports a repeated value once per file: scan again until nothing is left.
    for _ in range(20):
        proc = subprocess.run(
            [command, "scan", "--all-files", VENDOR_PACKAGE],
            cwd=plugin_dir,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        results = json.loads(proc.stdout).get("results", {})
        if not results:
            return marked
        for filename, secrets in results.items():
            path = plugin_dir / filename
            lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
            for line_number in sorted({s["line_number"] for s in secrets}):
                line = lines[line_number - 1]
                body = line.rstrip("\r\n")
                lines[line_number - 1] = f"{body}  # pragma: allowlist secret{line[len(body) :]}"
                marked.append(f"{filename}:{line_number}")
            path.write_text("".join(lines), encoding="utf-8")
    raise RuntimeError(f"detect-secrets keeps flagging vendored files: {sorted(results)}")


# --- verification --------------------------------------------------------------------------


def compiled_only_site(dest: Path) -> Path:
    """Make ``dest`` a site dir holding (symlinks to) the compiled stack and nothing else."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in COMPILED_STACK:
        spec = importlib.util.find_spec(name)
        if spec is None or spec.origin is None:
            raise RuntimeError(f"{name} is not installed in {sys.executable}")
        origin = Path(spec.origin)
        source = origin.parent if origin.name == "__init__.py" else origin
        # manylinux wheels keep their bundled libraries (GEOS for shapely) beside the package.
        for path in (source, source.with_name(f"{source.name}.libs")):
            link = dest / path.name
            if path.exists() and not link.exists():
                os.symlink(path, link)
    return dest


VERIFY_CODE = r"""
import json, sys, threading
from http.server import BaseHTTPRequestHandler, HTTPServer
sys.path[:0] = json.loads(sys.argv[1])
class H(BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers()
        self.wfile.write(b"ok")
    def log_message(self, *a): pass
srv = HTTPServer(("127.0.0.1", 0), H)
threading.Thread(target=srv.serve_forever, daemon=True).start()
import capella_qgis.core.api.client as client
import capella_qgis.core.download.engine
from capella_qgis._vendor import httpx, certifi
with httpx.Client() as c:
    r = c.get(f"http://127.0.0.1:{srv.server_port}/")
srv.shutdown()
print(json.dumps({
    "status": r.status_code,
    "client_httpx": client.httpx.__name__,
    "leaked": sorted(m for m in sys.modules if m.split(".")[0] in json.loads(sys.argv[2])),
    "cacert": certifi.where(),
}))
"""


def verify_staged(staged: Path, names: list[str], compiled_site: Path) -> dict:
    """Import the staged core in an isolated interpreter without httpx; return its report."""
    paths = [str(staged.parent), str(compiled_site)]
    # pydantic imports its own top-level typing_extensions; only our vendored copies must not.
    names = [n for n in names if n not in COMPILED_STACK]
    proc = subprocess.run(
        [sys.executable, "-I", "-S", "-c", VERIFY_CODE, json.dumps(paths), json.dumps(names)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=str(staged.parent),
    )
    if proc.returncode != 0:
        raise RuntimeError(f"staged plugin does not import in isolation:\n{proc.stderr}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    problems = []
    if report["status"] != 200:
        problems.append(f"vendored httpx GET returned {report['status']}")
    if report["client_httpx"] != f"{PREFIX}.httpx":
        problems.append(f"core.client uses {report['client_httpx']}")
    if report["leaked"]:
        problems.append(f"top-level modules imported: {report['leaked']}")
    if not Path(report["cacert"]).is_relative_to(staged):
        problems.append(f"certifi bundle outside the plugin: {report['cacert']}")
    if problems:
        raise RuntimeError("; ".join(problems))
    return report


def main(argv: list[str] | None = None) -> int:
    """Fetch the pinned wheels (``make vendor``); staging itself happens in scripts/package.py."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--force", action="store_true", help="download again")
    args = parser.parse_args(argv)
    src = fetch(force=args.force)
    for dist in distributions(src):
        print(f"{dist.name}=={dist.version}: {', '.join(dist.top_level)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
