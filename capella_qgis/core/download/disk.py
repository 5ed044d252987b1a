"""Disk-space checks and disk-full detection for downloads."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from capella_qgis.core.download.errors import DiskFullError, InsufficientSpaceError
from capella_qgis.core.download.plan import DownloadJob

# Headroom so a download does not leave the file system at exactly zero bytes.
RESERVE_BYTES = 16 * 1024 * 1024
_DISK_FULL_ERRNOS = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


def human_size(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB", "TiB"):
        if abs(n) < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} TiB"


def existing_ancestor(path: Path) -> Path:
    path = path.absolute()
    while not path.exists() and path.parent != path:
        path = path.parent
    return path


def _already_on_disk(job: DownloadJob) -> int:
    for candidate in (job.part_path,):
        try:
            return candidate.stat().st_size
        except OSError:
            continue
    return 0


def needed_bytes(jobs: Iterable[DownloadJob], overwrite: bool = False) -> dict[Path, int]:
    """Bytes still to write per file-system root (keyed by an existing ancestor folder)."""
    per_device: dict[int, tuple[Path, int]] = {}
    for job in jobs:
        if job.expected_size is None:
            continue
        if (
            not overwrite
            and job.target.is_file()
            and job.target.stat().st_size == job.expected_size
        ):
            continue
        anchor = existing_ancestor(job.target.parent)
        device = anchor.stat().st_dev
        if job.sidecar_path.exists():
            remaining = job.expected_size  # preallocated .part: its size says nothing
        else:
            remaining = max(0, job.expected_size - _already_on_disk(job))
        path, total = per_device.get(device, (anchor, 0))
        per_device[device] = (path, total + remaining)
    return dict(per_device.values())


def check_free_space(jobs: Iterable[DownloadJob], *, overwrite: bool = False) -> None:
    """Refuse before starting when the planned sizes do not fit (unknown sizes are not counted)."""
    problems = []
    for anchor, needed in needed_bytes(jobs, overwrite).items():
        free = shutil.disk_usage(anchor).free
        if needed + RESERVE_BYTES > free:
            problems.append(f"{anchor}: needs {human_size(needed)}, only {human_size(free)} free")
    if problems:
        raise InsufficientSpaceError(
            "Not enough disk space for the download: " + "; ".join(problems)
        )


def ensure_space(path: Path, needed: int) -> None:
    """Per-file check once the real size is known."""
    free = shutil.disk_usage(existing_ancestor(path.parent)).free
    if needed > free:
        raise InsufficientSpaceError(
            f"Not enough disk space for {path.name}: needs {human_size(needed)}, "
            f"only {human_size(free)} free in {path.parent}"
        )


def is_disk_full(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno in _DISK_FULL_ERRNOS


def disk_full_error(path: Path, exc: OSError) -> DiskFullError:
    return DiskFullError(
        f"Disk full while writing {path.name} in {path.parent} "
        f"({os.strerror(exc.errno or errno.ENOSPC)}); the partial file was kept for resume"
    )
