"""Near-duplicate documents: MinHash signatures of the cleaned text, LSH candidates, clusters.

A news reprint is rarely a copy: one site runs the whole wire story, another a condensed version of it, a
third adds its own first paragraph. So the similarity measured here is *containment*: the share of the
shorter document's word 2-grams that the longer one also has (|A ∩ B| / min(|A|, |B|)). Jaccard
(|A ∩ B| / |A ∪ B|) punishes the condensed reprint for what it left out: the two seed files, one AP story
from two sites, have a 2-gram Jaccard of 0.25 but a containment of 0.74, while two different stories on the
same topic stay under 0.2 on both.

Candidates come from datasketch's LSH Ensemble (MinHash LSH partitioned by set size, built for containment
queries); every candidate pair is then checked against the threshold with the containment estimated from
the two signatures, and pairs that pass are joined into clusters (union-find: a cluster is the connected
group). datasketch is imported only here, when deduplicating; `pip install 'newsclean[dedup]'`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from newsclean.corpus import OUTPUT, CorpusPass

SHINGLE = 2  # words per shingle
NUM_PERM = 256  # MinHash permutations: the standard error of an estimate is about 1/sqrt(256) = 0.06
THRESHOLD = 0.45  # containment from which two documents are one story (see README, "Deduplication")
PART_DOCS = 10_000  # documents per size partition of the LSH index (memory: one partition's index at a time)
SEED = 1  # MinHash permutation seed: signatures are comparable only between runs with the same seed

_WORD = re.compile(r"\w+")


class DedupUnavailable(Exception):
    """datasketch is not installed."""

    def __str__(self) -> str:
        return "dedup needs datasketch: pip install 'newsclean[dedup]'"


@dataclass(frozen=True)
class Params:
    """How documents are compared: shingle width, signature length, containment threshold."""

    shingle: int = SHINGLE
    num_perm: int = NUM_PERM
    threshold: float = THRESHOLD
    seed: int = SEED

    def __post_init__(self) -> None:
        if self.shingle < 1:
            raise ValueError(f"shingle = {self.shingle}: must be at least 1")
        if not 16 <= self.num_perm <= 4096:
            raise ValueError(f"num_perm = {self.num_perm}: must be between 16 and 4096")
        if not 0.0 < self.threshold <= 1.0:
            raise ValueError(f"threshold = {self.threshold}: must be above 0 and at most 1")


def shingles(text: str, width: int = SHINGLE) -> set[bytes]:
    """The set of word `width`-grams of a text, lower-cased, punctuation ignored.

    >>> sorted(shingles("The State Department said, the State"))
    [b'department said', b'said the', b'state department', b'the state']
    """
    words = _WORD.findall(text.lower())
    if len(words) <= width:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + width]).encode() for i in range(len(words) - width + 1)}


def _datasketch() -> Any:
    try:
        import datasketch
    except ImportError:
        raise DedupUnavailable from None
    return datasketch


def available() -> None:
    """Raise DedupUnavailable unless datasketch can be imported."""
    _datasketch()


@lru_cache(maxsize=4)
def _empty(num_perm: int, seed: int) -> Any:
    """A MinHash to copy: generating the permutations once per process, not once per document."""
    return _datasketch().MinHash(num_perm=num_perm, seed=seed)


def signature(text: str, params: Params = Params()) -> tuple[Any, int]:
    """The MinHash hash values (a numpy array) of a text's shingles, and how many distinct shingles it has."""
    grams = shingles(text, params.shingle)
    minhash = _empty(params.num_perm, params.seed).copy()
    if grams:
        minhash.update_batch(list(grams))
    return minhash.hashvalues, len(grams)


def containment(a: Any, size_a: int, b: Any, size_b: int) -> float:
    """|A ∩ B| / min(|A|, |B|), estimated from two signatures and the set sizes.

    The share of equal hash values estimates the Jaccard index J; then |A ∩ B| = J (|A| + |B|) / (1 + J)."""
    if not size_a or not size_b:
        return 0.0
    jaccard = float((a == b).mean())
    return min(1.0, jaccard * (size_a + size_b) / (1 + jaccard) / min(size_a, size_b))


class Clusters:
    """Collects signatures in input order, then groups near-duplicates.

    A cluster's id is the position (0-based, in input order) of its first document, so a document that has
    no duplicate is its own cluster and ids are stable for the same input."""

    def __init__(self, params: Params = Params()) -> None:
        self.params = params
        self._hashes: list[Any] = []
        self._sizes: list[int] = []

    def __len__(self) -> int:
        return len(self._sizes)

    def add(self, hashvalues: Any, size: int) -> int:
        """Record one document's signature; returns its position."""
        self._hashes.append(hashvalues)
        self._sizes.append(size)
        return len(self._sizes) - 1

    def assign(self) -> list[int]:
        """The cluster id of every document added, in order."""
        parent = list(range(len(self._sizes)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for a, b in self.pairs():
            ra, rb = root(a), root(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)  # the root is always the cluster's first document
        return [root(i) for i in range(len(parent))]

    def pairs(self) -> Iterable[tuple[int, int]]:
        """Pairs of positions whose estimated containment reaches the threshold (each pair once, a < b).

        Documents are sorted by size and indexed PART_DOCS at a time (one LSH Ensemble of one size partition in
        memory at a time: datasketch keeps a Python set per band entry, some 500 per document); each partition is
        queried with every document no longer than its longest, since the shorter document's containment is
        the one that counts. Candidates are looked for a little below the threshold; the estimate decides."""
        sizes = self._sizes
        order = sorted((i for i, size in enumerate(sizes) if size), key=lambda i: (sizes[i], i))
        if len(order) < 2:
            return
        datasketch = _datasketch()
        p = self.params

        def lean(i: int) -> Any:
            return datasketch.LeanMinHash(seed=p.seed, hashvalues=self._hashes[i], scheme="affine32")

        checked: set[tuple[int, int]] = set()
        for start in range(0, len(order), PART_DOCS):
            part = order[start : start + PART_DOCS]
            ensemble = datasketch.MinHashLSHEnsemble(
                threshold=max(0.05, p.threshold - 0.1), num_perm=p.num_perm, num_part=1, m=4
            )
            ensemble.index([(i, lean(i), sizes[i]) for i in part])
            for i in order[: start + len(part)]:
                for j in ensemble.query(lean(i), sizes[i]):
                    a, b = min(i, j), max(i, j)
                    if a == b or (a, b) in checked:
                        continue
                    checked.add((a, b))
                    if containment(self._hashes[a], sizes[a], self._hashes[b], sizes[b]) >= p.threshold:
                        yield a, b


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
