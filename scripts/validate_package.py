"""Validate build/capella_qgis.zip the way plugins.qgis.org does (metadata, files, scanners)."""

from __future__ import annotations

import argparse
import configparser
import json
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as `python scripts/validate_package.py`
    sys.path.insert(0, str(ROOT))

from scripts import vendor  # noqa: E402

ZIP = ROOT / "build" / "capella_qgis.zip"
PLUGIN = "capella_qgis"
MAX_BYTES = 25 * 1024 * 1024
REQUIRED_KEYS = (
    "name",
    "description",
    "version",
    "qgisMinimumVersion",
    "author",
    "email",
    "about",
    "tracker",
    "repository",
)
QGIS_MINIMUM = (3, 22)
QGIS_MAXIMUM_AT_LEAST = (4, 0)
URL_KEYS = ("tracker", "repository", "homepage")
BOOLEAN_KEYS = ("experimental", "deprecated", "server")
BOOLEANS = {"true", "false", "yes", "no", "1", "0"}
VERSION_RE = re.compile(r"^\d+\.\d+(\.\d+)?([.-]?(a|b|rc|alpha|beta|dev)\d*)?$", re.IGNORECASE)
FOLDER_RE = re.compile(r"^[a-z_][a-z0-9_]*$")
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
PLACEHOLDER_HOSTS = ("example.com", "example.org", "example.net", "localhost", "bugs", "repo")
FORBIDDEN_SUFFIXES = (".so", ".dll", ".dylib", ".exe", ".pyd", ".sh", ".bat", ".pyc", ".pyo")
FORBIDDEN_PARTS = ("__pycache__", ".git", "__MACOSX", ".pytest_cache", ".ruff_cache", "tests")
REQUIRED_FILES = ("__init__.py", "metadata.txt", "LICENSE")
# The Bandit rules plugins.qgis.org enables (its scanner's `-t` list); any finding blocks.
SITE_BANDIT_TESTS = ROOT / "scripts" / "site_bandit_tests.txt"
# Rules the site does not let a plugin skip at all, named in our report.
SITE_UNSKIPPABLE = frozenset(
    (ROOT / "scripts" / "site_bandit_unskippable.txt").read_text().strip().split(",")
)
# Matches the vendored folder in the absolute paths the site scans (`./_vendor` does not).
VENDOR_EXCLUDE = "*/_vendor/*"
# flake8-qgis Qt6 / QGIS 4 rules; QGS402 (QMetaType in QgsField) needs QGIS 3.38 > our minimum.
FLAKE8_SELECT = "QGS4"
FLAKE8_IGNORE = "QGS402"


def _version(text: str) -> tuple[int, ...] | None:
    match = re.fullmatch(r"(\d+)\.(\d+)(?:\.\d+)?", text.strip())
    return (int(match.group(1)), int(match.group(2))) if match else None


def _url_problem(key: str, value: str) -> str | None:
    parsed = urlparse(value)
    host = (parsed.hostname or "").lower()
    if parsed.scheme not in ("http", "https") or not host:
        return f"metadata: {key}={value!r} is not an http(s) URL"
    if "." not in host or any(host == p or host.endswith("." + p) for p in PLACEHOLDER_HOSTS):
        return f"metadata: {key}={value!r} looks like a template default, not a real URL"
    return None


