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
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from newsclean.batch import Batch, _Stdout
from newsclean.pipeline import Pipeline
from newsclean.process import Options, Result

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
