"""newsclean/spill.py: signatures on disk, in a folder that goes away at the end, on errors and on signals."""

from __future__ import annotations

import errno
import signal
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import ROOT

from newsclean import spill
from newsclean.spill import DiskFull, SignatureStore


def _store(tmp_path: Path, chunk: int = 3) -> SignatureStore:
    store = SignatureStore(4, chunk, str(tmp_path))
    for i in range(8):
        store.append(np.array([i, 10 + i, 20 + i, 30 + i], np.uint32), i)
    return store


def test_rows_and_columns_read_back_what_was_added(tmp_path: Path) -> None:
    store = _store(tmp_path)
    assert store.folder and Path(store.folder).parent == tmp_path
    assert sorted(p.name for p in Path(store.folder).iterdir()) == ["cols-0.u32", "cols-1.u32", "rows.u32"]
    rows = store.rows(np.array([7, 0, 4]))  # one from memory (7), two from disk
    assert rows.tolist() == [[7, 17, 27, 37], [0, 10, 20, 30], [4, 14, 24, 34]]
    values, places = store.columns([1, 3])
    assert places.tolist() == list(range(8)) and values.tolist() == [[10 + i, 30 + i] for i in range(8)]
    odd, where = store.columns([0], lambda values, places: places % 2 == 1)
    assert where.tolist() == [1, 3, 5, 7] and odd[:, 0].tolist() == [1, 3, 5, 7]
    store.close()
    assert list(tmp_path.iterdir()) == []


def test_nothing_touches_the_disk_until_a_chunk_is_full(tmp_path: Path) -> None:
    store = _store(tmp_path, chunk=100)
    assert store.folder is None and list(tmp_path.iterdir()) == []
    assert store.rows(np.array([2]))[0].tolist() == [2, 12, 22, 32]


def test_a_full_disk_is_one_clear_error_and_leaves_nothing(tmp_path: Path, monkeypatch) -> None:
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(spill, "open", full, raising=False)
    with pytest.raises(DiskFull) as caught:
        _store(tmp_path)
    assert str(caught.value).startswith(f"dedup: no space left on device for temporary files in {tmp_path}")
    assert "32 bytes per document" in str(caught.value) and caught.value.errno == errno.ENOSPC
    assert list(tmp_path.iterdir()) == []


def test_other_write_errors_pass_through(tmp_path: Path, monkeypatch) -> None:
    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(spill, "open", denied, raising=False)
    with pytest.raises(PermissionError):
        _store(tmp_path)
    assert list(tmp_path.iterdir()) == []


SPILL_AND_WAIT = """
import sys, time
import numpy as np
from newsclean.dedup import Clusters, Params
clusters = Clusters(Params(tmp_dir=sys.argv[1]), chunk=2)
for i in range(5):
    clusters.add(np.full(256, i, np.uint32), 10)
print(clusters.folder, flush=True)
time.sleep(60)
"""


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGTERM, 128 + signal.SIGTERM), (signal.SIGINT, -signal.SIGINT)])
def test_an_interrupted_run_removes_its_folder(tmp_path: Path, signum: int, code: int) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", SPILL_AND_WAIT, str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT
    )
    assert proc.stdout is not None
    folder = Path(proc.stdout.readline().decode().strip())
    assert folder.parent == tmp_path and (folder / "rows.u32").exists()
    proc.send_signal(signum)
    assert proc.wait(timeout=30) == code
    assert not folder.exists()


def test_a_handler_someone_else_installed_is_left_alone(tmp_path: Path) -> None:
    def mine(signum, frame):
        return None

    previous = signal.signal(signal.SIGTERM, mine)
    try:
        store = _store(tmp_path)
        assert signal.getsignal(signal.SIGTERM) is mine
        store.close()
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, previous)


def test_the_default_handler_is_restored_after_close(tmp_path: Path) -> None:
    previous = signal.signal(signal.SIGTERM, signal.SIG_DFL)  # another test's library (ray) may have set one
    try:
        store = _store(tmp_path)
        assert signal.getsignal(signal.SIGTERM) is not signal.SIG_DFL
        store.close()
        assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL
    finally:
        signal.signal(signal.SIGTERM, previous)
