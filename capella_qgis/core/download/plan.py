"""Decide what to download: asset filtering, STAC id derivation, safe file names and layout."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional, Union
from urllib.parse import unquote, urlsplit

from capella_qgis.core.exceptions import InputError
from capella_qgis.core.models.enums import (
    LICENSE_ASSET_KEY,
    MAIN_ASSET_KEYS,
    RASTER_ASSET_KEYS,
    AssetType,
    ProductType,
)
from capella_qgis.core.redact import strip_query

StrOrList = Union[str, Iterable[str], None]

_STAC_ID_RE = re.compile(r"CAPELLA_\w+_\w+_\w+_\d{14}_\d{14}")
_WINDOWS_BAD = re.compile(r'[<>:"|?*]')
# Device names Windows opens instead of a file, whatever the extension ("CON .tif" too: it
# ignores trailing spaces). COM0/LPT0 and the superscripts ¹²³ are devices as well.
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"} | {
    f"{p}{i}" for p in ("COM", "LPT") for i in (*"0123456789", "\u00b9", "\u00b2", "\u00b3")
}
_MAX_NAME_BYTES = 200
UNSAFE_FILENAME = "Unsafe filename rejected"
# Files a download keeps beside its target until it is done: the partial file, the segment
# sidecar (and its atomic-write temp file) and the writer lock. Never names of assets.
PART_SUFFIX = ".part"
SIDECAR_SUFFIX = ".part.json"
LOCK_SUFFIX = ".part.lock"
WORK_SUFFIXES = (PART_SUFFIX, SIDECAR_SUFFIX, SIDECAR_SUFFIX + ".tmp", LOCK_SUFFIX)
# Longest first: "a.part.json" is matched as ".part.json", not as something ending ".json".
_WORK_SUFFIXES_LONGEST = sorted(WORK_SUFFIXES, key=len, reverse=True)


def _as_list(value: StrOrList) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value]


def _invalid_message(what: str, bad: list[str], valid: list[str]) -> str:
    hints = []
    for value in bad:
        close = difflib.get_close_matches(value, valid, n=1) or [
            v for v in valid if v.lower() == value.lower()
        ]
        hints.append(f"'{value}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
    return f"Invalid {what}: {', '.join(hints)}. Valid values: {', '.join(valid)}."


@dataclass(frozen=True)
class AssetFilter:
    """SDK filter semantics (§7.3), but invalid values are an error instead of "download all"."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    product_types: tuple[str, ...] = ()

    @classmethod
    def create(
        cls, include: StrOrList = None, exclude: StrOrList = None, product_types: StrOrList = None
    ) -> AssetFilter:
        valid_assets = AssetType.values()
        inc, exc = _as_list(include), _as_list(exclude)
        bad = [v for v in inc + exc if v not in valid_assets]
        if bad:
            raise InputError(_invalid_message("asset type", bad, valid_assets), field="assets")
        types = [t.strip().upper() for t in _as_list(product_types)]
        bad_types = [t for t in types if not ProductType.has_value(t)]
        if bad_types:
            raise InputError(
                _invalid_message("product type", bad_types, ProductType.values()),
                field="product_types",
            )
        return cls(_expand(inc), _expand(exc), tuple(dict.fromkeys(types)))

    def allows_asset(self, key: str) -> bool:
        if key == LICENSE_ASSET_KEY:
            return False
        if self.include and key not in self.include:
            return False
        return key not in self.exclude

    def allows_product(self, product_type: Optional[str]) -> bool:
        if not self.product_types:
            return True
        return (product_type or "").upper() in self.product_types


def _expand(keys: list[str]) -> tuple[str, ...]:
    out: list[str] = []
    for key in keys:
        out.extend(RASTER_ASSET_KEYS if key == AssetType.raster.value else (key,))
    return tuple(dict.fromkeys(out))


