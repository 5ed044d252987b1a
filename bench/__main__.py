"""Run every benchmark module in ``bench/`` and print its report; exit 1 if one misses a target.

Each module runs in a process of its own (``python -m bench.<name>``): one QgsApplication,
emulator and set of Qt objects per bench, so one bench's state cannot skew or break the next.
"""

from __future__ import annotations

import pkgutil
import subprocess  # nosec B404: this interpreter, fixed module names
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    modules = pkgutil.iter_modules([str(Path(__file__).parent)])
    names = sorted(m.name for m in modules if m.name.startswith("bench_"))
    if not names:
        print("No benchmarks yet.")
        return 0
    missed = []
    for name in names:
        print(f"== {name}", flush=True)
        # A bench exits non-zero when it misses its target (or fails).
        run = subprocess.run([sys.executable, "-m", f"bench.{name}"], cwd=ROOT, check=False)  # nosec B603
        if run.returncode:
            missed.append(name)
    if missed:
        print(f"Targets missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
