"""One input, cleaned and delivered: the function a worker process runs for each file or JSON lines record.

Workers read, clean and (for `--in-place` and `-o`) write files themselves; what goes to stdout comes back in
the Result. A problem with one input is the Result's error, never an exception: the batch goes on.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import pickle
from dataclasses import dataclass, field, replace
from typing import Any

from newsclean.api import load
from newsclean.atomic import atomic_write
from newsclean.decode import DecodeError
from newsclean.document import Document
from newsclean.pipeline import Pipeline
from newsclean.sources import (
    STDIN,
    Input,
    InputError,
    Source,
    folder_site,
    is_jsonl,
    read_input,
    record_site,
    site_of,
    strip_gz,
)
from newsclean.writers import explain_report, format_jsonl, format_text, unified_diff

WRITE, CHECK, DIFF, IN_PLACE = "write", "check", "diff", "in-place"
LEARN = "learn"  # a corpus pass over the inputs: facts only, nothing cleaned or written (see corpus.py)


@dataclass(frozen=True)
class Options:
    """How to read and what to write; shipped to every worker with the pipeline."""

    output_format: str | None = None  # None: text for documents, records back for JSON lines input
    input_format: str = "auto"
    encoding: str | None = None
    explain: bool = False
    mode: str = WRITE  # write (stdout or -o), check, diff, in-place
    output_dir: str | None = None
    text_field: str = "text"
    html_field: str | None = None
    comments: bool = False  # HTML: keep the comment section
    preset: str = "balanced"  # HTML: trafilatura's favor_precision / favor_recall
    timeout: float | None = None  # HTML: seconds for one page's extraction (None: the default)
    site: str | None = None  # the site of every input (else found per input: see `record_site`, `folder_site`)
    site_field: str | None = None  # JSON lines: the field that names a record's site
    collect: tuple[Any, ...] = ()  # corpus passes' collectors (corpus.Collector): facts each document sends back
    cache: str | None = None  # a folder where a LEARN pass keeps extracted pages for the cleaning pass

    def format_for(self, *, records: bool) -> str:
        return self.output_format or ("jsonl" if records else "text")


@dataclass
class Result:
    """What cleaning one input gave: stdout text, an --explain report, or an error; and its counts."""

    source: str
    output: str = ""
    report: str = ""
    error: str | None = None
    changed: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    record_line: bytes | None = None  # JSON lines input: the line to write back
    output_is_text: bool = False  # output is a text document (separated from the next by a form feed)
    traceback: str = ""  # for an unexpected failure, shown with --verbose
    facts: dict[str, Any] = field(default_factory=dict)  # per corpus pass (collector name): its facts


# ------------------------------------------------------------------------------------------ one input
def clean_source(pipeline: Pipeline, opts: Options, src: Source) -> Result:
    """Read, clean and deliver one file (or stdin). Never raises: a problem is the result's error."""
    try:
        return _clean_source(pipeline, opts, src)
    except Exception as exc:  # a failure on one input must not stop the batch
        return failure(src.path, exc)


def clean_record(pipeline: Pipeline, opts: Options, item: Input | InputError) -> Result:
    """One JSON lines record (see `_clean_record`). Never raises: a problem is the result's error."""
    try:
        return _clean_record(pipeline, opts, item)
    except Exception as exc:  # a failure on one record must not stop the batch
        return failure(item.source, exc)


def clean_page(pipeline: Pipeline, opts: Options, item: Input | InputError) -> Result:
    """One page from an archive (a WARC response record, see `sources.read_warc`): cleaned like an HTML file,
    with the url and date the archive recorded. Never raises: a problem is the result's error."""
    try:
        return _clean_page(pipeline, opts, item)
    except Exception as exc:  # a failure on one page must not stop the batch
        return failure(item.source, exc)


def failure(source: str, exc: BaseException) -> Result:
    """A Result for an unexpected exception: one line for the user, the traceback kept for --verbose."""
    import traceback

    if isinstance(exc, OSError):
        reason = f"cannot write: {exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
    else:
        reason = f"internal error: {type(exc).__name__}: {exc}"
    return Result(source, error=f"{source}: {reason}", traceback="".join(traceback.format_exception(exc)))


def _clean_source(pipeline: Pipeline, opts: Options, src: Source) -> Result:
    try:
        item = read_input(src.path)
        doc = _document(item, opts)
        doc.set_meta("site", opts.site or site_of(doc.meta.get("hostname")) or folder_site(src.path, src.root))
        if opts.mode == LEARN:
            return _learned(doc, src.path, opts)
        doc = pipeline(doc)
    except (InputError, DecodeError) as exc:
        return Result(src.path, error=str(exc) if isinstance(exc, InputError) else f"{src.path}: {exc}")
    result = _written(doc, src.path, opts)
    if opts.mode == WRITE:
        if opts.output_dir:
            _write_output(src, opts, result.output)
            result.output = ""
        return result
    if doc.input_format == "html":
        result.error = f"{src.path}: HTML is not rewritten in place; clean it into a folder with -o DIR"
        return result
    new = format_text(doc).encode("utf-8")
    result.changed = new != item.data
    if result.changed and opts.mode == DIFF:
        result.output = unified_diff(src.path, item.data, new, doc.encoding or "utf-8")
    if result.changed and opts.mode == IN_PLACE:
        atomic_write(src.path, gzip.compress(new, mtime=0) if src.path.lower().endswith(".gz") else new)
    return result


