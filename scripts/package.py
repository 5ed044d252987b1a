"""Stage the plugin folder, zip it for the Plugin Manager, or deploy it into a QGIS profile."""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if __package__ in (None, ""):  # run as `python scripts/package.py`
    sys.path.insert(0, str(ROOT))

from scripts import translations, vendor  # noqa: E402

BUILD = ROOT / "build"
STAGE = BUILD / "capella_qgis"
ZIP = BUILD / "capella_qgis.zip"
BANDIT_TEMPLATE = ROOT / "scripts" / "plugin.bandit"
IGNORED = shutil.ignore_patterns(
    "__pycache__", "*.pyc", "*.pyo", "*.part", ".pytest_cache", "_vendor", ".DS_Store"
)
METADATA = ROOT / "metadata.txt"
CHANGELOG = ROOT / "CHANGELOG.md"
VERSION_FILE = ROOT / "capella_qgis" / "version.py"


def stage(dest: Path = STAGE, *, vendor_src: Path | None = None) -> Path:
    """Copy code, metadata, licence, resources into ``dest``; compile translations, vendor httpx.

    The pure-Python dependencies land in ``dest/_vendor`` and every absolute import of them
    (theirs and ours) is rewritten to ``capella_qgis._vendor.<name>``.
    """
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "capella_qgis", dest, ignore=IGNORED)
    (dest / "metadata.txt").write_text(metadata_text(), encoding="utf-8")
    shutil.copy2(ROOT / "LICENSE", dest / "LICENSE")
    shutil.copytree(ROOT / "resources", dest / "resources", ignore=IGNORED)
    shutil.copy2(BANDIT_TEMPLATE, dest / ".bandit")
    dists = vendor.vendor_into(dest, vendor_src)
    vendor.rewrite_tree(dest, vendor.vendored_names(dists))
    vendor.allowlist_vendored_secrets(dest)
    translations.compile_qm(dest / "i18n")  # .qm are build products, compiled from i18n/*.ts
    return dest


def plugin_version() -> str:
    """``capella_qgis/version.py`` is the one place the version is written."""
    match = re.search(r'__version__ = "([^"]+)"', VERSION_FILE.read_text(encoding="utf-8"))
    if match is None:
        raise RuntimeError(f"no __version__ in {VERSION_FILE}")
    return match.group(1)


def changelog_entries(version: str, changelog: Path = CHANGELOG) -> list[str]:
    """The bold lead of each bullet in the CHANGELOG section of ``version``."""
    section = re.search(
        rf"^## \[{re.escape(version)}\][^\n]*\n(.*?)(?=^## \[|\Z)",
        changelog.read_text(encoding="utf-8"),
        re.MULTILINE | re.DOTALL,
    )
    if section is None:
        raise RuntimeError(f"CHANGELOG.md has no section for {version}")
    leads = re.findall(r"^- \*\*(.+?)\*\*", section.group(1), re.MULTILINE)
    if not leads:
        raise RuntimeError(f"CHANGELOG.md section {version} has no '- **lead**' bullets")
    return [lead.rstrip(":.") for lead in leads]


def metadata_text(version: str | None = None) -> str:
    """metadata.txt with ``version`` and ``changelog`` filled in from their single sources."""
    version = version or plugin_version()
    base = METADATA.read_text(encoding="utf-8")
    if re.search(r"^(version|changelog)\s*=", base, re.MULTILINE):
        raise RuntimeError("metadata.txt must not set version or changelog: they are generated")
    lines = "".join(f"\n    * {entry}" for entry in changelog_entries(version))
    return base.rstrip("\n") + f"\nversion={version}\nchangelog={version}{lines}\n"


def build_zip(staged: Path = STAGE, target: Path = ZIP) -> Path:
    """Zip the staged folder with one top-level directory, as plugins.qgis.org requires."""
    target.unlink(missing_ok=True)
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(staged.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                zf.write(path, Path("capella_qgis") / path.relative_to(staged))
    return target


def deploy(profile_plugins: Path) -> Path:
    """Install the staged plugin into a profile's python/plugins folder."""
    profile_plugins.mkdir(parents=True, exist_ok=True)
    return stage(profile_plugins / "capella_qgis")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--deploy", action="store_true", help="install into the default profile")
    parser.add_argument(
        "--plugins-dir",
        type=Path,
        default=Path.home() / ".local/share/QGIS/QGIS3/profiles/default/python/plugins",
    )
    args = parser.parse_args(argv)
    if args.deploy:
        print(f"Deployed to {deploy(args.plugins_dir)}")
        return 0
    print(f"Built {build_zip(stage())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
