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
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from newsclean import minhash
from newsclean.corpus import OUTPUT, CorpusPass

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


# ---------------------------------------------------------------------------------------------- the pass
KEEP = ("all", "first", "longest")


@dataclass(frozen=True)
class Signer:
    """The worker side of `Deduplicate`: the signature of a document's clean text and the text's length."""

    params: Params = Params()
    name: str = "signature"

    def __call__(self, doc: Any, text: str) -> tuple[Any, int, int]:
        hashvalues, size = signature(text, self.params)
        return hashvalues, size, len(text)


class Deduplicate(CorpusPass):
    """A corpus pass that clusters the clean documents and writes each JSON line with its `cluster` id (or
    only one document per cluster, with `keep` first or longest)."""

    stage = OUTPUT

    def __init__(self, params: Params = Params(), keep: str = "all") -> None:
        if keep not in KEEP:
            raise ValueError(f"keep = {keep!r}: choose from {', '.join(KEEP)}")
        self.collector = Signer(params)
        self.keep = keep
        self.clusters = Clusters(params)
        self.lengths: list[int] = []
        self.ids: list[int] = []
        self.kept: dict[int, int] | None = None

    def add(self, facts: Any) -> None:
        hashvalues, size, length = facts
        self.clusters.add(hashvalues, size)
        self.lengths.append(length)

    def decide(self) -> str | None:
        self.ids = list(self.clusters.assign())
        self.kept = self._kept(self.ids)
        groups = len(set(self.ids))
        duplicates = len(self.ids) - groups
        written = f", {duplicates} left out (--keep {self.keep})" if self.kept is not None else ""
        return f"{len(self.ids)} documents in {groups} clusters: {duplicates} near-duplicates{written}"

    def output(self, index: int, line: bytes) -> bytes | None:
        cluster = self.ids[index]
        if self.kept is not None and self.kept[cluster] != index:
            return None
        return (json.dumps({**json.loads(line), "cluster": cluster}, ensure_ascii=False) + "\n").encode()

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
