"""Page metadata (title, author, date, site name) from HTML, scored against newspaper4k's annotated pages, next to
trafilatura's own metadata on the same pages.

    pip install -e .
    python benchmarks/metadata.py --data ../shared/bench
    python benchmarks/metadata.py --data ../shared/bench --show     # every disagreement, page by page

Gold: `newspaper4k/metadata/*.json` (`title`, `authors`, `publish_date`, `meta_site_name`) for the pages that
have HTML. A field is right when, after collapsing spaces and case:
  title     the two are equal
  author    every gold name occurs in the one found, and nothing is found when the gold has no author
  date      the same calendar day (YYYY-MM-DD), or both absent
  sitename  the two are equal, or both absent
newsclean's fields come from the whole pipeline (a byline line in the text moves to `author`, a date line to
`date`); trafilatura's from `trafilatura.extract_metadata` on the same decoded page.
"""

from __future__ import annotations

import argparse
import ast
import gzip
import json
import re
import sys
from pathlib import Path

FIELDS = ("title", "author", "date", "sitename")


def norm(value: object) -> str:
    return " ".join(str(value or "").split()).casefold()


def gold_of(meta: dict[str, object]) -> dict[str, object]:
    authors = meta.get("authors") or "[]"
    names = ast.literal_eval(authors) if isinstance(authors, str) else authors
    date = str(meta.get("publish_date") or "")
    return {
        "title": meta.get("title") or "",
        "author": [str(name) for name in names if str(name).strip()],
        "date": "" if date in ("", "None") else date[:10],
        "sitename": meta.get("meta_site_name") or "",
    }


def right(field: str, gold: object, found: str) -> bool:
    if field == "author":
        names = [norm(name) for name in gold]  # type: ignore[union-attr]
        return all(name in norm(found) for name in names) if names else not found.strip()
    if field == "date":
        day = re.search(r"\d{4}-\d{2}-\d{2}", found or "")
        return (day.group() if day else "") == gold
    return norm(gold) == norm(found)


def ours(html: bytes, source: str) -> dict[str, str]:
    from newsclean import api

    doc = api.clean(html, source=source, input_format="html")
    return {
        "title": doc.title or "",
        "author": doc.meta.get("author", ""),
        "date": doc.meta.get("date", ""),
        "sitename": doc.meta.get("sitename", ""),
    }


def theirs(html: bytes) -> dict[str, str]:
    import trafilatura

    from newsclean.decode import decode_html

    text, _ = decode_html(html, None, warnings=[])
    meta = trafilatura.extract_metadata(text)
    if meta is None:
        return dict.fromkeys(FIELDS, "")
    return {
        "title": meta.title or "",
        "author": meta.author or "",
        "date": meta.date or "",
        "sitename": meta.sitename or "",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", required=True, type=Path, help="the bench folder (holds newspaper4k/)")
    parser.add_argument("--show", action="store_true", help="print each page's disagreements")
    args = parser.parse_args()
    root = args.data / "newspaper4k"
    pages = sorted(p for p in (root / "metadata").glob("*.json") if (root / "html" / f"{p.stem}.html.gz").exists())
    if not pages:
        print(f"no annotated pages under {root}", file=sys.stderr)
        return 2
    scores = {name: dict.fromkeys(FIELDS, 0) for name in ("newsclean", "trafilatura")}
    for path in pages:
        gold = gold_of(json.loads(path.read_text(encoding="utf-8")))
        html = gzip.decompress((root / "html" / f"{path.stem}.html.gz").read_bytes())
        found = {"newsclean": ours(html, path.stem), "trafilatura": theirs(html)}
        for name, fields in found.items():
            for field in FIELDS:
                ok = right(field, gold[field], fields[field])
                scores[name][field] += ok
                if args.show and not ok:
                    print(f"{path.stem:28} {name:11} {field:8} gold={gold[field]!r} found={fields[field]!r}")
    print(f"\n{len(pages)} pages of newspaper4k with metadata; accuracy per field\n")
    print("| field | newsclean | trafilatura |\n| --- | --- | --- |")
    for field in FIELDS:
        row = (f"{scores[name][field] / len(pages):.2f}" for name in ("newsclean", "trafilatura"))
        print(f"| {field} | {' | '.join(row)} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
