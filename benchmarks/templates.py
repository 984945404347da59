"""Site templates at scale: the first pass's peak memory on synthetic corpora of 1 and 10 million lines.

    python benchmarks/templates.py                      # 1,000,000 and 10,000,000 lines, -j 2
    python benchmarks/templates.py --lines 1000000 --jobs 2

The corpus is generated (seeded, no download): JSON lines records from 500 sites, each site with a template of
12 short lines (menus, buttons) and 3 long ones (a promo, a comment policy, a legal notice) on every page, and
articles of random sentences, so nearly every other line is distinct: the worst case for memory, since the
first pass sees every distinct line. `newsclean templates learn` runs end to end (both passes: hashes and
counts, then the texts of the lines learned) and its peak resident memory is sampled every 20 ms over the
process tree. The figure to compare is the ratio of the two sizes: memory must not grow with the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from speed import NEWSCLEAN, peak_rss

LINES_PER_PAGE = 40
SITES = 500


def write_corpus(path: Path, lines: int, seed: int = 5) -> int:
    """About `lines` lines of pages in JSON lines; returns the number of pages."""
    rng = random.Random(seed)
    words = ["".join(rng.choices("etaoinshrdlcumwfgypbvk", k=rng.randint(2, 9))) for _ in range(5000)]
    templates = {
        site: [f"Menu item {k} of site {site}" for k in range(12)]
        + [" ".join(rng.choices(words, k=20)) + f" site {site} {k}." for k in range(3)]
        for site in range(SITES)
    }
    pages = lines // LINES_PER_PAGE
    with open(path, "w", encoding="utf-8") as out:
        for n in range(pages):
            site = rng.randrange(SITES)
            body = [" ".join(rng.choices(words, k=rng.randint(8, 30))) + "." for _ in range(LINES_PER_PAGE - 16)]
            text = "\n\n".join([f"Story {n}", *templates[site][:12], *body, *templates[site][12:]])
            out.write(json.dumps({"site": f"site{site}.example", "text": text}) + "\n")
    return pages


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lines", type=int, action="append", help="lines in the corpus (repeatable)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    print("| corpus | pages | time | peak RSS (all processes) | templates learned |")
    print("| --- | --- | --- | --- | --- |")
    for lines in args.lines or [1_000_000, 10_000_000]:
        with tempfile.TemporaryDirectory(prefix="nc-templates-") as tmp:
            corpus, learned = Path(tmp) / "corpus.jsonl", Path(tmp) / "templates.json"
            pages = write_corpus(corpus, lines)
            command = [NEWSCLEAN, "templates", "learn", "-q", "-j", str(args.jobs), str(corpus), "-o", str(learned)]
            peak, seconds = peak_rss(command)
            sites = json.loads(learned.read_text())["sites"]
            found = sum(len(site["lines"]) for site in sites.values())
            print(
                f"| {lines:,} lines, {corpus.stat().st_size / 2**20:,.0f} MB | {pages:,} | {seconds:,.1f} s "
                f"| {peak / 2**20:,.0f} MiB | {found:,} lines of {len(sites)} sites |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
