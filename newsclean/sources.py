"""What to read: paths, directories and stdin; `.gz` read transparently; JSON lines and WARC record by record.

Every problem with an input becomes an InputError naming the input, so one bad file never stops a batch.
"""

from __future__ import annotations

import errno
import fnmatch
import gzip
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO
from urllib.parse import urlsplit

STDIN = "-"
DEFAULT_GLOBS = (
    "*.txt", "*.text", "*.html", "*.htm", "*.txt.gz", "*.text.gz", "*.html.gz", "*.htm.gz", "*.warc", "*.warc.gz",
)  # fmt: skip
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")


@dataclass(frozen=True, slots=True)
class Source:
    """One input to clean: a path (or "-"), and the folder it was found under, for mirroring into -o."""

    path: str
    root: str | None = None


@dataclass(frozen=True, slots=True)
class Input:
    source: str  # the path as given, or "-" for stdin; "path:LINE" for a JSON lines record
    data: bytes | str
    record: dict[str, Any] | None = None  # the JSON lines record this text came from
    format: str | None = None  # "html" or "text" when the record field decided it
    raw: bytes = b""  # the record's line as read, written back unchanged when cleaning changes nothing
    meta: dict[str, str] | None = None  # metadata the container knew (a WARC record's url and date)


class InputError(Exception):
    """An input that cannot be used; reported as `newsclean: SOURCE: REASON`, and the batch goes on."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, reason)  # both in args: picklable, so workers can return it
        self.source, self.reason = source, reason

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


def expand(
    paths: Iterable[str], globs: Iterable[str] = (), exclude: Iterable[str] = ()
) -> Iterator[Source | InputError]:
    """The inputs named by `paths`, in order: stdin when none; folders walked recursively (sorted, hidden
    folders and `.git` skipped) for files matching `globs` (default: text and HTML, plain or gzipped) and not
    `exclude`; a file named twice is read once. Paths that do not exist come back as InputError, in place."""
    globs, exclude = tuple(globs) or DEFAULT_GLOBS, tuple(exclude)
    seen: set[str] = set()
    for path in paths or [STDIN]:
        if path == STDIN:
            yield Source(STDIN)
            continue
        if not os.path.lexists(path):
            yield InputError(path, "no such file or directory")
            continue
        if os.path.islink(path) and not os.path.exists(path):
            yield InputError(path, _link_problem(path))
            continue
        if not os.path.isdir(path):
            if _first_time(path, seen) and not _excluded(path, exclude):
                yield Source(path)
            continue
        for found in _walk(path, globs, exclude):
            if _first_time(found, seen):
                yield Source(found, root=path)


def _link_problem(path: str) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
    return "broken symbolic link"


def _walk(root: str, globs: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[str]:
    for folder, dirs, files in os.walk(root, onerror=None):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not _excluded(os.path.join(folder, d), exclude))
        for name in sorted(files):
            path = os.path.join(folder, name)
            if _matches(name, globs) and not _excluded(path, exclude):
                yield path


def _matches(name: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatch.fnmatch(name, pattern) for pattern in globs)


def _excluded(path: str, exclude: tuple[str, ...]) -> bool:
    """`--exclude` matches a file or folder name, or the path (`drafts`, `*.draft.txt`, `corpus/old/*`)."""
    name = os.path.basename(path)
    normal = os.path.normpath(path)
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(normal, os.path.normpath(p)) for p in exclude)


def _first_time(path: str, seen: set[str]) -> bool:
    key = os.path.realpath(path)
    if key in seen:
        return False
    seen.add(key)
    return True


def is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


def is_warc(path: str) -> bool:
    return path.lower().endswith(WARC_SUFFIXES)


HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_HTML_START = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta", b"<title")


def sniff_format(data: bytes, source: str = "-") -> str:
    """ "html" for a page (by its name, or by how its content starts), else "text"."""
    if strip_gz(source).lower().endswith(HTML_SUFFIXES):
        return "html"
    start = data[:1024].lstrip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n").replace(b"\x00", b"").lower()
    if start.startswith(b"<?xml"):
        return "html" if b"<html" in data[:4096].lower() else "text"
    if start.startswith(b"<!--"):
        return "html" if b"<html" in data[:4096].lower() or b"<body" in data[:4096].lower() else "text"
    return "html" if start.startswith(_HTML_START) else "text"


def strip_gz(path: str) -> str:
    return path[:-3] if path.lower().endswith(".gz") else path


# ---------------------------------------------------------------------------------------------- reading
def read_input(source: str) -> Input:
    """Read one path (or stdin for "-") whole; `.gz` is decompressed; raise InputError with a reason."""
    with _reading(source):
        if source == STDIN:
            data = sys.stdin.buffer.read()
        else:
            with open_binary(source) as handle:
                data = handle.read()
    if not data.strip():
        raise InputError(source, "empty input" if not data else "no text (only whitespace)")
    return Input(source, data)


def open_binary(path: str) -> BinaryIO:
    """Open a path for reading bytes; gzip files are decompressed on the fly."""
    if os.path.isdir(path):
        raise IsADirectoryError(path)
    if path.lower().endswith(".gz"):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def read_records(source: str, text_field: str, html_field: str | None = None) -> Iterator[Input | InputError]:
    """JSON lines, one record at a time (memory does not grow with the file). Each record's `html_field` (if
    given and present) or `text_field` is the document; the record travels along to be written back."""
    with _reading(source):
        stream = sys.stdin.buffer if source == STDIN else open_binary(source)
        try:
            for number, raw in enumerate(stream, 1):
                if not raw.strip():
                    continue
                where = f"{source}:{number}"
                try:
                    record = json.loads(raw)
                except ValueError:
                    yield InputError(where, "not a JSON object")
                    continue
                if not isinstance(record, dict):
                    yield InputError(where, "not a JSON object")
                    continue
                field = html_field if html_field and isinstance(record.get(html_field), str) else text_field
                value = record.get(field)
                if not isinstance(value, str):
                    yield InputError(where, f"no {text_field!r} text field")
                    continue
                kind = "html" if field == html_field else "text"
                text = value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")  # lone surrogates
                yield Input(where, text, record, kind, raw.rstrip(b"\r\n") + b"\n")
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()


_HTML_TYPES = ("text/html", "application/xhtml+xml")


def read_warc(source: str) -> Iterator[Input | InputError]:
    """The HTML pages of a WARC file (plain or gzipped), one `response` record at a time, streamed with warcio.

    Each page is an Input named `PATH#OFFSET` (the record's byte offset in the file: `warcio extract PATH OFFSET`
    shows it) carrying the record's target URI as `url` and its WARC-Date as `date`. Other records (requests,
    metadata, images, redirects and errors) are skipped. A record that cannot be parsed ends the file with one
    InputError: what follows a broken record cannot be found again reliably."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield InputError(source, "reading WARC needs warcio: pip install 'newsclean[warc]'")
        return
    with _reading(source):
        if os.path.isdir(source):
            raise IsADirectoryError(source)
        stream = sys.stdin.buffer if source == STDIN else open(source, "rb")  # noqa: SIM115 (closed below)
        try:
            records = ArchiveIterator(stream)
            last = None
            while True:
                try:
                    record = next(records)
                except StopIteration:
                    break
                except (ArchiveLoadFailed, ValueError, EOFError, zlib.error) as exc:
                    where = f"after the record at offset {last}" if last is not None else "at the start"
                    reason = (str(exc).splitlines() or [type(exc).__name__])[0].strip()[:120]
                    yield InputError(source, f"broken WARC record {where} ({reason}); the rest of the file is skipped")
                    return
                payload = _warc_payload(record)  # read before asking the offset: asking consumes the record
                last = records.get_record_offset()
                where = f"{source}#{last}"
                if isinstance(payload, bytes) and payload.strip():
                    meta = {key: record.rec_headers.get_header(name) for key, name in _WARC_META.items()}
                    yield Input(where, payload, format="html", meta={k: v for k, v in meta.items() if v})
                elif payload is not None:
                    yield InputError(where, payload or "empty input")
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()


