"""Near-duplicate documents: MinHash signatures of the cleaned text, candidate pairs, clusters.

A news reprint is rarely a copy: one site runs the whole wire story, another a condensed version of it, a
third adds its own first paragraph. So the similarity measured here is *containment*: the share of the
shorter document's word 2-grams that the longer one also has (|A ∩ B| / min(|A|, |B|)). Jaccard
(|A ∩ B| / |A ∪ B|) punishes the condensed reprint for what it left out: the two seed files, one AP story
from two sites, have a 2-gram Jaccard of 0.25 but a containment of 0.74, while two different stories on the
same topic stay under 0.2 on both.

The engine is three modules of flat numpy arrays, all imported lazily (a plain cleaning run never loads numpy):
`minhash` (signatures, computed in the workers), `spill` (signatures on disk a chunk at a time, in a
temporary folder that removes itself) and `lsh` (candidate pairs per window of the signature, verified against
the threshold, merged by union-find). `Clusters` drives them within a memory budget (`Params.memory`).
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from newsclean import minhash
from newsclean.batch import Batch, _Stdout
from newsclean.pipeline import Pipeline
from newsclean.process import Options, Result

if TYPE_CHECKING:
    import numpy as np

    from newsclean.lsh import UnionFind

SHINGLE = 2  # words per shingle
NUM_PERM = 256  # MinHash permutations: the standard error of an estimate is about 1/sqrt(256) = 0.06
THRESHOLD = 0.45  # containment from which two documents are one story (see README, "Deduplication")
SEED = 1  # MinHash permutation seed: signatures are comparable only between runs with the same seed
MEMORY = 256 * 2**20  # bytes for the engine's working arrays (chunk buffer, one window pass, a verify block)
PASS_BYTES = 160  # working bytes per document while one window is grouped (keys, positions, sort, groups)
PAGE = 4096  # a verified row read from the memory map makes one page resident

_WORD = re.compile(r"\w+")


class DedupUnavailable(Exception):
    """numpy, which the engine needs, cannot be imported (it is a dependency: a broken installation)."""

    def __str__(self) -> str:
        return "dedup needs numpy: pip install 'numpy>=1.24'"


@dataclass(frozen=True)
class Params:
    """How documents are compared (shingle width, signature length, containment threshold, seed) and where and
    within what the engine works: `tmp_dir` for its temporary folder (default: the system's), `memory` in bytes
    for its working arrays (besides 16 bytes per document: set sizes and cluster labels)."""

    shingle: int = SHINGLE
    num_perm: int = NUM_PERM
    threshold: float = THRESHOLD
    seed: int = SEED
    tmp_dir: str | None = None
    memory: int = MEMORY

    def __post_init__(self) -> None:
        if self.shingle < 1:
            raise ValueError(f"shingle = {self.shingle}: must be at least 1")
        if not 16 <= self.num_perm <= 4096:
            raise ValueError(f"num_perm = {self.num_perm}: must be between 16 and 4096")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold = {self.threshold}: must be above 0 and at most 1")
        if self.memory < 2**20:
            raise ValueError(f"memory = {self.memory}: must be at least 1 MiB (1048576 bytes)")


def shingles(text: str, width: int = SHINGLE) -> set[bytes]:
    """The set of word `width`-grams of a text, lower-cased, punctuation ignored (what a signature hashes).

    >>> sorted(shingles("The State Department said, the State"))
    [b'department said', b'said the', b'state department', b'the state']
    """
    words = _WORD.findall(text.lower())
    if len(words) <= width:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + width]).encode() for i in range(len(words) - width + 1)}


def available() -> None:
    """Raise DedupUnavailable unless numpy can be imported."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        raise DedupUnavailable from None


def signature(text: str, params: Params = Params()) -> tuple[np.ndarray, int]:
    """The MinHash values of a text's shingles (uint32, `num_perm` of them) and the number of distinct shingles."""
    return minhash.signature(text, params.shingle, params.num_perm, params.seed)


def containment(a: Any, size_a: int, b: Any, size_b: int) -> float:
    """|A ∩ B| / min(|A|, |B|), estimated from two signatures and the set sizes.

    The share of equal hash values estimates the Jaccard index J; then |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    import numpy as np

    from newsclean.lsh import containments

    return float(containments(np.asarray(a)[None], np.array([size_a]), np.asarray(b)[None], np.array([size_b]))[0])


class Clusters:
    """Collects signatures in input order, then groups near-duplicates.

    A cluster's id is the position (0-based, in input order) of its first document, so a document that has
    no duplicate is its own cluster and ids are stable for the same input. Signatures go to disk a chunk at a
    time as they are added; `assign()` reads them back a window at a time (see newsclean/lsh.py), then removes
    the temporary folder, as do `close()` and leaving a `with` block. `chunk` and `pass_docs` override what the
    memory budget gives (documents per spilled chunk, documents grouped per pass), for tests."""

    def __init__(self, params: Params = Params(), *, chunk: int | None = None, pass_docs: int | None = None) -> None:
        from newsclean.spill import SignatureStore

        self.params = params
        row = 4 * params.num_perm
        self.chunk = chunk or max(256, min(2**16, params.memory // 8 // row))  # the buffer and its transposed copy
        self.pass_docs = pass_docs or max(1024, params.memory // 2 // PASS_BYTES)
        self.verify_block = max(64, params.memory // 8 // (2 * (row + PAGE)))  # gathered rows and mapped pages
        self._store = SignatureStore(params.num_perm, self.chunk, params.tmp_dir)
        self._labels: list[int] | None = None

    def __len__(self) -> int:
        return len(self._store)

    def __enter__(self) -> Clusters:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def folder(self) -> str | None:
        """The temporary folder, once a chunk has been spilled (None before and after)."""
        return self._store.folder

    def add(self, hashvalues: Any, size: int) -> int:
        """Record one document's signature; returns its position."""
        if self._labels is not None:
            raise RuntimeError("Clusters.assign() has been called: no more documents can be added")
        return self._store.append(hashvalues, size)

    def assign(self) -> list[int]:
        """The cluster id of every document added, in order (a list of ints); removes the temporary files."""
        if self._labels is None:
            try:
                self._labels = self._cluster().tolist()
            finally:
                self.close()
        return self._labels

    def close(self) -> None:
        """Remove the temporary folder (assign() does it too)."""
        self._store.close()

    def _cluster(self) -> np.ndarray:
        import numpy as np

        from newsclean.lsh import UnionFind, bucket_pairs, windows

        store = self._store
        sizes = np.frombuffer(store.sizes, np.int64) if len(store) else np.empty(0, np.int64)
        live = sizes > 0  # a text without words has nothing to compare (and its empty signature matches all)
        passes = max(1, -(-int(live.sum()) // self.pass_docs))
        found = UnionFind(len(store))
        for cols in windows(self.params.num_perm):
            # Groups never straddle passes: a pass takes the documents whose first value falls in its share.
            for part in range(passes):

                def keep(values: np.ndarray, places: np.ndarray, part: int = part) -> np.ndarray:
                    mask = live[places]
                    if passes > 1:
                        mask &= (values[:, 0] * np.uint32(0x9E3779B1)) % np.uint32(passes) == part
                    return mask

                keys, places = store.columns(cols, keep)
                self._merge(found, *bucket_pairs(keys, places), sizes)
            found.labels()  # compress the paths once per window, so finds stay short
        return found.labels()

    def _merge(self, found: UnionFind, a: np.ndarray, b: np.ndarray, sizes: np.ndarray) -> None:
        """Verify the candidate pairs not already in one cluster and merge those that pass."""
        from newsclean.lsh import containments, unique_pairs

        a, b = unique_pairs(a, b)
        apart = found.find(a) != found.find(b)  # in one cluster already: the pair cannot change anything
        a, b = a[apart], b[apart]
        for start in range(0, len(a), self.verify_block):
            x, y = a[start : start + self.verify_block], b[start : start + self.verify_block]
            near = containments(self._store.rows(x), sizes[x], self._store.rows(y), sizes[y]) >= self.params.threshold
            found.union(x[near], y[near])


# ---------------------------------------------------------------------------------------------- batches
KEEP = ("all", "first", "longest")


@dataclass
class Signed(Result):
    """A cleaned document's result with the signature of its clean text."""

    hashvalues: Any = None
    shingles: int = 0
    length: int = 0  # characters of clean text, for --keep longest


def _signed(step: Callable[[Any], Result], params: Params, text_field: str, item: Any) -> Result:
    """Run a cleaning step on one input in a worker, then sign the clean text (workers do the hashing)."""
    result = step(item)
    if result.error:
        return result
    record = json.loads(result.record_line if result.record_line is not None else result.output)
    text = record.get(text_field if result.record_line is not None else "text")
    text = text if isinstance(text, str) else ""
    hashvalues, size = signature(text, params)
    return Signed(**vars(result), hashvalues=hashvalues, shingles=size, length=len(text))


class _Spool:
    """Takes each document's JSON line in place of stdout and keeps it on disk until the clusters are known:
    memory holds only the signatures."""

    def __init__(self, batch: DedupBatch) -> None:
        self.batch, self.file = batch, tempfile.TemporaryFile()  # noqa: SIM115 (closed by DedupBatch.run)

    def document(self, text: str, *, separate: bool) -> None:
        self.raw(text.encode("utf-8", "replace"))

    def raw(self, data: bytes) -> None:
        self.batch.add(data if data.endswith(b"\n") else data + b"\n")

    def flush(self) -> None:
        return None


class DedupBatch(Batch):
    """A batch whose documents are clustered before they are written: JSON lines, each with a `cluster` id."""

    def __init__(self, *args: Any, params: Params = Params(), keep: str = "all", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if keep not in KEEP:
            raise ValueError(f"keep = {keep!r}: choose from {', '.join(KEEP)}")
        self.params, self.keep = params, keep
        self.clusters = Clusters(params)
        self.lengths: list[int] = []
        self._pending: Signed | None = None
        self.spool = _Spool(self)
        self.out = self.spool  # type: ignore[assignment]

    def step(self, fn: Callable[[Pipeline, Options, Any], Result]) -> Callable[[Any], Result]:
        return partial(_signed, super().step(fn), self.params, self.opts.text_field)

    def _deliver(self, result: Result, *, to_stdout: bool, announce: bool = True) -> None:
        self._pending = result if isinstance(result, Signed) else None
        super()._deliver(result, to_stdout=to_stdout, announce=announce)

    def add(self, line: bytes) -> None:
        """One document's JSON line, delivered for the result being handled."""
        signed = self._pending
        assert signed is not None, "a document reached the output without a signature"
        self.clusters.add(signed.hashvalues, signed.shingles)
        self.lengths.append(signed.length)
        self.spool.file.write(line)

    def run(self, paths: list[str], globs: Iterable[str] = (), exclude: Iterable[str] = ()) -> int:
        code = super().run(paths, globs, exclude)
        ids = self.clusters.assign()
        kept = self._kept(ids)
        out, spool = _Stdout(), self.spool.file
        spool.seek(0)
        for n, line in enumerate(spool):
            if kept is None or kept[ids[n]] == n:
                out.raw((json.dumps({**json.loads(line), "cluster": ids[n]}, ensure_ascii=False) + "\n").encode())
        out.flush()
        spool.close()
        groups = len(set(ids))
        duplicates = len(ids) - groups
        written = f", {duplicates} left out (--keep {self.keep})" if kept is not None else ""
        self.say(f"{len(ids)} documents in {groups} clusters: {duplicates} near-duplicates{written}")
        return code

    def _kept(self, ids: list[int]) -> dict[int, int] | None:
        """For --keep first|longest, the one document written per cluster; None to write every one."""
        if self.keep == "all":
            return None
        chosen: dict[int, int] = {}
        for n, cluster in enumerate(ids):
            best = chosen.get(cluster)
            if best is None or (self.keep == "longest" and self.lengths[n] > self.lengths[best]):
                chosen[cluster] = n
        return chosen
