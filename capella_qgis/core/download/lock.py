"""Exactly one writer per ``.part`` file: an OS lock on ``<target>.part.lock``, across processes."""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Callable, Optional, Union

from capella_qgis.core.download.plan import LOCK_SUFFIX
from capella_qgis.core.exceptions import CancelledError

if sys.platform == "win32":
    import msvcrt
else:
    import fcntl

log = logging.getLogger("capella_qgis.download")

# How often a fetch that waits for another writer tries again; the cancel event wakes it at once.
POLL_INTERVAL = 0.2
# Busy: another open file description holds the lock (flock: EWOULDBLOCK; locking: EACCES).
_BUSY_ERRNOS = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, getattr(errno, "EDEADLOCK", -1)}
# File systems without locks (some network mounts): the lock cannot protect anything there.
_UNSUPPORTED_ERRNOS = {
    getattr(errno, name, -1) for name in ("ENOLCK", "EOPNOTSUPP", "ENOTSUP", "ENOSYS", "EINVAL")
}
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOINHERIT", 0)


def _lock_fd(fd: int, path: Path) -> bool:
    """Try to take the exclusive lock on ``fd`` without blocking; False when someone holds it.

    Both locks belong to the open file (flock: the open file description; Windows: the
    handle), not to the process: two threads of one QGIS (an old and a reloaded copy of the
    plugin) exclude each other as two processes do. The OS drops them when the holder dies.
    Linux emulates flock on NFS with per-process POSIX locks: there only processes exclude
    each other, not threads of one process.
    """
    try:
        if sys.platform == "win32":
            # locking() covers bytes from the current position; byte 0 may lie past EOF.
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        else:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in _BUSY_ERRNOS:
            return False
        if exc.errno in _UNSUPPORTED_ERRNOS:
            # Refusing to download at all would be worse than the unlocked behaviour of old.
            log.warning("File locks are not supported for %s (%s); not protected", path, exc)
            return True
        raise
    return True


def _unlock_fd(fd: int) -> None:
    if sys.platform == "win32":
        os.lseek(fd, 0, os.SEEK_SET)
        # Fails only if never locked (unsupported file system); closing is all that is left.
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    # POSIX: closing the descriptor releases the flock.


def _same_file(fd: int, path: Path) -> bool:
    """True if ``path`` still names the file ``fd`` has open (not unlinked, not replaced)."""
    try:
        on_disk = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(fd)
    return (on_disk.st_dev, on_disk.st_ino) == (held.st_dev, held.st_ino)


class PartLock:
    """The exclusive OS lock of one asset's ``.part.lock`` file, held by one fetch.

    Removal policy: the holder deletes the lock file when it releases, so a finished download
    leaves no lock file behind (a killed one leaves a stale, unlocked file that the next fetch
    takes over and removes). Deleting is safe because it happens only while the lock is held,
    and every acquirer checks, after locking, that the inode it locked is still the one at the
    path: a waiter that opened the old file before it was unlinked locks an orphan, notices and
    opens the path again. POSIX unlinks before closing (still locked); Windows cannot delete a
    file someone has open, so it closes first and the delete simply fails while others wait.
    """

    def __init__(self, path: Union[str, Path]) -> None:
        self.path = Path(path)
        self.waited = False  # set by acquire(): another writer held it first
        self._fd: Optional[int] = None
        self._mutex = threading.Lock()

    @property
    def held(self) -> bool:
        return self._fd is not None

    def try_acquire(self) -> bool:
        """Take the lock if it is free; never blocks."""
        with self._mutex:
            if self._fd is not None:
                raise RuntimeError(f"{self.path.name} is already held by this lock")
            while True:
                try:
                    fd = os.open(self.path, _OPEN_FLAGS, 0o666)
                except PermissionError:
                    if sys.platform != "win32":
                        raise
                    # Windows refuses to open a file whose deletion is pending (its holder
                    # is removing it while a scanner has it open): busy for a moment.
                    return False
                try:
                    if not _lock_fd(fd, self.path):
                        os.close(fd)
                        return False
                    if _same_file(fd, self.path):
                        self._fd = fd
                        return True
                except BaseException:
                    os.close(fd)
                    raise
                # Locked a file its previous holder had already removed: try the current one.
                _unlock_fd(fd)
                os.close(fd)

    def check(self) -> bool:
        """Still the one writer: held, and the lock file at the path is the one we locked."""
        with self._mutex:
            return self._fd is not None and _same_file(self._fd, self.path)

    def release(self) -> None:
        with self._mutex:
            fd, self._fd = self._fd, None
            if fd is None:
                return
            try:
                if sys.platform != "win32" and _same_file(fd, self.path):
                    # Unlinked while still locked: the next acquirer's inode check sees it.
                    os.unlink(self.path)
            except OSError as exc:
                log.debug("Could not remove %s: %s", self.path, exc)
            finally:
                _unlock_fd(fd)
                os.close(fd)
            if sys.platform == "win32":
                # Fails while another writer has it open (and maybe locked): it is theirs now.
                with contextlib.suppress(OSError):
                    os.unlink(self.path)

    def __enter__(self) -> PartLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _target_name(lock_path: Path) -> str:
    name = lock_path.name
    return name[: -len(LOCK_SUFFIX)] if name.endswith(LOCK_SUFFIX) else name


def acquire(
    path: Union[str, Path],
    cancel_event: threading.Event,
    *,
    on_wait: Optional[Callable[[], None]] = None,
    poll: float = POLL_INTERVAL,
) -> PartLock:
    """The lock at ``path``, waiting while another writer holds it; raises CancelledError.

    ``on_wait`` is called once, when the lock turns out to be taken. The wait sleeps on the
    cancel event itself, so a cancel ends it at once rather than after the next poll.
    """
    lock = PartLock(path)
    if cancel_event.is_set():
        raise CancelledError()
    if lock.try_acquire():
        return lock
    lock.waited = True
    if on_wait is not None:
        on_wait()
    while True:
        if cancel_event.wait(poll):
            raise CancelledError(
                f"Cancelled while waiting for another download writing {_target_name(lock.path)}"
            )
        if lock.try_acquire():
            return lock


# One mutex per lock file for short critical sections: threads of this process queue on it
# rather than polling the OS lock (which, on NFS, would not exclude them from each other).
_SECTION_MUTEXES: dict[str, threading.Lock] = {}
_SECTION_GUARD = threading.Lock()
# How often a short critical section polls an OS lock another process holds.
SECTION_POLL = 0.005


@contextlib.contextmanager
def exclusive(path: Union[str, Path], *, timeout: float) -> Iterator[None]:
    """Hold the lock file ``path`` for a short critical section, across threads and processes.

    For files many writers share (the download queue, the footprints GeoPackage): each holds
    it for milliseconds, so waiting means polling briefly. Raises TimeoutError after
    ``timeout`` seconds; the OS frees the lock of a holder that died.
    """
    path = Path(path)
    with _SECTION_GUARD:
        mutex = _SECTION_MUTEXES.setdefault(os.path.abspath(path), threading.Lock())
    deadline = time.monotonic() + timeout
    if not mutex.acquire(timeout=timeout):
        raise TimeoutError(f"{path} is held by another thread")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock = PartLock(path)
        while not lock.try_acquire():
            if time.monotonic() >= deadline:
                raise TimeoutError(f"{path} is held by another process")
            time.sleep(SECTION_POLL)
        try:
            yield
        finally:
            lock.release()
    finally:
        mutex.release()