def check_metadata(text: str, files: set[str] | None = None) -> list[str]:
    """Problems in a metadata.txt (``files``: paths inside the plugin folder, for the icon)."""
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    try:
        parser.read_string(text)
    except configparser.Error as exc:
        return [f"metadata: not parseable: {exc}"]
    if not parser.has_section("general"):
        return ["metadata: no [general] section"]
    meta = {k: v.strip() for k, v in parser.items("general")}
    problems = [
        f"metadata: required key {k!r} missing or empty" for k in REQUIRED_KEYS if not meta.get(k)
    ]
    version = meta.get("version", "")
    if version and not VERSION_RE.match(version):
        problems.append(f"metadata: version={version!r} is not like 1.2.3")
    minimum = _version(meta.get("qgisMinimumVersion", ""))
    if meta.get("qgisMinimumVersion") and minimum != QGIS_MINIMUM:
        problems.append(
            f"metadata: qgisMinimumVersion={meta['qgisMinimumVersion']!r}, expected "
            f"{'.'.join(map(str, QGIS_MINIMUM))}"
        )
    maximum = _version(meta.get("qgisMaximumVersion", ""))
    if maximum is None or maximum < QGIS_MAXIMUM_AT_LEAST:
        problems.append(
            f"metadata: qgisMaximumVersion={meta.get('qgisMaximumVersion')!r} must be >= 4.0, "
            "or QGIS 4 hides the plugin"
        )
    if meta.get("supportsQt6", "").lower() not in ("true", "yes"):
        problems.append("metadata: supportsQt6=True missing (QGIS 4 lists the plugin by it)")
    if "qpip" in meta.get("plugin_dependencies", ""):
        problems.append(
            "metadata: plugin_dependencies=qpip breaks Install from ZIP on QGIS 3.22/3.24 "
            "when no repository offers qpip"
        )
    for key in ("version", "changelog"):
        if key in meta and not meta[key]:
            problems.append(f"metadata: {key} is empty")
    if "/" in meta.get("author", ""):
        problems.append("metadata: author must not contain '/'")
    email = meta.get("email", "")
    if email and not EMAIL_RE.match(email):
        problems.append(f"metadata: email={email!r} is not an e-mail address")
    for key in URL_KEYS:
        if meta.get(key):
            problem = _url_problem(key, meta[key])
            if problem:
                problems.append(problem)
    for key in BOOLEAN_KEYS:
        if key in meta and meta[key].lower() not in BOOLEANS:
            problems.append(f"metadata: {key}={meta[key]!r} is not a boolean")
    if files is not None:
        icon = meta.get("icon")
        if icon and icon not in files:
            problems.append(f"metadata: icon={icon!r} is not in the package")
    return problems


def check_zip(path: Path) -> list[str]:
    """Structure problems of the zip: folder, required files, binaries, size, imports."""
    problems: list[str] = []
    size = path.stat().st_size
    if size > MAX_BYTES:
        problems.append(f"zip: {size / 1e6:.1f} MB exceeds 25 MB")
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if not n.endswith("/")]
        tops = {PurePosixPath(n).parts[0] for n in zf.namelist() if n.strip("/")}
        if len(tops) != 1:
            problems.append(f"zip: expected one top-level folder, found {sorted(tops)}")
        for top in sorted(tops):
            if not FOLDER_RE.match(top):
                problems.append(f"zip: folder {top!r} does not match {FOLDER_RE.pattern}")
        if PLUGIN not in tops:
            problems.append(f"zip: no top-level {PLUGIN}/ folder")
        for name in names:
            parts = PurePosixPath(name).parts
            if name.startswith("/") or ".." in parts:
                problems.append(f"zip: unsafe path {name}")
            if name.lower().endswith(FORBIDDEN_SUFFIXES):
                problems.append(f"zip: binary/script file not allowed: {name}")
            bad = [p for p in parts[:-1] if p in FORBIDDEN_PARTS]
            if bad or parts[-1] in ("__pycache__", ".git"):
                problems.append(f"zip: {name} is in a forbidden folder ({', '.join(bad)})")
        inside = {str(PurePosixPath(*PurePosixPath(n).parts[1:])) for n in names if "/" in n}
        for required in REQUIRED_FILES:
            if required not in inside:
                problems.append(f"zip: {PLUGIN}/{required} missing")
        if "metadata.txt" in inside:
            text = zf.read(f"{PLUGIN}/metadata.txt").decode("utf-8")
            problems += check_metadata(text, inside)
    return problems


def check_imports(plugin_dir: Path) -> list[str]:
    """Vendored packages must be imported only through capella_qgis._vendor."""
    vendor_dir = plugin_dir / vendor.VENDOR_PACKAGE
    if not vendor_dir.is_dir():
        return []
    names = sorted(
        p.name for p in vendor_dir.iterdir() if (p / "__init__.py").is_file() or p.suffix == ".py"
    )
    names = [n.removesuffix(".py") for n in names if n != "__init__.py"]
    return [
        f"imports: bare import of a vendored package at {hit}"
        for hit in vendor.bare_imports(plugin_dir, names)
    ]


def _tool(name: str) -> str | None:
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else shutil.which(name)


def bandit_config_problems(extract_root: Path) -> list[str]:
    """The one ``.bandit`` must exclude the vendored code by a pattern that matches the
    absolute paths the site scans, and nothing else (bandit stops when it finds two)."""
    found = sorted(extract_root.rglob(".bandit"))
    if len(found) != 1:
        return [f"bandit: expected one .bandit, found {[str(p) for p in found]}"]
    parser = configparser.ConfigParser()
    parser.read(found[0])
    section = parser["bandit"] if parser.has_section("bandit") else {}
    problems = [
        f"bandit: .bandit must not set {key!r}" for key in ("skips", "tests") if key in section
    ]
    excluded = [p.strip() for p in section.get("exclude", "").split(",") if p.strip()]
    if excluded != [VENDOR_EXCLUDE]:
        problems.append(f"bandit: .bandit exclude={excluded}, expected only {VENDOR_EXCLUDE!r}")
    return problems


