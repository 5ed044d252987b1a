"""Child-process emulator for the download benchmark: random-byte assets of chosen sizes.

``python -m bench.sized_emulator --work DIR --many-count 40 --many-mb 25 --large-mb 1024``
generates the files and reads them once (warm page cache) before it serves, adds the
per-connection bandwidth cap, then prints ``READY url {"many": [...], "large": {...}}``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

from bench.emulator_process import READY

MB = 1024 * 1024


class SizedStore:
    """Asset store serving random bytes: one HH file per item, sized per item index."""

    def __init__(self, root: Path, sizes: dict[str, int]) -> None:
        self.root, self.sizes = root, sizes

    def asset_keys(self, item: dict) -> list[str]:
        return ["HH"]

    def filename(self, item: dict, key: str) -> str:
        return f"{item['id']}.tif"

    def media_type(self, key: str, item: dict) -> str:
        return "image/tiff; application=geotiff"

    def title(self, key: str) -> str:
        return "Data file"

    def path(self, item: dict, key: str) -> Path:
        size = self.sizes.get(item["id"], 1024)
        target = self.root / f"{size}.bin"
        if not target.exists():
            tmp = target.with_suffix(".tmp")
            with open(tmp, "wb") as fh:
                left = size
                while left:
                    n = min(left, 4 * MB)
                    fh.write(random.randbytes(n))
                    left -= n
            tmp.replace(target)
        return target


def _warm(path: Path) -> None:
    with open(path, "rb") as fh:
        while fh.read(8 * MB):
            pass


def main(argv: list[str] | None = None) -> int:
    from tests.console_emulator import Emulator
    from tests.console_emulator.__main__ import serve_until_signalled

    parser = argparse.ArgumentParser(prog="python -m bench.sized_emulator")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--many-count", type=int, default=40)
    parser.add_argument("--many-mb", type=int, default=25)
    parser.add_argument("--large-mb", type=int, default=1024)
    parser.add_argument("--bps", type=float, default=20e6)
    args = parser.parse_args(argv)
    sizes: dict[str, int] = {}
    emu = Emulator(items=200, seed=11, port=args.port, asset_store=SizedStore(args.work, sizes))
    entries = [e for e in emu.state.entries if emu.state.accessible(e)]
    many, large = entries[: args.many_count], entries[args.many_count]
    for entry in many:
        sizes[entry.id] = args.many_mb * MB
    sizes[large.id] = args.large_mb * MB
    for entry in [*many, large]:  # generate and cache the files before anything is timed
        _warm(emu.store.path(entry.item, "HH"))
    emu.start()
    emu.faults.add("bandwidth", "/assets/*", bytes_per_sec=args.bps)
    info = {
        "many": [{"collection": e.collection, "id": e.id} for e in many],
        "large": {"collection": large.collection, "id": large.id},
    }
    print(f"{READY}{emu.url} {json.dumps(info)}", flush=True)
    return serve_until_signalled(emu)


if __name__ == "__main__":
    sys.exit(main())
