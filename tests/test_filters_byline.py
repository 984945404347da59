from __future__ import annotations

import pytest
from conftest import apply, removed

from newsclean.filters.byline import Bylines, Datelines


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Associated Press  ", "Associated Press"),
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe, Reuters", "Jane Doe"),
        ("By Jane Doe and John Roe", "Jane Doe; John Roe"),
        ("Von   Heike Buchter", "Heike Buchter"),
        ("By The Associated Press", "The Associated Press"),
    ],
)
def test_byline_goes_to_author(line: str, author: str) -> None:
    doc = apply(Bylines(), f"{line}\n\nThe State Department said Blinken would travel on Sunday.")
    assert doc.meta["author"] == author
    assert doc.body == "The State Department said Blinken would travel on Sunday."


@pytest.mark.parametrize(
    "line",
    [
        "By Tuesday the talks had stalled.",
        "By then it was late",
        "By Tuesday",
        "Blinken will leave Washington Friday night.",
    ],
)
def test_keeps_sentences_starting_with_by(line: str) -> None:
    assert removed(Bylines(), line) == []


@pytest.mark.parametrize(
    ("line", "dateline"),
    [
        ("WASHINGTON (AP) – U.S. Secretary of State Antony Blinken will travel to China.", "WASHINGTON (AP)"),
        ("LONDON (Reuters) - Britain's economy grew.", "LONDON (Reuters)"),
        ("NEW YORK, June 5 (Reuters) - Stocks rose.", "NEW YORK, June 5 (Reuters)"),
        ("WASHINGTON — U.S. Secretary of State Antony Blinken will travel to China.", "WASHINGTON"),
    ],
)
def test_dateline_recorded_and_sentence_kept(line: str, dateline: str) -> None:
    doc = apply(Datelines(), f"{line}\n\nMore text.")
    assert doc.meta["dateline"] == dateline
    assert doc.body == f"{line}\n\nMore text."


def test_no_dateline_in_ordinary_sentence() -> None:
    doc = apply(Datelines(), "The trip will take place amid a host of complications - officials said.")
    assert "dateline" not in doc.meta