def _clean_record(pipeline: Pipeline, opts: Options, item: Input | InputError) -> Result:
    """One JSON lines record: its text field is replaced by the clean text, every other field is kept.

    With a `title` field in the record, the text field gets the body only; without, the title line and body."""
    if isinstance(item, InputError):
        return Result(item.source, error=str(item))
    record = item.record or {}
    try:
        doc = _document(item, opts)
        if isinstance(record.get("title"), str) and record["title"].strip():
            doc.title = record["title"].strip()
        site = opts.site or record_site(record, opts.site_field) or site_of(doc.meta.get("hostname"))
        doc.set_meta("site", site or folder_site(item.source.rpartition(":")[0]))  # source: PATH:LINE
        if opts.mode == LEARN:
            return _learned(doc, item.source, opts)
        doc = pipeline(doc)
    except DecodeError as exc:
        return Result(item.source, error=f"{item.source}: {exc}")
    result = Result(item.source, counts=doc.counts(), warnings=list(doc.warnings))
    if opts.explain:
        result.report = explain_report(doc)
    if opts.format_for(records=True) == "text":
        result.output, result.output_is_text = format_text(doc), True
        return result
    new_record = {**record, opts.text_field: doc.body if "title" in record else doc.to_text()}
    _collect(result, doc, new_record[opts.text_field], opts)
    result.changed = new_record != record
    result.record_line = (json.dumps(new_record, ensure_ascii=False) + "\n").encode() if result.changed else item.raw
    return result


def _clean_page(pipeline: Pipeline, opts: Options, item: Input | InputError) -> Result:
    """The archive's URI is where the page was fetched, so it beats a canonical link in the page; its date is
    the crawl time, kept only when neither the page nor its text gave a publication date."""
    if isinstance(item, InputError):
        return Result(item.source, error=str(item))
    meta = item.meta or {}
    try:
        doc = _document(item, opts)
    except DecodeError as exc:
        return Result(item.source, error=f"{item.source}: {exc}")
    if meta.get("url"):
        from urllib.parse import urlsplit

        doc.set_meta("url", meta["url"], overwrite=True)
        doc.set_meta("hostname", urlsplit(meta["url"]).hostname, overwrite=True)
    doc.set_meta("site", opts.site or site_of(doc.meta.get("hostname")))
    if opts.mode == LEARN:
        return _learned(doc, item.source, opts)
    doc = pipeline(doc)
    doc.set_meta("date", meta.get("date"))
    return _written(doc, item.source, replace(opts, mode=WRITE))


def _written(doc: Document, source: str, opts: Options) -> Result:
    """The Result of a cleaned document: its counts and warnings, the --explain report in text mode, and in
    WRITE mode the output in the chosen format."""
    result = Result(source, counts=doc.counts(), warnings=list(doc.warnings))
    output_format = opts.format_for(records=False)
    if opts.explain and output_format == "text":
        result.report = explain_report(doc)
    if opts.mode == WRITE:
        result.output = format_jsonl(doc, explain=opts.explain) if output_format == "jsonl" else format_text(doc)
        result.output_is_text = output_format == "text"
    _collect(result, doc, doc.body, opts)
    return result


def _learned(doc: Document, source: str, opts: Options) -> Result:
    """A LEARN pass's result: the facts of a document as read, for each INPUT-stage collector."""
    return Result(source, facts={collect.name: collect(doc, "") for collect in opts.collect})


def _collect(result: Result, doc: Document, text: str, opts: Options) -> None:
    """The facts of a cleaned document (`text`: its clean text as written) for each OUTPUT-stage collector."""
    for collect in opts.collect:
        result.facts[collect.name] = collect(doc, text)


def _document(item: Input, opts: Options) -> Document:
    """The input decoded (and a page extracted) into a Document, not yet cleaned. With a `cache` folder, a
    page extracted in a LEARN pass is kept there for the cleaning pass: extraction is most of a page's cost."""
    cached = os.path.join(opts.cache, hashlib.blake2b(item.source.encode()).hexdigest()) if opts.cache else None
    if cached and os.path.exists(cached):
        with open(cached, "rb") as handle:
            return pickle.load(handle)  # written by this batch's own workers
    doc = _load(item, opts)
    if cached and opts.mode == LEARN and doc.input_format == "html":
        with open(cached, "wb") as handle:
            pickle.dump(doc, handle)
    return doc


def _load(item: Input, opts: Options) -> Document:
    return load(
        item.data,
        source=item.source,
        encoding=opts.encoding,
        input_format=item.format or (opts.input_format if opts.input_format not in ("jsonl", "warc") else "text"),
        comments=opts.comments,
        preset=opts.preset,
        timeout=opts.timeout,
    )


def output_path(src: Source, opts: Options) -> str:
    """Where `-o DIR` puts an input's result: the input's path under its folder, mirrored, as .txt/.jsonl."""
    assert opts.output_dir is not None
    if src.path == STDIN:
        relative = "stdin"
    elif src.root is not None:
        relative = os.path.relpath(src.path, src.root)
    else:
        relative = os.path.basename(src.path)
    stem = os.path.splitext(strip_gz(relative))[0]
    suffix = (
        ".jsonl" if opts.format_for(records=is_jsonl(src.path) or opts.input_format == "jsonl") == "jsonl" else ".txt"
    )
    return os.path.join(opts.output_dir, stem + suffix)


def _write_output(src: Source, opts: Options, text: str) -> None:
    atomic_write(output_path(src, opts), text.encode("utf-8"))
