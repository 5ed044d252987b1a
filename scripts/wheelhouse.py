"""``pip download`` the packages the plugin's installer puts in, into a local folder (tests).

The installer test runs pip with ``--no-index --find-links build/wheelhouse`` so that the
whole install path (QGIS' interpreter, pip, --target, the constraints) is exercised without
network. shapely is taken without its dependencies, as the installer installs it.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WHEELHOUSE = ROOT / "build" / "wheelhouse"
RUNTIME = ROOT / "requirements" / "runtime.txt"
STAMP = ".runtime.sha256"


def pins(names: tuple[str, ...]) -> list[str]:
    """The exact pins of ``names`` from requirements/runtime.txt."""
    found = []
    for line in RUNTIME.read_text(encoding="utf-8").splitlines():
        requirement = line.split("#", 1)[0].strip()
        if requirement.split("==")[0].lower() in names:
            found.append(requirement)
    return found


def build(target: Path = WHEELHOUSE, python: str = sys.executable) -> Path:
    """Fill ``target`` with wheels for ``python`` (skipped when runtime.txt is unchanged)."""
    digest = hashlib.sha256(RUNTIME.read_bytes()).hexdigest()
    stamp = target / STAMP
    if stamp.is_file() and stamp.read_text().strip() == digest:
        return target
    target.mkdir(parents=True, exist_ok=True)
    base = [python, "-m", "pip", "download", "--quiet", "--only-binary=:all:", "-d", str(target)]
    subprocess.run([*base, *pins(("pydantic",))], check=True)
    subprocess.run([*base, "--no-deps", *pins(("shapely",))], check=True)
    stamp.write_text(digest + "\n")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--target", type=Path, default=WHEELHOUSE)
    args = parser.parse_args(argv)
    print(f"Wheels in {build(args.target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