@dataclass
class DownloadJob:
    """One asset to fetch. ``url`` is mutable: the engine swaps in refreshed presigned URLs."""

    stac_id: str
    asset_key: str
    url: str
    target: Path
    product_type: Optional[str] = None
    expected_size: Optional[int] = None
    order_id: Optional[str] = None

    @property
    def key(self) -> str:
        return f"{self.stac_id}/{self.asset_key}"

    @property
    def part_path(self) -> Path:
        return self.target.with_name(self.target.name + PART_SUFFIX)

    @property
    def sidecar_path(self) -> Path:
        return self.target.with_name(self.target.name + SIDECAR_SUFFIX)

    @property
    def lock_path(self) -> Path:
        """Held (OS lock) by the one writer of this asset's .part, sidecar and final rename."""
        return self.target.with_name(self.target.name + LOCK_SUFFIX)

    def work_paths(self) -> list[Path]:
        """Every file this job writes besides its target (see WORK_SUFFIXES)."""
        return [self.target.with_name(self.target.name + s) for s in WORK_SUFFIXES]

    def __repr__(self) -> str:
        # Never show the presigned query string.
        return f"DownloadJob({self.key!r}, url={strip_query(self.url)!r}, target={self.target!s})"


@dataclass(frozen=True)
class SkippedAsset:
    """An asset left out of the plan because its file name is unsafe (nothing is written)."""

    stac_id: str
    asset_key: str
    reason: str

    @property
    def key(self) -> str:
        return f"{self.stac_id}/{self.asset_key}"


class DownloadPlan(list[DownloadJob]):
    """The jobs, plus items that produced none (reported instead of crashing, SDK quirk 9).

    ``renamed``: job key -> the target it got instead of its own name (a name shared with
    another asset, or ending like a download's work file). ``skipped_unsafe``: every asset
    whose name is unsafe; the others are still planned.
    """

    def __init__(self, jobs: Iterable[DownloadJob] = ()) -> None:
        super().__init__(jobs)
        self.empty_items: list[str] = []
        self.filtered_items: list[str] = []
        self.renamed: dict[str, Path] = {}
        self.skipped_unsafe: list[SkippedAsset] = []


def stac_id_from_href(href: str) -> Optional[str]:
    path = unquote(urlsplit(href).path)
    found = _STAC_ID_RE.findall(path)
    return found[-1] if found else None


def derive_stac_id(item: Mapping[str, Any]) -> Optional[str]:
    assets = item.get("assets") or {}
    for key in MAIN_ASSET_KEYS:
        href = (assets.get(key) or {}).get("href") if isinstance(assets, Mapping) else None
        if href:
            found = stac_id_from_href(str(href))
            if found:
                return found
    item_id = item.get("id")
    return str(item_id) if item_id else None


def sanitize_filename(name: str) -> str:
    """Make one path component safe; raise InputError for anything that could escape."""
    return _sanitize(name)[0]


def _unsafe(name: str, why: str) -> InputError:
    return InputError(f"{UNSAFE_FILENAME}: {name!r} ({why})", field="filename")


def _sanitize(name: str) -> tuple[str, bool]:
    """The safe name, and whether it was renamed because it ends like a work file."""
    try:
        decoded = unquote(name, errors="strict")
    except UnicodeDecodeError:
        decoded = unquote(name, errors="replace")
    decoded = unicodedata.normalize("NFC", decoded)
    if "/" in decoded or "\\" in decoded:
        raise _unsafe(name, "it contains a folder separator")
    if "\x00" in decoded:
        raise _unsafe(name, "it contains a NUL character")
    clean = "".join("_" if unicodedata.category(c)[0] == "C" else c for c in decoded)
    clean = _WINDOWS_BAD.sub("_", clean).strip().rstrip(". ")
    if not clean or set(clean) == {"."} or decoded in (".", ".."):
        raise _unsafe(name, "it names no file")
    # Windows ignores trailing spaces before the extension: "CON .tif" opens the console.
    if clean.split(".")[0].rstrip(" ").upper() in _WINDOWS_RESERVED:
        clean = "_" + clean
    while len(clean.encode("utf-8")) > _MAX_NAME_BYTES:
        stem, dot, ext = clean.rpartition(".")
        if dot and 0 < len(ext) <= 16 and stem:
            clean = f"{stem[:-1]}.{ext}"
        else:
            clean = clean[:-1]
    # Last (a cut can end in ".part"): a download's work files must never be an asset's name.
    free = _without_work_suffix(clean)
    return free, free != clean


def _without_work_suffix(name: str) -> str:
    """``X.tif.part`` -> ``X.tif_part``: a name ending like a work file (any case) loses the dot.

    Afterwards it ends in ``_part``, ``_part.json``, ``_part.json.tmp`` or ``_part.lock``,
    none of which ends in a work suffix, so one rename is enough. Compared case-insensitively:
    Windows and macOS file systems treat ``X.TIF.PART`` and ``X.tif.part`` as one file.
    """
    for suffix in _WORK_SUFFIXES_LONGEST:
        if len(name) >= len(suffix) and name[-len(suffix) :].casefold() == suffix:
            cut = len(name) - len(suffix)
            return f"{name[:cut]}_{name[cut + 1 :]}"
    return name


