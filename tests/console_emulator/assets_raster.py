"""Synthetic SAR rasters (GeoTIFF, PNG) written with GDAL for the emulator's asset store."""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from osgeo import gdal, osr

TILE = 256
# Above this the file is written as a plain tiled GTiff: COG overviews need a second full pass.
COG_MAX_BYTES = 100 * 1024 * 1024
# Pixels generated per row-block; bounds memory (a few float32 arrays of this size) for 1 GB files.
BLOCK_PIXELS = 4_000_000
DEFAULT_LONGEST = 512
BYTES_PER_PIXEL = {"UInt16": 2, "CInt16": 4, "Byte": 1}
_GDAL_TYPES = {"UInt16": gdal.GDT_UInt16, "CInt16": gdal.GDT_CInt16, "Byte": gdal.GDT_Byte}
AMP_SCALE = 1000.0  # UInt16 amplitude of unit reflectivity; bright targets stay below 65535
CPX_SCALE = 300.0  # int16 I/Q standard deviation of unit reflectivity


@contextmanager
def gdal_env() -> Iterator[None]:
    """Exceptions on, PAM off (no .aux.xml sidecars), restored afterwards for this thread only."""
    gdal.UseExceptions()
    old = gdal.GetThreadLocalConfigOption("GDAL_PAM_ENABLED", None)
    gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", "NO")
    try:
        yield
    finally:
        gdal.SetThreadLocalConfigOption("GDAL_PAM_ENABLED", old)


def _srs(epsg: int) -> osr.SpatialReference:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    # lon/lat order everywhere, whatever the EPSG axis definition says.
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def transformer(src_epsg: int, dst_epsg: int) -> Callable[[np.ndarray], np.ndarray]:
    """Return a function mapping an (N, 2) coordinate array between two EPSG codes."""
    ct = osr.CoordinateTransformation(_srs(src_epsg), _srs(dst_epsg))

    def apply(xy: np.ndarray) -> np.ndarray:
        if len(xy) == 0:
            return np.zeros((0, 2))
        return np.array(ct.TransformPoints(np.asarray(xy, dtype=float).tolist()))[:, :2]

    return apply


def footprint_rings(item: dict) -> list[np.ndarray]:
    """Rings (lon/lat arrays) of the item footprint, falling back to its bbox."""
    geom = item.get("geometry") or {}
    coords = geom.get("coordinates") or []
    if geom.get("type") == "MultiPolygon" and coords:
        coords = coords[0]
    if geom.get("type") in ("Polygon", "MultiPolygon") and coords and len(coords[0]) >= 3:
        return [np.asarray(ring, dtype=float)[:, :2] for ring in coords]
    x0, y0, x1, y1 = (item.get("bbox") or [-104.93, 39.70, -104.84, 39.79])[:4]
    return [np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]], dtype=float)]


def item_epsg(item: dict) -> int:
    """The item's `proj:epsg`, else the UTM zone of the footprint centre."""
    epsg = (item.get("properties") or {}).get("proj:epsg")
    if isinstance(epsg, (int, str)) and str(epsg).isdigit():
        return int(epsg)
    lon, lat = footprint_rings(item)[0].mean(axis=0)
    zone = min(60, max(1, math.floor((lon + 180.0) / 6.0) + 1))
    return (32600 if lat >= 0 else 32700) + zone


def _densify(ring: np.ndarray, steps: int = 16) -> np.ndarray:
    # Lines of constant latitude bend in UTM: sample edges so the envelope still covers them.
    t = np.linspace(0.0, 1.0, steps, endpoint=False)[:, None]
    parts = [a + t * (b - a) for a, b in zip(ring[:-1], ring[1:])]
    return np.vstack([*parts, ring[-1:]])


@dataclass
class RasterPlan:
    """Everything needed to write one raster: size, type, georeferencing and footprint."""

    width: int
    height: int
    dtype: str
    epsg: int
    geotransform: tuple[float, ...] | None = None
    gcps: tuple[tuple[float, float, float, float], ...] = ()
    rings_px: tuple[np.ndarray, ...] = ()  # footprint in pixel coordinates; empty = no mask
    overviews: bool = False


def _overview_dims(w: int, h: int) -> list[tuple[int, int]]:
    # Mirrors the COG driver's OVERVIEWS=AUTO: halve until the level fits in one tile.
    dims = []
    while max(w, h) > TILE:
        w, h = (w + 1) // 2, (h + 1) // 2
        dims.append((w, h))
    return dims


