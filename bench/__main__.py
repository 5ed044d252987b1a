"""Run every benchmark module in ``bench/`` that defines ``main()`` and print its report."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main() -> int:
    modules = pkgutil.iter_modules([str(Path(__file__).parent)])
    names = sorted(m.name for m in modules if m.name.startswith("bench_"))
    if not names:
        print("No benchmarks yet.")
        return 0
    missed = []
    for name in names:
        module = importlib.import_module(f"bench.{name}")
        print(f"== {name}")
        # A bench returns a non-zero status (or raises SystemExit) when it misses its target.
        try:
            status = module.main()
        except SystemExit as exc:
            status = exc.code
        if status:
            missed.append(name)
    if missed:
        print(f"Targets missed: {', '.join(missed)}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
