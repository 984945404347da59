"""Output formats: clean text, JSON lines, and the `--explain` report."""

from __future__ import annotations

import difflib
import json
from typing import Any

from newsclean.document import META_KEYS, Document

# Between documents in text output: a line holding only a form feed. Input text never keeps a form feed
# (it is read as a line break), so the separator cannot occur inside a document.
TEXT_SEPARATOR = "\f\n"


def to_record(doc: Document, *, explain: bool = False) -> dict[str, Any]:
    """The JSON object for one document (keys documented in README, "JSON lines")."""
    record: dict[str, Any] = {"id": doc.id, "source": doc.source, "title": doc.title, "text": doc.body}
    for key in META_KEYS:
        record[key] = doc.meta.get(key)
    record["encoding"] = doc.encoding
    record["input_format"] = doc.input_format
    if doc.extraction:
        record["extraction"] = doc.extraction
    if doc.warnings:
        record["warnings"] = doc.warnings
    record["removed"] = doc.counts()
    if explain:
        record["removals"] = [
            {"line": line.number, "filter": line.removed_by, "reason": line.reason, "text": line.text}
            for line in doc.removals()
        ]
        record["edits"] = [
            {"line": e.number, "filter": e.filter, "reason": e.reason, "before": e.before, "after": e.after}
            for e in doc.edits
        ]
    return record


def format_jsonl(doc: Document, *, explain: bool = False) -> str:
    return json.dumps(to_record(doc, explain=explain), ensure_ascii=False) + "\n"


def format_text(doc: Document) -> str:
    text = doc.to_text()
    return text + "\n" if text else ""


def explain_report(doc: Document) -> str:
    """One line per removal or edit, `source:line: filter: reason: text`, in input order."""
    rows = [(line.number, f"{line.removed_by}: {line.reason}: {line.text}") for line in doc.removals()]
    rows += [(e.number, f"{e.filter}: {e.reason}: {e.before} -> {e.after}") for e in doc.edits]
    return "".join(f"{doc.source}:{number}: {what}\n" for number, what in sorted(rows, key=lambda r: r[0]))


def unified_diff(path: str, old: bytes, new: bytes, encoding: str) -> str:
    before = old.decode(encoding, errors="replace").splitlines(keepends=True)
    after = new.decode("utf-8").splitlines(keepends=True)
    lines = difflib.unified_diff(before, after, fromfile=f"{path} (original)", tofile=f"{path} (cleaned)")
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


# ------------------------------------------------------------------------------------------ writing
