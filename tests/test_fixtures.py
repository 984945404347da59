"""The seed articles: input / expected pairs in fixtures/, compared exactly, through the CLI."""

from __future__ import annotations

import json

import pytest
from conftest import SEEDS, run_cli

PAIRS = sorted(p.stem for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize("name", PAIRS)
def test_text_output_matches_expected(name: str) -> None:
    result = run_cli(f"fixtures/seeds/{name}.txt")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == (SEEDS / "expected" / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", PAIRS)
def test_jsonl_output_matches_expected(name: str) -> None:
    result = run_cli("--format", "jsonl", f"fixtures/seeds/{name}.txt")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == (SEEDS / "expected" / f"{name}.jsonl").read_text(encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def test_seed_000_keeps_every_article_paragraph_verbatim() -> None:
    source = (SEEDS / "000_kxan.txt").read_text(encoding="utf-8")
    article = source[source.index("WASHINGTON (AP)") : source.index("the State Department said.\n") + 27]
    record = json.loads(run_cli("--format", "jsonl", "fixtures/seeds/000_kxan.txt").stdout)
    assert record["title"] == (
        "Blinken heads to China this weekend on a mission to salvage frayed ties and keep communications open"
    )
    assert record["sitename"] == "KXAN Austin"
    assert record["dateline"] == "WASHINGTON (AP)"
    assert _paragraphs(record["text"]) == _paragraphs(article)
    for junk in (
        "6489b3d5873571.38868013",
        "Source link",
        "You May Also Like",
        "Leave a Reply",
        "email address",
    ):
        assert junk not in record["text"]


def test_seed_002_title_once_author_and_body_verbatim() -> None:
    source = (SEEDS / "002_history.txt").read_text(encoding="utf-8")
    body = next(p for p in _paragraphs(source) if p.startswith("WASHINGTON —"))
    record = json.loads(run_cli("--format", "jsonl", "fixtures/seeds/002_history.txt").stdout)
    assert record["title"].startswith("Blinken heads to China this weekend")
    assert record["author"] == "Associated Press"
    assert record["date"] == "1 year, 6 months ago"
    assert record["text"] == body
    assert "History of this topic" not in record["text"] and "ago" not in record["text"]


def test_seed_from_stdin_equals_seed_from_path() -> None:
    data = (SEEDS / "000_kxan.txt").read_bytes()
    by_stdin = run_cli(stdin=data)
    assert by_stdin.returncode == 0
    assert by_stdin.stdout == run_cli("fixtures/seeds/000_kxan.txt").stdout


def test_expected_outputs_are_fixed_points() -> None:
    """Cleaning the expected output again changes nothing (idempotence on real text)."""
    for name in PAIRS:
        expected = (SEEDS / "expected" / f"{name}.txt").read_bytes()
        assert run_cli(stdin=expected).stdout == expected
