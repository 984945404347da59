from __future__ import annotations

from conftest import removed

from newsclean.filters.repeated import RepeatedLines

PARAGRAPH = "Qin noted that China-US relations have encountered new difficulties and challenges this year."


def test_repeated_paragraph_is_removed_and_the_first_kept() -> None:
    assert removed(RepeatedLines(), f"{PARAGRAPH}\n\nOther text here.\n\n{PARAGRAPH}") == [PARAGRAPH]


def test_adjacent_repeat_of_a_short_line_is_removed() -> None:
    assert removed(RepeatedLines(), "Xi urges US to view China properly\nXi urges US to view China properly") == [
        "Xi urges US to view China properly"
    ]


def test_short_lines_that_repeat_apart_are_kept() -> None:
    fixture_list = (
        "Mauritius v Madagascar\n\nWinners meet in final match\n\nMozambique v Zimbabwe\n\nWinners meet in final match"
    )
    assert removed(RepeatedLines(), fixture_list) == []