def run_bandit(extract_root: Path) -> list[str]:
    """Bandit exactly as plugins.qgis.org runs it: ``-r <absolute dir>`` from another working
    directory, the site's rule list, and every finding blocks (whatever its severity)."""
    problems = bandit_config_problems(extract_root)
    exe = _tool("bandit")
    if exe is None:
        return [*problems, "bandit: not installed (pip install -r requirements/dev.txt)"]
    rules = SITE_BANDIT_TESTS.read_text(encoding="utf-8").strip()
    proc = subprocess.run(
        [exe, "-r", str(extract_root.resolve()), "-f", "json", "--quiet", "-t", rules],
        capture_output=True,
        text=True,
        timeout=300,
        cwd="/",
    )
    try:
        report = json.loads(proc.stdout)
    except json.JSONDecodeError:
        return [*problems, f"bandit: failed: {proc.stderr.strip()[:500]}"]
    for error in report.get("errors", []):
        problems.append(f"bandit: could not scan {error.get('filename')}: {error.get('reason')}")
    for issue in report.get("results", []):
        where = Path(issue["filename"]).relative_to(extract_root.resolve())
        kind = "cannot be skipped" if issue["test_id"] in SITE_UNSKIPPABLE else "blocks upload"
        problems.append(
            f"bandit: {where}:{issue['line_number']} {issue['test_id']} ({kind}): "
            f"{issue['issue_text']}"
        )
    return problems


def run_detect_secrets(extract_root: Path) -> list[str]:
    """detect-secrets over every file of the extracted zip, from its root, as the site runs it."""
    exe = _tool("detect-secrets")
    if exe is None:
        return ["detect-secrets: not installed (pip install -r requirements/dev.txt)"]
    proc = subprocess.run(
        [exe, "scan", "--all-files", "."],
        cwd=extract_root,
        capture_output=True,
        text=True,
        timeout=300,
    )
    try:
        results = json.loads(proc.stdout).get("results", {})
    except json.JSONDecodeError:
        return [f"detect-secrets: failed: {proc.stderr.strip()[:500]}"]
    problems: list[str] = []
    for filename, secrets in results.items():
        for secret in secrets:
            problems.append(f"detect-secrets: {filename}:{secret['line_number']} {secret['type']}")
    return problems


def run_flake8_qgis(plugin_dir: Path) -> list[str]:
    """flake8-qgis Qt6 rules (QGS4xx but QGS402) on our code."""
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "flake8",
            "--isolated",
            f"--select={FLAKE8_SELECT}",
            f"--extend-ignore={FLAKE8_IGNORE}",
            f"--exclude={plugin_dir / vendor.VENDOR_PACKAGE}",
            str(plugin_dir),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    if proc.returncode not in (0, 1) or "QGS" not in _flake8_plugins():
        return [f"flake8-qgis: not available or failed: {proc.stderr.strip()[:300]}"]
    return [f"flake8-qgis: {line}" for line in proc.stdout.splitlines() if line.strip()]


def _flake8_plugins() -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "flake8", "--version"], capture_output=True, text=True, timeout=60
    )
    return "QGS" if "flake8-qgis" in proc.stdout else ""


def validate(path: Path = ZIP, *, scanners: bool = True) -> list[str]:
    """Every problem found in the zip; empty means it would pass plugins.qgis.org's checks."""
    if not path.is_file():
        return [f"zip: {path} does not exist (run make package)"]
    problems = check_zip(path)
    with tempfile.TemporaryDirectory(prefix="capella-validate-") as tmp:
        with zipfile.ZipFile(path) as zf:
            zf.extractall(tmp)
        plugin_dir = Path(tmp) / PLUGIN
        if plugin_dir.is_dir():
            problems += check_imports(plugin_dir)
            if scanners:
                problems += run_bandit(Path(tmp))
                problems += run_detect_secrets(Path(tmp))
                problems += run_flake8_qgis(plugin_dir)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("zip", nargs="?", type=Path, default=ZIP)
    parser.add_argument(
        "--no-scanners", action="store_true", help="skip bandit/detect-secrets/flake8"
    )
    args = parser.parse_args(argv)
    problems = validate(args.zip, scanners=not args.no_scanners)
    if problems:
        print(f"{args.zip}: {len(problems)} problem(s) block publication:")
        for problem in problems:
            print(f"  - {problem}")
        return 1
    print(f"{args.zip}: OK (metadata, structure, bandit, detect-secrets, flake8-qgis)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
