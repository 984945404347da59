"""Atomic file replacement: a file is always its old bytes or its new ones, never half-written."""

from __future__ import annotations

import contextlib
import glob
import os
import stat
import tempfile

TEMP_SUFFIX = ".newsclean-tmp"


class AtomicFile:
    """A file written under a temporary name in the target's folder, then fsynced and renamed into place by
    `commit()`, keeping the old file's permissions: a reader, or a crash, sees the old bytes or the new, never
    a mix. `discard()` leaves the target untouched."""

    def __init__(self, path: str) -> None:
        self.path = path
        folder = os.path.dirname(path) or "."
        os.makedirs(folder, exist_ok=True)
        handle, self.temp = tempfile.mkstemp(prefix=f".{os.path.basename(path)}.", suffix=TEMP_SUFFIX, dir=folder)
        self.file = os.fdopen(handle, "wb")

    def write(self, data: bytes) -> None:
        self.file.write(data)

    def commit(self) -> None:
        try:
            self.file.flush()
            os.fsync(self.file.fileno())
            self.file.close()
            with contextlib.suppress(FileNotFoundError):  # a new file keeps the umask's permissions
                os.chmod(self.temp, stat.S_IMODE(os.stat(self.path).st_mode))
            os.replace(self.temp, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        self.file.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.temp)


def atomic_write(path: str, data: bytes) -> None:
    """Replace `path` with `data` atomically (see AtomicFile)."""
    target = AtomicFile(path)
    try:
        target.write(data)
    except BaseException:
        target.discard()
        raise
    target.commit()


def remove_stale_temps(folders: set[str]) -> int:
    """Delete temporary files an interrupted run (a crash, SIGKILL) left in these folders; return how many."""
    removed = 0
    for folder in folders:
        for temp in glob.glob(os.path.join(glob.escape(folder or "."), f".*{TEMP_SUFFIX}")):
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temp)
                removed += 1
    return removed
