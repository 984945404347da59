"""Near-duplicate detection on synthetic news: threshold tuning, coverage, and time and peak memory at scale.

    pip install -e .
    python benchmarks/dedup.py                     # tune on 5,000 documents, scale on 100,000
    python benchmarks/dedup.py --only tune --docs 5000
    python benchmarks/dedup.py --only coverage --docs 20000
    python benchmarks/dedup.py --only scale --docs 100000 --jobs 2

The corpus is generated (seeded, no download): stories of 8-25 sentences drawn from a Zipf vocabulary, each on
one of a few hundred topics whose 40 names and terms fill 15% of its words, so that different stories on one
topic share far more than random text does. About a third of the stories are reprinted 1-4 times, each reprint
one of: the full story with 3% of words changed and the site's own first and last line; a condensed version
(the lead and an ordered 40-70% of the other sentences) with 2% changed; or the first half only. Every record
has `story`, the truth that the clusters are scored against (pairs of documents: precision and recall).

  tune      containment thresholds 0.25-0.7 on signatures computed in-process: pair precision, recall, F1
  coverage  pairs planted at a known containment C and size ratio x (100 per cell) among --docs synthetic
            documents: of the pairs whose estimated containment passes the threshold, the share that the
            candidate windows found (ended in one cluster); the misses are the engine's, not the estimate's
  scale     `newsclean dedup --input-format jsonl` end to end (cleaning included): seconds, documents/s and the
            peak resident memory of the process tree, sampled every 20 ms
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import NEWSCLEAN, peak_rss


def _vocabulary(rng: random.Random, size: int) -> list[str]:
    letters = "etaoinshrdlcumwfgypbvkjxqz"
    weights = [12, 9, 8, 8, 7, 7, 6, 6, 6, 4, 4, 3, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1, 1]
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choices(letters, weights, k=rng.randint(2, 9))))
    return sorted(words)


def corpus(n_docs: int, seed: int = 7) -> Iterator[dict[str, object]]:
    """`n_docs` records {id, story, text}, stories and their reprints interleaved as a crawl would meet them."""
    rng = random.Random(seed)
    vocab = _vocabulary(rng, 20_000)
    zipf = [1 / (rank + 1) for rank in range(len(vocab))]
    cumulative = list(_accumulate(zipf))
    topics = [[w.capitalize() for w in rng.sample(vocab, 40)] for _ in range(max(10, n_docs // 250))]

    def sentence(topic: list[str]) -> str:
        words = [
            rng.choice(topic) if rng.random() < 0.15 else rng.choices(vocab, cum_weights=cumulative)[0]
            for _ in range(rng.randint(12, 30))
        ]
        return " ".join(words).capitalize() + "."

    def edit(sentences: list[str], rate: float) -> list[str]:
        out = []
        for s in sentences:
            words = s.split()
            for k in range(len(words)):
                if rng.random() < rate:
                    words[k] = rng.choices(vocab, cum_weights=cumulative)[0]
            out.append(" ".join(words))
        return out

    made, story = 0, 0
    pending: list[tuple[int, list[str]]] = []
    while made < n_docs:
        if pending and (rng.random() < 0.5 or story * 1.4 > n_docs):
            number, sentences = pending.pop(rng.randrange(len(pending)))
        else:
            topic = rng.choice(topics)
            sentences = [sentence(topic) for _ in range(rng.randint(8, 25))]
            number, story = story, story + 1
            if rng.random() < 0.33:
                for _ in range(rng.randint(1, 4)):
                    pending.append((number, _reprint(rng, sentences, edit, topic, sentence)))
        paragraphs = [" ".join(sentences[k : k + 2]) for k in range(0, len(sentences), 2)]
        yield {"id": f"doc{made:06d}", "story": number, "text": "\n\n".join(paragraphs)}
        made += 1


def _reprint(rng: random.Random, sentences: list[str], edit, topic: list[str], sentence) -> list[str]:  # type: ignore[no-untyped-def]
    kind = rng.random()
    if kind < 0.4:
        return [sentence(topic), *edit(sentences, 0.03), sentence(topic)]
    if kind < 0.8:
        rest = sentences[1:]
        keep = sorted(rng.sample(range(len(rest)), max(1, int(len(rest) * rng.uniform(0.4, 0.7)))))
        return edit([sentences[0], *(rest[k] for k in keep)], 0.02)
    return sentences[: max(2, len(sentences) // 2)]


def _accumulate(values: list[float]) -> Iterator[float]:
    total = 0.0
    for v in values:
        total += v
        yield total


def pair_scores(truth: list[int], found: list[int]) -> tuple[float, float]:
    """Precision and recall over pairs of documents put in one cluster."""

    def pairs(labels: list[int]) -> set[tuple[int, int]]:
        groups: dict[int, list[int]] = {}
        for n, label in enumerate(labels):
            groups.setdefault(label, []).append(n)
        return {(a, b) for members in groups.values() for i, a in enumerate(members) for b in members[i + 1 :]}

    true, got = pairs(truth), pairs(found)
    hit = len(true & got)
    return (hit / len(got) if got else 1.0), (hit / len(true) if true else 1.0)


def tune(n_docs: int) -> None:
    from newsclean.dedup import Clusters, Params, signature

    records = list(corpus(n_docs))
    truth = [int(r["story"]) for r in records]  # type: ignore[call-overload]
    start = time.perf_counter()
    signed = [signature(str(r["text"])) for r in records]
    secs = time.perf_counter() - start
    reprinted = sum(n - 1 for n in Counter(truth).values())
    print(f"tune: {n_docs} documents, {len(set(truth))} stories, {reprinted} reprints; signatures {secs:.1f} s")
    print("| threshold | pair precision | pair recall | F1 | clusters |")
    print("| --- | --- | --- | --- | --- |")
    for threshold in (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7):
        clusters = Clusters(Params(threshold=threshold))
        for hashvalues, size in signed:
            clusters.add(hashvalues, size)
        found = clusters.assign()
        precision, recall = pair_scores(truth, found)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        print(f"| {threshold:.2f} | {precision:.4f} | {recall:.4f} | {f1:.4f} | {len(set(found))} |", flush=True)


def coverage(n_docs: int, per_cell: int = 100, smaller: int = 150) -> None:
    from newsclean.dedup import THRESHOLD, Clusters, Params, containment, signature

    start = time.perf_counter()
    clusters = Clusters(Params())
    for record in corpus(n_docs):
        clusters.add(*signature(str(record["text"])))
    pool = (word for record in corpus(10**9, seed=11) for word in str(record["text"]).split())

    def take(n: int) -> list[str]:
        return [next(pool) for _ in range(n)]

    cells = [(c, x) for c in (0.45, 0.6) for x in (1, 1.5, 2, 3, 4, 6, 8)]
    planted: dict[tuple[float, float], list[tuple[int, int, float]]] = {cell: [] for cell in cells}
    for c, x in cells:
        shared = round(c * smaller)
        for _ in range(per_cell):
            common = take(shared + 1)  # shared + 1 words make `shared` 2-grams
            a = " ".join(common + take(smaller - shared))
            b = " ".join(common + take(round(x * smaller) - shared))
            (sig_a, size_a), (sig_b, size_b) = signature(a), signature(b)
            estimate = containment(sig_a, size_a, sig_b, size_b)
            planted[c, x].append((clusters.add(sig_a, size_a), clusters.add(sig_b, size_b), estimate))
    labels = clusters.assign()
    secs = time.perf_counter() - start
    print(f"coverage: {per_cell} pairs per cell among {n_docs} documents, threshold {THRESHOLD} ({secs:.0f} s)")
    print("| containment C | size ratio x | Jaccard C/(1+x-C) | pairs whose estimate passes | found |")
    print("| --- | --- | --- | --- | --- |")
    for (c, x), pairs in planted.items():
        passing = [(a, b) for a, b, estimate in pairs if estimate >= THRESHOLD]
        found = sum(labels[a] == labels[b] for a, b in passing)
        share = f"{found / len(passing):.3f}" if passing else "-"
        print(f"| {c:.2f} | {x:g} | {c / (1 + x - c):.3f} | {len(passing)} | {share} |", flush=True)


def scale(n_docs: int, jobs: int) -> None:
    with tempfile.TemporaryDirectory(prefix="nc-dedup-") as tmp:
        path = Path(tmp) / "corpus.jsonl"
        truth = []
        with open(path, "w", encoding="utf-8") as out:
            for record in corpus(n_docs):
                truth.append(int(record["story"]))  # type: ignore[call-overload]
                out.write(json.dumps(record) + "\n")
        size = path.stat().st_size / 1e6
        print(f"scale: {n_docs} documents, {size:.0f} MB of JSON lines, -j {jobs}", flush=True)
        result = Path(tmp) / "out.jsonl"
        command = [NEWSCLEAN, "dedup", "-q", "-j", str(jobs), "--input-format", "jsonl", str(path)]
        with open(result, "wb") as sink:
            peak, secs = peak_rss(command, stdout=sink)
        with open(result, encoding="utf-8") as lines:
            found = [json.loads(line)["cluster"] for line in lines]
    precision, recall = pair_scores(truth, found)
    print(
        f"  newsclean dedup: {secs:.0f} s ({n_docs / secs:.0f} docs/s), peak RSS {peak / 2**20:.0f} MiB "
        f"(all processes), {len(set(found))} clusters for {len(set(truth))} stories, "
        f"pair precision {precision:.4f} recall {recall:.4f}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", default="tune,scale", help="comma-separated: tune, coverage, scale")
    parser.add_argument("--docs", type=int, default=0, help="documents (default: 5,000 to tune, 100,000 to scale)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="worker processes for scale")
    args = parser.parse_args()
    only = set(args.only.split(","))
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}", flush=True)
    if "tune" in only:
        tune(args.docs or 5_000)
    if "coverage" in only:
        coverage(args.docs or 20_000)
    if "scale" in only:
        scale(args.docs or 100_000, args.jobs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