def estimate_bytes(w: int, h: int, dtype: str, overviews: bool) -> int:
    """Size of an uncompressed 256-tiled GeoTIFF (tiles are padded to full size)."""
    levels = [(w, h), *(_overview_dims(w, h) if overviews else [])]
    tiles = sum(math.ceil(a / TILE) * math.ceil(b / TILE) for a, b in levels)
    return tiles * TILE * TILE * BYTES_PER_PIXEL[dtype] + 4096


def _solve_dims(
    extent_w: float, extent_h: float, dtype: str, target: int | None, longest: int, allow_ovr: bool
) -> tuple[float, int, int, bool]:
    """Pixel size and dims: `longest` pixels on the long side, or whole tiles ≈ `target` bytes."""

    def with_ovr(w: int, h: int) -> bool:
        return allow_ovr and estimate_bytes(w, h, dtype, False) <= COG_MAX_BYTES

    if not target:
        ps = max(extent_w, extent_h) / longest
        w, h = max(16, math.ceil(extent_w / ps)), max(16, math.ceil(extent_h / ps))
        return ps, w, h, with_ovr(w, h)
    # Whole tiles (the extent grows a little to fit): tile padding would otherwise make the
    # size jump in ~20 % steps for small files; a ±40 % aspect slack gives few-% steps.
    aspect = extent_w / extent_h
    tiles = target / (TILE * TILE * BYTES_PER_PIXEL[dtype])
    best: tuple[float, int, int, bool] | None = None
    for tx in range(1, math.ceil(math.sqrt(tiles * aspect * 1.4)) + 2):
        lo = max(1, math.ceil(tx / aspect / 1.4))
        for ty in range(lo, max(lo, int(tx / aspect * 1.4)) + 1):
            w, h = tx * TILE, ty * TILE
            err = abs(estimate_bytes(w, h, dtype, with_ovr(w, h)) - target)
            if best is None or err < best[0]:
                best = (err, w, h, with_ovr(w, h))
    assert best is not None
    _, w, h, ovr = best
    return max(extent_w / w, extent_h / h), w, h, ovr


def plan_georef(
    item: dict, dtype: str, target: int | None = None, longest: int = DEFAULT_LONGEST
) -> RasterPlan:
    """North-up raster in the item's projected CRS whose extent covers the footprint."""
    epsg = item_epsg(item)
    to_crs = transformer(4326, epsg)
    rings = [to_crs(_densify(r)) for r in footprint_rings(item)]
    pts = np.vstack(rings)
    (minx, miny), (maxx, maxy) = pts.min(axis=0), pts.max(axis=0)
    # A margin guarantees nodata pixels around the footprint and absorbs rounding.
    pad = 0.03 * max(maxx - minx, maxy - miny, 1e-6)
    ps, w, h, ovr = _solve_dims(
        maxx - minx + 2 * pad, maxy - miny + 2 * pad, dtype, target, longest, True
    )
    # Centre the footprint: the pixel grid may be larger than the padded envelope.
    minx, maxy = (minx + maxx - w * ps) / 2, (miny + maxy + h * ps) / 2
    gt = (minx, ps, 0.0, maxy, 0.0, -ps)
    rings_px = tuple(np.column_stack([(r[:, 0] - minx) / ps, (maxy - r[:, 1]) / ps]) for r in rings)
    return RasterPlan(w, h, dtype, epsg, geotransform=gt, rings_px=rings_px, overviews=ovr)


def plan_slant(item: dict, target: int | None = None) -> RasterPlan:
    """Slant-range complex image (rows = azimuth, columns = range) tied to the bbox by GCPs."""
    ring = footprint_rings(item)[0]
    (x0, y0), (x1, y1) = ring.min(axis=0), ring.max(axis=0)
    # Aspect from the ground extent in metres; pixel spacing itself is irrelevant for a fake.
    span_x = max((x1 - x0) * math.cos(math.radians((y0 + y1) / 2)), 1e-6)
    _, w, h, _ = _solve_dims(span_x, max(y1 - y0, 1e-6), "CInt16", target, DEFAULT_LONGEST, False)
    gcps = ((0, 0, x0, y1), (w, 0, x1, y1), (0, h, x0, y0), (w, h, x1, y0))
    gcps += ((w / 2, h / 2, (x0 + x1) / 2, (y0 + y1) / 2),)
    return RasterPlan(w, h, "CInt16", 4326, gcps=gcps)


