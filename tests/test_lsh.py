"""newsclean/lsh.py: candidate pairs per window, the containment estimate, union-find on arrays."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.lsh import BUCKET, UnionFind, bucket_pairs, containments, unique_pairs, windows

KEYS = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 1)), min_size=0, max_size=60)


def _pairs(a: np.ndarray, b: np.ndarray) -> set[tuple[int, int]]:
    return set(zip(a.tolist(), b.tolist(), strict=True))


def test_windows_are_disjoint_runs_of_three() -> None:
    assert windows(256)[:2] == [[0, 1, 2], [3, 4, 5]] and len(windows(256)) == 85
    assert len(windows(16)) == 5


def test_small_buckets_give_all_pairs_crowded_ones_are_split_then_chained() -> None:
    keys = np.array([[7, 1, 1]] * 3 + [[9, 1, 1]] + [[5, 2, 2]] * 6 + [[5, 3, 0]], np.uint32)
    positions = np.array([10, 11, 12, 13, 20, 21, 22, 23, 24, 25, 26], np.int64)
    got = _pairs(*bucket_pairs(keys, positions))
    # 7: three documents, all pairs; 9: alone; 5: seven documents, split by the second value into six equal on
    # every value (chained in input order) and one alone
    assert got == {(10, 11), (10, 12), (11, 12), (20, 21), (21, 22), (22, 23), (23, 24), (24, 25)}


@settings(max_examples=200, deadline=None)
@given(KEYS, st.randoms(use_true_random=False))
def test_pairs_depend_only_on_the_group_of_the_first_value(rows: list[tuple[int, int, int]], rng) -> None:
    """The invariant that lets one window be split into hash-range passes, or into Ray groupby groups."""
    keys = np.array(rows, np.uint32).reshape(-1, 3)
    positions = np.array(rng.sample(range(1000), len(rows)), np.int64)
    whole = _pairs(*bucket_pairs(keys, positions))
    grouped: set[tuple[int, int]] = set()
    for first in set(keys[:, 0].tolist()):
        mask = keys[:, 0] == first
        grouped |= _pairs(*bucket_pairs(keys[mask], positions[mask]))
    assert whole == grouped
    assert all(a < b for a, b in whole)
    assert len(whole) <= len(rows) * (BUCKET - 1)  # linear in the documents, whatever the crowding


def test_unique_pairs() -> None:
    a, b = unique_pairs(np.array([3, 1, 3]), np.array([4, 2, 4]))
    assert (a.tolist(), b.tolist()) == ([1, 3], [2, 4])


def test_containment_of_a_subset_is_one_and_of_nothing_zero() -> None:
    sig = np.arange(8, dtype=np.uint32)[None]
    assert containments(sig, np.array([5]), sig, np.array([50])).tolist() == [1.0]
    assert containments(sig, np.array([0]), sig, np.array([5])).tolist() == [0.0]


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 40).flatmap(
        lambda n: st.tuples(st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=60))
    )
)
def test_union_find_gives_connected_components_named_by_their_smallest_member(case) -> None:
    n, edges = case
    found = UnionFind(n)
    for start in range(0, len(edges), 7):  # several batches, as windows give them
        chunk = edges[start : start + 7]
        found.union(np.array([a for a, _ in chunk], np.int64), np.array([b for _, b in chunk], np.int64))
    reference = list(range(n))
    for a, b in edges:  # the plain relabelling
        la, lb = reference[a], reference[b]
        low, high = min(la, lb), max(la, lb)
        reference = [low if label == high else label for label in reference]
    assert found.labels().tolist() == reference
