"""Text an extractor already produced, saved as .txt: does newsclean keep the article and take furniture?

    pip install -e .
    python benchmarks/extracted.py --data ../shared/bench

Each HTML page of trafilatura-eval, newspaper4k and fundus is extracted by `trafilatura.extract` (the way a
user would have saved it), written as a .txt file in a folder per site, and newsclean runs once over the folder
as over a corpus. Scored with the bench's own `evaluate.py` metrics (snippet F1; shingle F1 against the gold
body), the title newsclean took from the first line counted back in, against trafilatura's text unchanged.
Text without navigation around it must not be taken for a page dump, nor lose its lists and tables.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

SETS = ("trafilatura-eval", "newspaper4k", "fundus")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="the bench folder (holds evaluate.py)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.data.resolve()))
    import evaluate  # the bench's loaders and metrics
    import trafilatura

    from newsclean.decode import decode_html

    newsclean = str(Path(sys.executable).with_name("newsclean"))
    print("| set (trafilatura's text as .txt) | metric | trafilatura's text | after newsclean |")
    print("| --- | --- | --- | --- |")
    for name in SETS:
        cases = list(evaluate.load(name, "html", None))
        extracted = {}
        with tempfile.TemporaryDirectory(prefix="nc-extracted-") as tmp:
            for case_id, raw, _, _, site in cases:
                html, _ = decode_html(raw, None, warnings=[])
                extracted[case_id] = trafilatura.extract(html, include_comments=False) or ""
                path = Path(tmp) / (site or "_") / f"{case_id}.txt"
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(extracted[case_id], encoding="utf-8")
            run = subprocess.run([newsclean, "-q", "--format", "jsonl", tmp], capture_output=True, check=False)
        if run.returncode not in (0, 1):  # 1: some input gave no text, which is scored as such
            raise SystemExit(f"newsclean failed on {name}: {run.stderr.decode(errors='replace')[-500:]}")
        records = {Path(r["source"]).stem: r for r in map(json.loads, run.stdout.decode().splitlines())}
        cleaned = {
            case_id: (records.get(case_id, {}).get("title") or "") + "\n" + (records.get(case_id, {}).get("text") or "")
            for case_id, *_ in cases
        }
        if name == "trafilatura-eval":
            metric, score = "snippet P · R · F1", evaluate.snippet_scores
        else:
            metric, score = "shingle P · R · F1", evaluate.gold_scores
        before = score([(expect, extracted[case_id]) for case_id, _, _, expect, _ in cases])
        after = score([(expect, cleaned[case_id]) for case_id, _, _, expect, _ in cases])
        row = (" · ".join(f"{scores[key]:.4f}" for key in ("P", "R", "F1")) for scores in (before, after))
        print(f"| {name} | {metric} | {' | '.join(row)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