def footprint_mask(rings_px: tuple[np.ndarray, ...], y0: int, rows: int, width: int) -> np.ndarray:
    """Even-odd scanline rasterisation of pixel centres for rows y0..y0+rows."""
    if not rings_px:
        return np.ones((rows, width), dtype=bool)
    yc = np.arange(y0, y0 + rows, dtype=float)[:, None] + 0.5
    toggles = np.zeros((rows, width + 1), dtype=np.int16)
    for ring in rings_px:
        (ax, ay), (bx, by) = ring[:-1].T, ring[1:].T
        # Half-open test so a vertex shared by two edges is counted once; horizontals never hit.
        hit = (ay <= yc) != (by <= yc)
        with np.errstate(divide="ignore", invalid="ignore"):
            xs = ax + (yc - ay) * (bx - ax) / (by - ay)
        r, e = np.nonzero(hit)
        cols = np.clip(np.floor(xs[r, e] + 0.5), 0, width).astype(np.intp)
        np.add.at(toggles, (r, cols), 1)
    return (np.cumsum(toggles, axis=1, dtype=np.int16)[:, :width] & 1).astype(bool)


def _waves(rng: np.random.Generator, n: int, amp: float) -> np.ndarray:
    # Rows of (amplitude, cycles across u, cycles across v, phase): low frequencies = smooth.
    return np.column_stack(
        [
            rng.uniform(0.3, 1.0, n) * amp,
            rng.uniform(-2.5, 2.5, n),
            rng.uniform(-2.5, 2.5, n),
            rng.uniform(0.0, 2 * math.pi, n),
        ]
    )


