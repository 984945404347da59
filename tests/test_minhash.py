"""newsclean/minhash.py: shingle ids and MinHash values, the same in every process."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
from conftest import ROOT, SEEDS

from newsclean import minhash
from newsclean.dedup import Params, shingles, signature

TEXT = (SEEDS / "000_kxan.txt").read_text(encoding="utf-8")


def test_one_id_per_distinct_shingle() -> None:
    for text in (TEXT, "One two, THREE one two", "Alone", "", "a b"):
        assert len(minhash.shingle_ids(minhash.words(text), 2)) == len(shingles(text))
    assert len(minhash.shingle_ids(minhash.words(TEXT), 3)) == len(shingles(TEXT, 3))


def test_signature_is_uint32_of_num_perm_and_empty_text_is_all_max() -> None:
    values, size = signature(TEXT, Params(num_perm=64))
    assert values.dtype == np.uint32 and values.shape == (64,) and size == len(shingles(TEXT))
    empty, zero = signature("")
    assert zero == 0 and (empty == minhash.EMPTY).all()


def test_long_texts_are_hashed_in_blocks_with_the_same_result() -> None:
    ids = minhash.shingle_ids([f"w{i}" for i in range(3 * minhash.BLOCK + 5)], 2)
    a, b = minhash.permutations(32, 1)
    with np.errstate(over="ignore"):
        direct = ((a * (ids >> np.uint64(32))[None, :] + b) >> np.uint64(32)).min(axis=1).astype(np.uint32)
    assert (minhash.minhash(ids, 32, 1) == direct).all()


def test_signatures_are_the_same_in_another_process_and_depend_on_the_seed() -> None:
    code = "import sys; from newsclean.dedup import signature; print(signature(sys.stdin.read())[0].tolist())"
    other = subprocess.run(
        [sys.executable, "-c", code], input=TEXT.encode(), capture_output=True, cwd=ROOT, check=True, timeout=60
    )
    assert json.loads(other.stdout) == signature(TEXT)[0].tolist()
    assert (signature(TEXT, Params(seed=2))[0] != signature(TEXT)[0]).mean() > 0.9


def test_equal_share_estimates_jaccard() -> None:
    words = [f"w{i}" for i in range(1000)]
    a, _ = signature(" ".join(words[:600]), Params(num_perm=1024))
    b, _ = signature(" ".join(words[300:]), Params(num_perm=1024))
    assert abs((a == b).mean() - 299 / 999) < 0.05  # 299 shared pairs of 999