def filename_from_url(url: str) -> str:
    return _sanitize(_last_segment(url))[0]


def _last_segment(url: str) -> str:
    return urlsplit(url).path.rsplit("/", 1)[-1]


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
    except ValueError:
        return False
    return True


def _asset_size(asset: Mapping[str, Any]) -> Optional[int]:
    size = asset.get("file:size")
    return size if isinstance(size, int) and size >= 0 else None


def plan_downloads(
    items: Iterable[Mapping[str, Any]],
    dest_dir: Union[str, Path],
    *,
    filters: Optional[AssetFilter] = None,
    separate_dirs: bool = True,
    overwrite: bool = False,
    order_id: Optional[str] = None,
) -> DownloadPlan:
    """One job per asset. ``overwrite`` is carried by the engine; accepted here for symmetry."""
    del overwrite
    filters = filters or AssetFilter()
    root = Path(dest_dir)
    if not root.is_dir():
        raise InputError(f"Download folder does not exist: {root}", field="dest_dir")
    plan = DownloadPlan()
    seen: set[tuple[str, str]] = set()
    for item in items:
        props = item.get("properties") or {}
        product_type = props.get("sar:product_type")
        product_type = str(product_type).upper() if product_type else None
        stac_id = derive_stac_id(item)
        if not stac_id:
            plan.empty_items.append("<item without id or main asset>")
            continue
        if not filters.allows_product(product_type):
            plan.filtered_items.append(stac_id)
            continue
        try:
            folder = root / sanitize_filename(stac_id) if separate_dirs else root
            folder_problem = ""
        except InputError as exc:
            folder, folder_problem = root, f"product folder: {exc.message}"
        count = skipped = 0
        for key, asset in (item.get("assets") or {}).items():
            href = asset.get("href") if isinstance(asset, Mapping) else None
            if not href or not filters.allows_asset(key) or (stac_id, key) in seen:
                continue
            seen.add((stac_id, key))
            # One unsafe name skips that asset only; every one is reported (plan.skipped_unsafe).
            try:
                if folder_problem:
                    raise InputError(folder_problem, field="filename")
                name, work_renamed = _sanitize(_last_segment(str(href)))
                target = folder / name
                if not _inside(target, root):
                    raise _unsafe(name, "it would be written outside the download folder")
            except InputError as exc:
                plan.skipped_unsafe.append(SkippedAsset(stac_id, key, exc.message))
                skipped += 1
                continue
            job = DownloadJob(
                stac_id, key, str(href), target, product_type, _asset_size(asset), order_id
            )
            if work_renamed:
                plan.renamed[job.key] = target
            plan.append(job)
            count += 1
        if not count and not skipped:
            plan.empty_items.append(stac_id)
    _resolve_collisions(plan)
    return plan


def _resolve_collisions(plan: DownloadPlan) -> None:
    # casefold: Windows/macOS file systems treat A.tif and a.tif as the same file. No target
    # can be another's work file (.part, sidecar, lock): _sanitize renames such names.
    def norm(p: Path) -> str:
        return str(p).casefold()

    groups: dict[str, list[DownloadJob]] = {}
    for job in plan:
        groups.setdefault(norm(job.target), []).append(job)
    taken = set(groups)
    for jobs in groups.values():
        if len(jobs) < 2:
            continue
        owners = [j for j in jobs if j.target.name.startswith(j.stac_id)]
        keeper = owners[0] if len(owners) == 1 else None
        for job in sorted(jobs, key=lambda j: (j.stac_id, j.asset_key)):
            if job is keeper:
                continue
            base = job.target.name
            candidates = [f"{job.stac_id}_{base}", f"{job.stac_id}_{job.asset_key}_{base}"]
            candidates += [f"{job.stac_id}_{job.asset_key}_{n}_{base}" for n in range(2, 1000)]
            for name in candidates:
                new = job.target.with_name(sanitize_filename(name))
                if norm(new) not in taken:
                    break
            taken.add(norm(new))
            plan.renamed[job.key] = new
            job.target = new
