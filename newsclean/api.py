"""The Python API: `clean()` text, bytes or a saved page into a Document; `load()` without cleaning."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from newsclean.decode import decode, decode_html
from newsclean.document import Document
from newsclean.pipeline import Pipeline, build_pipeline
from newsclean.sources import sniff_format


def load(
    data: bytes | str,
    *,
    source: str = "-",
    encoding: str | None = None,
    input_format: str = "auto",
    comments: bool = False,
    preset: str = "balanced",
    timeout: float | None = None,
) -> Document:
    """Decode bytes (or take text) into a Document, not yet cleaned; a page (`input_format` "html", or
    "auto" and it looks like one) goes through trafilatura first. The Document's `id` hashes the input."""
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    doc_id = hashlib.blake2b(raw, digest_size=8).hexdigest()
    if input_format == "auto":
        input_format = sniff_format(raw[:4096], source)
    if input_format == "html":
        return _load_html(data, source, encoding, doc_id, comments=comments, preset=preset, timeout=timeout)
    warnings: list[str] = []  # a doubtful encoding guess
    text, used = decode(data, encoding, warnings=warnings) if isinstance(data, bytes) else (data, None)
    return Document.from_text(text, source=source, encoding=used, id=doc_id, warnings=warnings)


def _load_html(data: bytes | str, source: str, encoding: str | None, doc_id: str, **options: object) -> Document:
    from newsclean.extract import DEFAULT_TIMEOUT, extract

    warnings: list[str] = []  # a doubtful encoding guess
    html, used = decode_html(data, encoding, warnings=warnings) if isinstance(data, bytes) else (data, None)
    timeout = options.pop("timeout") or DEFAULT_TIMEOUT
    page = extract(html, timeout=timeout, **options)  # type: ignore[arg-type]
    doc = Document.from_blocks(page.text.split("\n"), source=source, encoding=used, id=doc_id, input_format="html")
    doc.title = page.meta.pop("title", None)
    for key, value in page.meta.items():
        doc.set_meta(key, value)
    doc.extraction, doc.warnings = page.path, warnings + page.warnings
    doc.links, doc.embeds, doc.widgets = page.links, page.embeds, page.widgets
    return doc


def clean(
    data: bytes | str,
    *,
    title: str | None = None,
    url: str | None = None,
    source: str = "-",
    encoding: str | None = None,
    input_format: str = "auto",
    comments: bool = False,
    preset: str = "balanced",
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    pipeline: Pipeline | None = None,
) -> Document:
    """Clean one article: text, raw bytes (decoded as the CLI does) or a saved HTML page.

    >>> doc = clean("Blinken heads to China – KXAN Austin\\n\\n6489b3d5873571.38868013\\n\\nWASHINGTON – He will.")
    >>> doc.title, doc.meta["sitename"], doc.body
    ('Blinken heads to China', 'KXAN Austin', 'WASHINGTON – He will.')
    """
    doc = load(data, source=source, encoding=encoding, input_format=input_format, comments=comments, preset=preset)
    if title:
        doc.title = title
    if url:
        doc.set_meta("url", url, overwrite=True)
    pipeline = pipeline or build_pipeline(preset, enable=enable, disable=disable, comments=comments)
    return pipeline(doc)