_WARC_META = {"url": "WARC-Target-URI", "date": "WARC-Date"}


def _warc_payload(record: Any) -> bytes | str | None:
    """The HTML body of a successful response record; a reason when it cannot be read; None for any other."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    status = record.http_headers.get_statuscode() or ""
    if not content_type.startswith(_HTML_TYPES) or not status.startswith("2"):
        return None
    try:
        return record.content_stream().read()
    except Exception as exc:  # bad chunked or compressed bodies raise several kinds
        return f"unreadable WARC payload ({type(exc).__name__}: {exc})"


class _reading:
    """Turn the OS errors of reading a source into InputErrors a user can act on."""

    def __init__(self, source: str) -> None:
        self.source = source

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:
        if exc is None or isinstance(exc, InputError):
            return False
        if isinstance(exc, FileNotFoundError):
            reason = "broken symbolic link" if os.path.islink(self.source) else "no such file"
        elif isinstance(exc, OSError) and exc.errno == errno.ELOOP:
            reason = "symbolic link loop"
        elif isinstance(exc, IsADirectoryError):
            reason = "is a directory"
        elif isinstance(exc, PermissionError):
            reason = "permission denied"
        elif isinstance(exc, (gzip.BadGzipFile, EOFError, zlib.error)):
            reason = "not a valid gzip file"
        elif isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
        else:
            return False
        raise InputError(self.source, reason) from None


# ---------------------------------------------------------------------------------------------- sites
def site_of(url: str | None) -> str | None:
    """`https://www.Example.com/a` -> `example.com`; None when there is no host."""
    if not url:
        return None
    host = url if "//" not in url else urlsplit(url.strip()).hostname or ""
    host = host.strip().lower().removeprefix("www.")
    return host or None


def folder_site(path: str, root: str | None = None) -> str | None:
    """The folder an input is from: under a folder named on the command line (`root`), the first folder below
    it (`corpus/example.com/politics/a.txt` -> `example.com`); else the folder the input is in."""
    if not path or path == "-":
        return None
    if root is not None:
        top = os.path.relpath(path, root).split(os.sep)[0]
        if top not in (os.curdir, os.pardir, os.path.basename(path)):
            return site_of(top)
    name = os.path.basename(os.path.dirname(os.path.abspath(path)))
    return site_of(name) if name else None


def record_site(record: dict[str, Any], site_field: str | None) -> str | None:
    """A JSON lines record's site: `site_field`, else a `site` or `domain` field, else the host of its `url`."""
    for name in (site_field, "site", "domain"):
        value = record.get(name) if name else None
        if isinstance(value, str) and value.strip():
            return site_of(value)
    url = record.get("url")
    return site_of(url) if isinstance(url, str) else None
