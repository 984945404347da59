"""Candidate pairs from MinHash signatures, their verification, and clusters: flat numpy arrays throughout.

**Why not plain LSH banding.** Two documents are one story from a *containment* of 0.45, which at size ratio x is
a Jaccard index of only 0.45 / (0.55 + x): 0.29 for equal sizes, 0.18 at x = 2, 0.10 at x = 4. Any two English
news texts already share their "of the", "in the" 2-grams, a Jaccard of 0.02–0.04. Banding 256 values into b
bands of r rows cannot tell 0.29 from 0.03 at scale: r = 2 makes about 10% of *all* pairs candidates, r = 4
misses a third of the pairs at 0.29 (measured on the synthetic corpus of benchmarks/dedup.py).

**What is done instead: a window of `ROWS` values, split only where a bucket is crowded.** The signature is cut
into windows of ROWS consecutive values (85 windows of 3 at 256 permutations). In a window, documents are
grouped by their first value; a group of at most BUCKET documents gives all its pairs as candidates. A larger
group is where a common shingle is everybody's minimum ("of the" under that permutation), so it is split by the
second value, then the third, and what is still crowded after ROWS values (near-copies of one wire story, or
spam) gives the chain of its members in input order (each with the next), which keeps a large cluster connected
at a cost linear in its size. Two documents sharing a rare 2-gram's minimum are therefore candidates with
probability J per window (not J^r); the common 2-grams' crowds are split away. Per window the candidates number
at most BUCKET / 2 per document, so they grow with the corpus, never with its square.

Coverage, with J = C / (1 + x − C) at containment C and size ratio x: a pair is missed only if it is a candidate
in none of the 85 windows; per window the chance is at least J^ROWS (the crowded worst case) and about J when
the shared minimum is a rare 2-gram, so the miss chance is between (1 − J)^85 and (1 − J^3)^85. Measured (README,
`benchmarks/dedup.py --only coverage`): planted pairs at containment 0.45 are found for the size ratios listed
there.

Each candidate pair is verified from the two full signatures and set sizes (the containment estimate, the same
for every caller), and pairs that pass are merged by union-find on an integer array whose roots are always the
smallest position, so a cluster's id is the position of its first document.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

ROWS = 3  # signature values per window: the deepest split of a crowded bucket
BUCKET = 4  # a bucket of at most this many documents gives all its pairs; a larger one is split or chained


def windows(num_perm: int, rows: int = ROWS) -> list[list[int]]:
    """The columns of each window: consecutive, disjoint (so windows are independent draws)."""
    return [list(range(k, k + rows)) for k in range(0, num_perm - rows + 1, rows)]


def bucket_pairs(keys: np.ndarray, positions: np.ndarray, bucket: int = BUCKET) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (a, b), a < b, among documents given one window's values (`keys`, one row per document).

    The result depends only on the documents that share a first value, so the same function applied to the
    whole corpus, to one hash range of first values, or to one `groupby` group on Ray gives the same pairs."""
    import numpy as np

    n, rows = keys.shape
    if n < 2:
        return np.empty(0, np.int64), np.empty(0, np.int64)
    order = np.lexsort((positions, *(keys[:, level] for level in reversed(range(rows)))))
    ranked = keys[order]
    start = np.zeros(n, bool)
    start[0] = True
    emit = np.full(n, -1, np.int64)  # the group that gives all its pairs, per document
    crowded = np.ones(n, bool)  # still in a group of more than `bucket` documents
    for level in range(rows):
        start[1:] |= ranked[1:, level] != ranked[:-1, level]
        group = np.cumsum(start) - 1
        size = np.bincount(group)[group]
        small = crowded & (size <= bucket)
        emit[small] = group[small] + level * n  # group numbers restart at each level
        crowded &= ~small
    firsts, seconds = [], []
    for gap in range(1, bucket):
        same = (emit[:-gap] >= 0) & (emit[:-gap] == emit[gap:])
        firsts.append(order[:-gap][same])
        seconds.append(order[gap:][same])
    chain = np.where(crowded, group, -1)  # groups equal on every value, members in input order
    same = (chain[:-1] >= 0) & (chain[:-1] == chain[1:])
    firsts.append(order[:-1][same])
    seconds.append(order[1:][same])
    a = positions[np.concatenate(firsts)]
    b = positions[np.concatenate(seconds)]
    return np.minimum(a, b), np.maximum(a, b)


def unique_pairs(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each pair once, sorted (positions below 2^32)."""
    import numpy as np

    codes = np.unique((a.astype(np.uint64) << np.uint64(32)) | b.astype(np.uint64))
    return (codes >> np.uint64(32)).astype(np.int64), (codes & np.uint64(0xFFFFFFFF)).astype(np.int64)


def containments(sig_a: np.ndarray, size_a: np.ndarray, sig_b: np.ndarray, size_b: np.ndarray) -> np.ndarray:
    """|A ∩ B| / min(|A|, |B|) estimated for rows of signatures: with m equal values of P, J = m / P and
    |A ∩ B| = J (|A| + |B|) / (1 + J), so the containment is m (|A| + |B|) / ((P + m) min(|A|, |B|))."""
    import numpy as np

    equal = (sig_a == sig_b).sum(axis=-1, dtype=np.int64)
    size_a = np.asarray(size_a, np.int64)
    size_b = np.asarray(size_b, np.int64)
    smaller = np.minimum(size_a, size_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        estimate = equal * (size_a + size_b) / ((sig_a.shape[-1] + equal) * smaller)
    return np.where(smaller > 0, np.minimum(estimate, 1.0), 0.0)


class UnionFind:
    """Disjoint sets of positions 0..n-1 in one int64 array; every root is its set's smallest position."""

    def __init__(self, n: int) -> None:
        import numpy as np

        self.parent = np.arange(n, dtype=np.int64)

    def find(self, x: np.ndarray) -> np.ndarray:
        roots = self.parent[x]
        while True:
            up = self.parent[roots]
            if (up == roots).all():
                return roots
            roots = up

    def union(self, a: np.ndarray, b: np.ndarray) -> None:
        """Merge the sets of each pair (a[i], b[i]): the larger root is hooked under the smaller one; when one
        root is hooked several times in a round, the smallest wins and the other pairs go round again."""
        import numpy as np

        while len(a):
            ra, rb = self.find(a), self.find(b)
            apart = ra != rb
            a, b, ra, rb = a[apart], b[apart], ra[apart], rb[apart]
            np.minimum.at(self.parent, np.maximum(ra, rb), np.minimum(ra, rb))

    def labels(self) -> np.ndarray:
        """Each position's root, with every path compressed."""
        while True:
            up = self.parent[self.parent]
            if (up == self.parent).all():
                return self.parent
            self.parent = up
