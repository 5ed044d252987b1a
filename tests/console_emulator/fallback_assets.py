"""Minimal deterministic AssetStore used when ``assets.py`` is not available."""

from __future__ import annotations

import hashlib
import json
import os
import threading
from pathlib import Path
from typing import Any


class FallbackAssetStore:
    """Same interface as ``assets.AssetStore``; files are deterministic pseudo-random bytes."""

    def __init__(self, cache_dir: Path, seed: int, raster_size: int | None = None) -> None:
        self.cache_dir = Path(cache_dir)
        self.seed = seed
        self.raster_size = raster_size or 256 * 1024
        self._lock = threading.Lock()

    def asset_keys(self, item: dict[str, Any]) -> list[str]:
        props = item.get("properties", {})
        ptype = props.get("sar:product_type")
        if ptype == "VS":
            return [
                "analytic_product",
                "analytic_product_diag",
                "landmask",
                "metadata",
                "thumbnail",
            ]
        if ptype == "VC":
            return ["analytic_product", "metadata", "thumbnail"]
        if ptype == "ACD":
            return ["changemap", "metadata", "thumbnail"]
        pols = [p for p in props.get("sar:polarizations", ["HH"]) if p in ("HH", "VV")] or ["HH"]
        return [*pols, "metadata", "thumbnail", "preview"]

    def filename(self, item: dict[str, Any], key: str) -> str:
        sid = item["id"]
        return {
            "metadata": f"{sid}_extended.json",
            "thumbnail": f"{sid}_thumb.png",
            "preview": f"{sid}_preview.tif",
            "analytic_product": f"{sid}.geojson",
            "analytic_product_diag": f"{sid}_diag.json",
            "landmask": f"{sid}_landmask.tif",
            "changemap": f"{sid}_changemap.tif",
        }.get(key, f"{sid}.tif")

    def path(self, item: dict[str, Any], key: str) -> Path:
        target = self.cache_dir / item["id"] / self.filename(item, key)
        if target.exists():
            return target
        with self._lock:
            if target.exists():
                return target
            target.parent.mkdir(parents=True, exist_ok=True)
            if key == "metadata":
                data = json.dumps({"id": item["id"], "properties": item.get("properties")}).encode()
            else:
                size = self.raster_size if key in ("HH", "VV") else 4096
                data = _prng_bytes(f"{self.seed}/{item['id']}/{key}", size)
            tmp = target.with_suffix(target.suffix + f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, target)
        return target


def _prng_bytes(label: str, size: int) -> bytes:
    out = bytearray()
    counter = 0
    seed = label.encode()
    while len(out) < size:
        out += hashlib.sha256(seed + counter.to_bytes(8, "big")).digest()
        counter += 1
    return bytes(out[:size])
