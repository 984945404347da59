"""Signatures on disk: appended a chunk at a time, read back one window of columns or a block of rows at a time.

Each chunk is written twice, because the two readers want opposite layouts: `rows.u32` (document-major: one
document's signature is 4 x num_perm contiguous bytes) for verifying candidate pairs, and one `cols-N.u32` file
per chunk (permutation-major: one permutation's values for the chunk's documents are contiguous) for grouping a
window's values without reading the rest. Disk: 8 bytes per permutation per document (2 KiB at 256).

The folder is a fresh `newsclean-dedup-*` under `tmp_dir` (default: the system's), made at the first spill and
removed by `close()`, when the object is garbage-collected, at interpreter exit (an exception or Ctrl-C that
ends the program), and on SIGTERM (turned into SystemExit while a folder exists, if nobody else handles it). A
full disk is one `DiskFull` error naming the folder, after which the folder is removed.
"""

from __future__ import annotations

import errno
import mmap
import os
import shutil
import signal
import tempfile
import threading
import weakref
from array import array
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np


class DiskFull(OSError):
    """The temporary folder's disk is full."""

    def __init__(self, folder: str, per_document: int) -> None:
        super().__init__(errno.ENOSPC, "no space left on device")
        self.folder, self.per_document = folder, per_document

    def __str__(self) -> str:
        return (
            f"dedup: no space left on device for temporary files in {self.folder} "
            f"(they take {self.per_document} bytes per document; point tmp_dir / --tmp-dir at a larger disk)"
        )


_live: list[str] = []  # folders of this process not yet removed
_previous_handler: list[Any] = []  # the SIGTERM handler to put back when the last folder goes


def _terminate(signum: int, frame: Any) -> None:
    raise SystemExit(128 + signum)  # unwinds: finally blocks and the finalisers remove the folders


def _in_main_thread() -> bool:
    return threading.current_thread() is threading.main_thread()


def _hold(path: str) -> None:
    """Count a new folder; with the first one, have SIGTERM unwind the program instead of killing it outright
    (only where nobody installed a handler of their own)."""
    _live.append(path)
    if len(_live) == 1 and _in_main_thread() and signal.getsignal(signal.SIGTERM) in (signal.SIG_DFL, None):
        _previous_handler.append(signal.signal(signal.SIGTERM, _terminate))


def _release(path: str, owner: int) -> None:
    if os.getpid() != owner:  # a forked child inherits the finaliser, not the folder
        return
    shutil.rmtree(path, ignore_errors=True)
    if path in _live:
        _live.remove(path)
    if not _live and _previous_handler and _in_main_thread() and signal.getsignal(signal.SIGTERM) is _terminate:
        signal.signal(signal.SIGTERM, _previous_handler.pop())


class Scratch:
    """A temporary folder that removes itself (see the module docstring for when)."""

    def __init__(self, parent: str | None, prefix: str = "newsclean-dedup-") -> None:
        self.path = tempfile.mkdtemp(prefix=prefix, dir=parent)
        _hold(self.path)
        self._finalizer = weakref.finalize(self, _release, self.path, os.getpid())

    def close(self) -> None:
        self._finalizer()


class SignatureStore:
    """Signatures (uint32 rows of num_perm) and set sizes of documents in input order, `chunk` rows in memory."""

    def __init__(self, num_perm: int, chunk: int, tmp_dir: str | None = None) -> None:
        import numpy as np

        self.num_perm, self.chunk, self.tmp_dir = num_perm, chunk, tmp_dir
        self.sizes = array("q")  # 8 bytes per document: the only per-document state kept in memory
        self._buffer = np.empty((chunk, num_perm), np.uint32)
        self._filled = 0
        self._chunks: list[int] = []  # documents per spilled chunk
        self._scratch: Scratch | None = None

    def __len__(self) -> int:
        return len(self.sizes)

    @property
    def folder(self) -> str | None:
        return self._scratch.path if self._scratch else None

    def append(self, values: np.ndarray, size: int) -> int:
        if len(values) != self.num_perm:
            raise ValueError(f"a signature of {len(values)} values; this store holds {self.num_perm}")
        self._buffer[self._filled] = values
        self._filled += 1
        self.sizes.append(size)
        if self._filled == self.chunk:
            self._spill()
        return len(self.sizes) - 1

    def _spill(self) -> None:
        block = self._buffer[: self._filled]
        if self._scratch is None:
            self._scratch = Scratch(self.tmp_dir)
        folder = Path(self._scratch.path)
        try:
            with open(folder / "rows.u32", "ab") as rows:
                block.tofile(rows)
            block.T.copy().tofile(folder / f"cols-{len(self._chunks)}.u32")
        except OSError as exc:
            self.close()  # a half-written chunk is of no use: nothing is left behind
            if exc.errno == errno.ENOSPC:
                raise DiskFull(str(folder), 8 * self.num_perm) from None
            raise
        self._chunks.append(self._filled)
        self._filled = 0

    def close(self) -> None:
        if self._scratch is not None:
            self._scratch.close()

    def columns(self, cols: list[int], keep: Any = None) -> tuple[np.ndarray, np.ndarray]:
        """Every document's values at `cols` (n x len(cols)) and its position, for the documents that
        `keep(values, positions) -> bool mask` keeps (all by default); read one chunk at a time."""
        import numpy as np

        parts: list[tuple[np.ndarray, np.ndarray]] = []
        start = 0
        for number, count in enumerate(self._chunks):
            path = Path(self.folder or "") / f"cols-{number}.u32"
            block = np.stack([np.fromfile(path, np.uint32, count, offset=col * count * 4) for col in cols], axis=1)
            parts.append(self._kept(block, start, keep))
            start += count
        if self._filled:
            parts.append(self._kept(self._buffer[: self._filled, cols], start, keep))
        if not parts:
            return np.empty((0, len(cols)), np.uint32), np.empty(0, np.int64)
        return np.concatenate([values for values, _ in parts]), np.concatenate([places for _, places in parts])

    @staticmethod
    def _kept(values: np.ndarray, start: int, keep: Any) -> tuple[np.ndarray, np.ndarray]:
        import numpy as np

        places = np.arange(start, start + len(values), dtype=np.int64)
        if keep is None:
            return values, places
        mask = keep(values, places)
        return values[mask], places[mask]

    def rows(self, positions: np.ndarray) -> np.ndarray:
        """The signatures at `positions` (len x num_perm). The spilled ones come through a memory map made for
        this call and dropped after it, so the pages it touched leave the resident set again."""
        import numpy as np

        out = np.empty((len(positions), self.num_perm), np.uint32)
        spilled = sum(self._chunks)
        on_disk = positions < spilled
        if on_disk.any():
            with (
                open(Path(self.folder or "") / "rows.u32", "rb") as file,
                mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as mapped,
            ):
                if hasattr(mapped, "madvise"):
                    mapped.madvise(mmap.MADV_RANDOM)  # only the pages asked for: no read-ahead into memory
                matrix = np.frombuffer(mapped, np.uint32).reshape(spilled, self.num_perm)
                out[on_disk] = matrix[positions[on_disk]]
                del matrix  # the map can close only once no array looks into it
        out[~on_disk] = self._buffer[positions[~on_disk] - spilled]
        return out
