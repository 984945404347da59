"""The command line as a user meets it: exit codes, stdin, several inputs, errors, --explain, filters."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SEEDS, run_cli

from newsclean import __version__

ARTICLE = "A headline about the budget\n\nThe minister said the budget would pass on Tuesday.\n"


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.decode().strip() == f"newsclean {__version__}"


def test_help_shows_examples() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    assert "newsclean --format jsonl" in result.stdout.decode()


def test_stdin_with_dash_and_without_path() -> None:
    for args in ((), ("-",)):
        result = run_cli(*args, stdin=ARTICLE.encode())
        assert result.returncode == 0
        assert result.stdout.decode() == ARTICLE


def test_jsonl_source_is_dash_for_stdin() -> None:
    record = json.loads(run_cli("--format", "jsonl", stdin=ARTICLE.encode()).stdout)
    assert record["source"] == "-"
    assert record["title"] == "A headline about the budget"
    assert record["text"] == "The minister said the budget would pass on Tuesday."


def test_jsonl_has_documented_keys() -> None:
    record = json.loads(run_cli("--format", "jsonl", stdin=ARTICLE.encode()).stdout)
    for key in (
        "id",
        "source",
        "title",
        "text",
        "author",
        "date",
        "sitename",
        "url",
        "hostname",
        "site",
        "dateline",
        "language",
        "description",
        "encoding",
        "input_format",
        "removed",
    ):
        assert key in record
    assert record["encoding"] == "utf-8" and record["input_format"] == "text"


def test_two_documents_in_text_mode_are_separated_by_a_form_feed_line() -> None:
    result = run_cli("fixtures/seeds/000_kxan.txt", "fixtures/seeds/002_history.txt")
    parts = result.stdout.decode().split("\f\n")
    assert len(parts) == 2
    assert parts[0] == (SEEDS / "expected" / "000_kxan.txt").read_text(encoding="utf-8")
    assert parts[1] == (SEEDS / "expected" / "002_history.txt").read_text(encoding="utf-8")


def test_two_documents_in_jsonl_keep_input_order() -> None:
    result = run_cli("--format", "jsonl", "fixtures/seeds/002_history.txt", "fixtures/seeds/000_kxan.txt")
    sources = [json.loads(line)["source"] for line in result.stdout.decode().splitlines()]
    assert sources == ["fixtures/seeds/002_history.txt", "fixtures/seeds/000_kxan.txt"]


def test_bad_inputs_get_one_line_each_and_the_rest_is_processed(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    result = run_cli(
        "--format",
        "jsonl",
        str(tmp_path / "missing.txt"),
        str(tmp_path / "empty.txt"),
        str(tmp_path / "image.png"),
        str(tmp_path),
        str(tmp_path / "good.txt"),
    )
    assert result.returncode == 2
    errors = result.stderr.decode().splitlines()
    assert errors == [
        f"newsclean: {tmp_path / 'missing.txt'}: no such file or directory",
        f"newsclean: {tmp_path / 'empty.txt'}: empty input",
        f"newsclean: {tmp_path / 'image.png'}: binary file (PNG image), not text",
        "newsclean: 1 document, 0 lines removed, 3 failed",
    ]
    records = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["source"] for r in records] == [str(tmp_path / "good.txt")]


def test_explain_in_text_mode_reports_on_stderr_only() -> None:
    result = run_cli("--explain", "fixtures/seeds/000_kxan.txt")
    assert result.stdout == run_cli("fixtures/seeds/000_kxan.txt").stdout
    report = result.stderr.decode().splitlines()
    assert "fixtures/seeds/000_kxan.txt:3: tracking-id: tracking id: 6489b3d5873571.38868013" in report
    assert any(line.startswith("fixtures/seeds/000_kxan.txt:49: footer: after end marker") for line in report)


def test_explain_in_jsonl_lists_removed_lines_with_filters() -> None:
    record = json.loads(run_cli("--format", "jsonl", "--explain", "fixtures/seeds/002_history.txt").stdout)
    by_text = {" ".join(r["text"].split()): r["filter"] for r in record["removals"]}
    assert by_text["1 year, 6 months ago"] == "timestamp"
    assert by_text["Associated Press"] == "byline"
    assert by_text["History of this topic"] == "related"
    assert record["removed"]["related"] == sum(1 for r in record["removals"] if r["filter"] == "related")


def test_disable_keeps_what_the_filter_would_remove() -> None:
    result = run_cli("--disable", "byline", "fixtures/seeds/002_history.txt")
    assert "\nAssociated Press\n" in result.stdout.decode()


def test_unknown_filter_is_a_usage_error() -> None:
    result = run_cli("--disable", "nope", stdin=ARTICLE.encode())
    assert result.returncode == 2
    assert "unknown filter 'nope'" in result.stderr.decode()


def test_unknown_encoding_is_a_usage_error() -> None:
    result = run_cli("--encoding", "klingon", stdin=ARTICLE.encode())
    assert result.returncode == 2
    assert result.stderr.decode() == "newsclean: unknown encoding 'klingon'\n"


def test_forced_encoding_is_used_and_recorded() -> None:
    data = "Grüße aus München\n\nDie Straße ist schön und der Tag war lang.".encode("cp1252")
    record = json.loads(run_cli("--format", "jsonl", "--encoding", "cp1252", stdin=data).stdout)
    assert record["title"] == "Grüße aus München"
    assert record["encoding"] == "cp1252"


def test_filters_lists_every_builtin_filter() -> None:
    result = run_cli("filters")
    assert result.returncode == 0
    names = [line.split()[0] for line in result.stdout.decode().splitlines()]
    assert names == [
        "template",
        "tracking-id",
        "tracking-params",
        "footer",
        "related",
        "link-paragraph",
        "embed",
        "widget",
        "boilerplate",
        "user-patterns",
        "timestamp",
        "byline",
        "title",
        "author-note",
        "repeated",
        "dump",
        "dateline",
    ]


def test_closed_pipe_ends_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    files = [str(SEEDS / "000_kxan.txt")] * 200
    proc = subprocess.run(
        f"{sys.executable} -m newsclean {' '.join(files)} | head -n 1",
        shell=True,
        capture_output=True,
        timeout=120,
    )
    assert proc.stdout.decode().startswith("Blinken heads to China")
    assert b"Traceback" not in proc.stderr and b"Broken pipe" not in proc.stderr