class Scene:
    """Smooth land/water reflectivity in normalised image coordinates, plus point targets."""

    def __init__(self, seed: int) -> None:
        rng = np.random.default_rng(seed)
        self.land = _waves(rng, 3, 0.2)
        self.water = _waves(rng, 2, 1.0)
        self.change = _waves(rng, 2, 1.0)
        self.water_level = float(rng.uniform(0.4, 0.9))
        n = int(rng.integers(6, 13))
        self.targets = np.column_stack(
            [rng.uniform(0.05, 0.95, n), rng.uniform(0.05, 0.95, n), rng.uniform(100, 400, n)]
        )

    @staticmethod
    def field(waves: np.ndarray, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        # sin(a + b) = sin a cos b + cos a sin b: separable, so only outer products per pixel.
        out = np.zeros((len(v), len(u)), dtype=np.float32)
        for amp, fu, fv, ph in waves:
            a = 2 * math.pi * fu * u + ph
            b = 2 * math.pi * fv * v
            out += amp * (np.outer(np.cos(b), np.sin(a)) + np.outer(np.sin(b), np.cos(a)))
        return out

    def water_fraction(self, u: np.ndarray, v: np.ndarray) -> np.ndarray:
        return np.clip((self.field(self.water, u, v) - self.water_level) / 0.15 + 0.5, 0.0, 1.0)

    def sigma(self, y0: int, rows: int, width: int, height: int) -> np.ndarray:
        """Mean intensity (reflectivity) for a row block of a width x height image."""
        u = (np.arange(width, dtype=np.float32) + 0.5) / width
        v = (np.arange(y0, y0 + rows, dtype=np.float32) + 0.5) / height
        wf = self.water_fraction(u, v)
        sig = (1.0 + self.field(self.land, u, v)) * (1.0 - wf) + 0.02 * wf
        for tu, tv, gain in self.targets:
            px, py = int(tu * width), int(tv * height) - y0
            if 0 <= py < rows:
                sig[py, px] = gain
                # Cheap sidelobe cross so targets read as bright points, not isolated pixels.
                for dy, dx in ((-1, 0), (1, 0), (0, -1), (0, 1)):
                    if 0 <= py + dy < rows and 0 <= px + dx < width:
                        sig[py + dy, px + dx] = max(sig[py + dy, px + dx], gain * 0.1)
        return sig


def _speckle(rng: np.random.Generator, shape: tuple[int, int], looks: float) -> np.ndarray:
    # Intensity speckle: exponential for single look, gamma(L, 1/L) multilooked; mean 1.
    if looks <= 1.0:
        return rng.standard_exponential(shape, dtype=np.float32)
    return (rng.standard_gamma(looks, shape, dtype=np.float32) / looks).astype(np.float32)


def block_values(
    kind: str, scene: Scene, plan: RasterPlan, noise_seed: int, looks: float
) -> Callable[[int, int], np.ndarray]:
    """Row-block generator for `kind` in amplitude, complex, db8, changemap, landmask."""

    def make(y0: int, rows: int) -> np.ndarray:
        # One generator per block: output is independent of thread interleaving.
        rng = np.random.default_rng([noise_seed, y0])
        w, h = plan.width, plan.height
        mask = footprint_mask(plan.rings_px, y0, rows, w)
        if kind == "complex":
            std = np.sqrt(scene.sigma(y0, rows, w, h) / 2.0) * CPX_SCALE
            iq = rng.standard_normal((2, rows, w), dtype=np.float32) * std
            iq = np.clip(np.rint(iq), -32767, 32767)
            return (iq[0] + 1j * iq[1]).astype(np.complex64)
        if kind in ("changemap", "landmask"):
            u = (np.arange(w, dtype=np.float32) + 0.5) / w
            v = (np.arange(y0, y0 + rows, dtype=np.float32) + 0.5) / h
            if kind == "landmask":
                out = np.where(scene.water_fraction(u, v) >= 0.5, 2, 1)
            else:
                c = scene.field(scene.change, u, v)
                out = np.where(c > 0.9, 2, np.where(c < -0.9, 3, 1))
            return np.where(mask, out, 0).astype(np.uint8)
        inten = scene.sigma(y0, rows, w, h) * _speckle(rng, (rows, w), looks)
        if kind == "db8":
            db = 10.0 * np.log10(np.maximum(inten, 1e-6))
            out = np.clip((db + 25.0) / 40.0 * 254.0 + 1.0, 1, 255)
            return np.where(mask, out, 0).astype(np.uint8)
        amp = np.clip(np.sqrt(inten) * AMP_SCALE, 1, 65535)
        return np.where(mask, amp, 0).astype(np.uint16)

    return make


def write_geotiff(path: Path, plan: RasterPlan, make: Callable[[int, int], np.ndarray]) -> None:
    """Tiled uncompressed GeoTIFF written in row blocks; COG copy with overviews if small."""
    with gdal_env():
        src = path.with_name(path.name + ".src.tif") if plan.overviews else path
        opts = ["TILED=YES", f"BLOCKXSIZE={TILE}", f"BLOCKYSIZE={TILE}", "BIGTIFF=IF_SAFER"]
        ds = gdal.GetDriverByName("GTiff").Create(
            str(src), plan.width, plan.height, 1, _GDAL_TYPES[plan.dtype], opts
        )
        if plan.geotransform:
            ds.SetGeoTransform(plan.geotransform)
            ds.SetProjection(_srs(plan.epsg).ExportToWkt())
        else:
            gcps = [gdal.GCP(x, y, 0.0, px, ln) for px, ln, x, y in plan.gcps]
            ds.SetGCPs(gcps, _srs(plan.epsg).ExportToWkt())
        band = ds.GetRasterBand(1)
        if plan.dtype != "CInt16":
            band.SetNoDataValue(0)
        step = max(TILE, BLOCK_PIXELS // max(plan.width, 1) // TILE * TILE)
        for y0 in range(0, plan.height, step):
            band.WriteArray(make(y0, min(step, plan.height - y0)), 0, y0)
            # Tile rows are complete here, so flushing keeps tile order (and bytes) reproducible.
            ds.FlushCache()
        band = ds = None
        if plan.overviews:
            resampling = "NEAREST" if plan.dtype == "Byte" else "AVERAGE"
            cog_opts = [f"BLOCKSIZE={TILE}", "COMPRESS=NONE", f"RESAMPLING={resampling}"]
            src_ds = gdal.Open(str(src))
            gdal.GetDriverByName("COG").CreateCopy(str(path), src_ds, options=cog_opts)
            src_ds = None
            os.remove(src)


def write_png(path: Path, data: np.ndarray) -> None:
    """Single-band 8-bit PNG via a MEM dataset (no georeferencing, no sidecars)."""
    with gdal_env():
        mem = gdal.GetDriverByName("MEM").Create("", data.shape[1], data.shape[0], 1, gdal.GDT_Byte)
        mem.GetRasterBand(1).WriteArray(data)
        gdal.GetDriverByName("PNG").CreateCopy(str(path), mem)
        mem = None
