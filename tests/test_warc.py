"""WARC input (sources.read_warc, process.clean_page, batch): HTML response records through the HTML path, with
the record's URI and date; other records skipped; a broken record is one error line and the batch goes on."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

import pytest
from conftest import SEEDS, run_cli

pytest.importorskip("warcio")

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

STORY = (SEEDS / "expected" / "000_kxan.txt").read_text(encoding="utf-8").split("\n\n")
TITLE, PARAGRAPHS = STORY[0], STORY[1:]


def page(title: str, paragraphs: list[str], *, canonical: str = "") -> bytes:
    link = f'<link rel="canonical" href="{canonical}">' if canonical else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>{link}</head>"
        f"<body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><article><h1>{title}</h1>{body}"
        f"</article><footer>Copyright 2023 Example News. All rights reserved.</footer></body></html>"
    ).encode()


def warc(records: list[tuple[str, str, str, bytes]], *, gz: bool) -> bytes:
    """A WARC file of (type, uri, content type, body) records, written with warcio; every response is 200 OK
    except where the content type is given as 'STATUS|content/type'."""
    out = BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for n, (kind, uri, content_type, body) in enumerate(records):
        status = "200 OK"
        if "|" in content_type:
            code, content_type = content_type.split("|", 1)
            status = f"{code} Moved"
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        date = f"2023-06-14T12:00:{n:02d}Z"
        if kind == "response":
            record = writer.create_warc_record(
                uri, "response", payload=BytesIO(body), http_headers=headers, warc_headers_dict={"WARC-Date": date}
            )
        else:
            record = writer.create_warc_record(uri, kind, payload=BytesIO(body), warc_content_type=content_type)
        writer.write_record(record)
    return out.getvalue()


FIRST = page(TITLE, PARAGRAPHS[:6])
SECOND = page("Second story about the harbour", PARAGRAPHS[6:12], canonical="https://example.org/canonical")
RECORDS = [
    ("warcinfo", "", "application/warc-fields", b"software: test\r\n"),
    ("request", "https://news.example.com/blinken", "application/http; msgtype=request", b"GET / HTTP/1.1\r\n\r\n"),
    ("response", "https://news.example.com/blinken", "text/html; charset=utf-8", FIRST),
    ("response", "https://news.example.com/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(200)),
    ("response", "https://news.example.com/old", "301|text/html", b"<html><body>Moved</body></html>"),
    ("response", "https://news.example.com/harbour", "text/html", SECOND),
]


@pytest.fixture(params=[True, False], ids=["warc.gz", "warc"])
def archive(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / ("crawl.warc.gz" if request.param else "crawl.warc")
    path.write_bytes(warc(RECORDS, gz=request.param))
    return path


def _records(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode().splitlines()]


def _offsets(path: Path) -> list[int]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as stream:
        records = ArchiveIterator(stream)
        return [records.get_record_offset() for _ in records]


def test_html_responses_become_documents_with_uri_and_date(archive: Path) -> None:
    result = run_cli("--format", "jsonl", "-q", str(archive))
    assert result.returncode == 0, result.stderr
    first, second = _records(result.stdout)
    offsets = _offsets(archive)
    assert [first["source"], second["source"]] == [f"{archive}#{offsets[2]}", f"{archive}#{offsets[5]}"]
    assert first["title"] == TITLE
    assert first["text"] == "\n\n".join(PARAGRAPHS[:6])
    assert second["text"] == "\n\n".join(PARAGRAPHS[6:12])
    # The URI the page was fetched from beats its canonical link; the crawl date stands in for a missing date.
    assert (first["url"], first["hostname"]) == ("https://news.example.com/blinken", "news.example.com")
    assert second["url"] == "https://news.example.com/harbour"
    assert (first["date"], second["date"]) == ("2023-06-14T12:00:02Z", "2023-06-14T12:00:05Z")
    assert first["input_format"] == second["input_format"] == "html"


def test_forced_input_format_and_text_output(archive: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "crawl.bin"
    renamed.write_bytes(archive.read_bytes())
    result = run_cli("--input-format", "warc", str(renamed))
    assert result.returncode == 0, result.stderr
    documents = result.stdout.decode().split("\f\n")
    assert documents == [
        TITLE + "\n\n" + "\n\n".join(PARAGRAPHS[:6]) + "\n",
        "Second story about the harbour\n\n" + "\n\n".join(PARAGRAPHS[6:12]) + "\n",
    ]


def test_folder_walk_takes_warc_and_output_dir_writes_one_file(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_cli(str(archive.parent), "-o", str(out), "--format", "jsonl", "-q")
    assert result.returncode == 0, result.stderr
    written = _records((out / "crawl.jsonl").read_bytes())
    assert [r["url"] for r in written] == ["https://news.example.com/blinken", "https://news.example.com/harbour"]


def test_broken_record_is_one_error_line_and_the_batch_goes_on(tmp_path: Path) -> None:
    good = warc(RECORDS[2:3], gz=True)
    broken = tmp_path / "a-broken.warc.gz"
    broken.write_bytes(good + gzip.compress(b"this is not a WARC record\r\n\r\n") + warc(RECORDS[5:6], gz=True))
    other = tmp_path / "b-other.warc.gz"
    other.write_bytes(warc(RECORDS[5:6], gz=True))
    result = run_cli("--format", "jsonl", str(broken), str(other))
    assert result.returncode == 2
    urls = [r["url"] for r in _records(result.stdout)]
    assert urls == ["https://news.example.com/blinken", "https://news.example.com/harbour"]
    errors = [line for line in result.stderr.decode().splitlines() if "broken" in line]
    assert errors == [
        f"newsclean: {broken}: broken WARC record after the record at offset 0 "
        "(Invalid WARC record, first line: this is not a WARC record); "
        "the rest of the file is skipped"
    ]
    assert result.stderr.decode().splitlines()[-1] == "newsclean: 2 documents, 2 lines removed (title 2), 1 failed"


def test_warc_is_not_rewritten_in_place(archive: Path) -> None:
    result = run_cli("--check", str(archive))
    assert result.returncode == 2
    assert "WARC archives are not rewritten in place" in result.stderr.decode()


def test_read_warc_streams_inputs(archive: Path) -> None:
    from newsclean.sources import Input, read_warc

    items = list(read_warc(str(archive)))
    assert all(isinstance(item, Input) and item.format == "html" for item in items)
    assert [item.meta for item in items] == [
        {"url": "https://news.example.com/blinken", "date": "2023-06-14T12:00:02Z"},
        {"url": "https://news.example.com/harbour", "date": "2023-06-14T12:00:05Z"},
    ]
