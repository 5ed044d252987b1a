"""Stage the plugin folder, zip it for the Plugin Manager, or deploy it into a QGIS profile."""

from __future__ import annotations

import argparse
import shutil
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build"
STAGE = BUILD / "capella_qgis"
ZIP = BUILD / "capella_qgis.zip"
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.pyo", "*.part", ".pytest_cache")


def stage(dest: Path = STAGE) -> Path:
    """Copy code, metadata, licence, resources and compiled translations into ``dest``."""
    if dest.exists():
        shutil.rmtree(dest)
    shutil.copytree(ROOT / "capella_qgis", dest, ignore=IGNORED)
    shutil.copy2(ROOT / "metadata.txt", dest / "metadata.txt")
    shutil.copy2(ROOT / "LICENSE", dest / "LICENSE")
    shutil.copytree(ROOT / "resources", dest / "resources", ignore=IGNORED)
    shutil.copy2(ROOT / "requirements" / "runtime.txt", dest / "requirements.txt")
    qm_files = sorted((ROOT / "i18n").glob("*.qm"))
    if qm_files:
        (dest / "i18n").mkdir(exist_ok=True)
        for qm in qm_files:
            shutil.copy2(qm, dest / "i18n" / qm.name)
    return dest


def build_zip(staged: Path = STAGE, target: Path = ZIP) -> Path:
    """Zip the staged folder with one top-level directory, as plugins.qgis.org requires."""
    target.unlink(missing_ok=True)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(staged.rglob("*")):
            if path.is_file():
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
