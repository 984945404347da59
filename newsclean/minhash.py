"""MinHash signatures in numpy: a text's word shingles hashed to 64 bits, then `num_perm` minimum hash values.

Every hash here is a pure function of the bytes and the seed (blake2b and fixed multipliers, never Python's
`hash()`), so signatures computed in different processes, machines or Ray workers are comparable.

* A word is hashed once (blake2b, 8 bytes); a shingle of `width` words is the word hashes folded together and
  mixed (the splitmix64 finaliser), so a shingle's identity is its word sequence, with no joined string built.
* Permutation k is the multiply-add-shift hash h_k(x) = ((a_k x + b_k) mod 2^64) >> 32 of the shingle's top 32
  bits x, with a_k, b_k uniform 64-bit numbers drawn from blake2b(seed, k): a strongly universal family, like the
  (a x + b) mod p of datasketch's MinHash, at the cost of one multiply and one add in uint64 (numpy wraps).
* The signature is the minimum of h_k over the shingles: a uint32 vector, 4 bytes per permutation. The share of
  equal positions in two signatures estimates the Jaccard index of the two shingle sets.

numpy is imported inside the functions: importing this module costs nothing (a plain `newsclean file.txt` run
never loads numpy).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

WORD = re.compile(r"\w+")
BLOCK = 4096  # shingles hashed at a time: the (num_perm x BLOCK) uint64 temporary stays at 8 MiB for 256 perms
EMPTY = 0xFFFFFFFF  # every value of the signature of a text without words

_FOLD = 0x9E3779B97F4A7C15  # odd 64-bit multiplier that folds the next word's hash into a shingle's
_MIX1, _MIX2 = 0xBF58476D1CE4E5B9, 0x94D049BB133111EB  # splitmix64's finaliser constants


def words(text: str) -> list[str]:
    """The lower-cased words (runs of \\w) of a text: what shingles are made of."""
    return WORD.findall(text.lower())


def shingle_ids(tokens: list[str], width: int) -> np.ndarray:
    """The distinct 64-bit ids of the `width`-word shingles (all the words as one shingle when there are no
    more than `width`), sorted. Equal word sequences get equal ids; distinct ones collide with chance 2^-64."""
    import numpy as np

    if not tokens:
        return np.empty(0, np.uint64)
    hashes = np.frombuffer(b"".join(hashlib.blake2b(w.encode(), digest_size=8).digest() for w in tokens), "<u8")
    width = min(width, len(tokens))
    n = len(tokens) - width + 1
    with np.errstate(over="ignore"):
        ids = hashes[:n].copy()
        for j in range(1, width):
            ids = ids * np.uint64(_FOLD) + hashes[j : j + n]
        ids ^= ids >> np.uint64(30)
        ids *= np.uint64(_MIX1)
        ids ^= ids >> np.uint64(27)
        ids *= np.uint64(_MIX2)
        ids ^= ids >> np.uint64(31)
    return np.unique(ids)


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) uint64 columns of the `num_perm` hash functions, from blake2b(seed, k): the same everywhere."""
    import numpy as np

    raw = b"".join(hashlib.blake2b(f"{seed}:{k}".encode(), digest_size=16).digest() for k in range(num_perm))
    ab = np.frombuffer(raw, "<u8").reshape(num_perm, 2)
    return ab[:, :1].copy(), ab[:, 1:].copy()


def minhash(ids: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """The signature of a set of shingle ids: for each permutation, the least hash value (uint32)."""
    import numpy as np

    values = np.full(num_perm, EMPTY, np.uint32)
    if not len(ids):
        return values
    a, b = permutations(num_perm, seed)
    x = (ids >> np.uint64(32))[None, :]
    with np.errstate(over="ignore"):
        for start in range(0, x.shape[1], BLOCK):
            hashed = (a * x[:, start : start + BLOCK] + b) >> np.uint64(32)
            np.minimum(values, hashed.min(axis=1).astype(np.uint32), out=values)
    return values


def signature(text: str, width: int, num_perm: int, seed: int) -> tuple[np.ndarray, int]:
    """MinHash values of a text's shingles and the number of distinct shingles."""
    ids = shingle_ids(words(text), width)
    return minhash(ids, num_perm, seed), len(ids)
