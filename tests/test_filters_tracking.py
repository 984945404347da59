from __future__ import annotations

import pytest
from conftest import apply, removed

from newsclean.filters.tracking import TrackingIds, TrackingParams

ARTICLE_LINE = "Blinken will be the highest-ranking US official to visit China since President Joe Biden took office."


@pytest.mark.parametrize(
    "line",
    [
        "6489b3d5873571.38868013",
        "118b7kz-1rt0ebt7",
        "3f2504e0-4f89-11d3-9a0c-0305e82c3301",
        "d41d8cd98f00b204e9800998ecf8427e",
    ],
)
def test_removes_tracking_id_lines(line: str) -> None:
    assert removed(TrackingIds(), f"{ARTICLE_LINE}\n\n{line}\n") == [line]


def test_a_uniqid_with_non_ascii_digits_is_found_by_the_whole_text_scan() -> None:
    """The filter looks for candidates in the whole text at once; the uniqid's digits may be any digits."""
    for line in ("6489b3d5873571.３８８６８０１３", "6489b3d5873571.٣٨٨٦٨٠١٣"):
        assert removed(TrackingIds(), "Article text here.\n" + line) == [line]


@pytest.mark.parametrize("line", [ARTICLE_LINE, "COVID-19", "978-3-16-148410-0", "B07XJ8C8F3", "Windows10Pro2023"])
def test_keeps_article_lines_and_short_codes(line: str) -> None:
    assert removed(TrackingIds(), line) == []


def test_cuts_tracking_parameters_and_keeps_the_rest_of_the_url() -> None:
    doc = apply(
        TrackingParams(),
        "Read it at https://www.kxan.com/news/?utm_source=twitter&utm_medium=social&id=3 today",
    )
    assert doc.body == "Read it at https://www.kxan.com/news/?id=3 today"
    assert doc.edits[0].filter == "tracking-params"


def test_url_with_only_tracking_parameters_loses_the_question_mark() -> None:
    doc = apply(TrackingParams(), "https://apnews.com/article/blinken-china?fbclid=IwAR3x")
    assert doc.body == "https://apnews.com/article/blinken-china"


def test_urls_without_tracking_are_untouched() -> None:
    doc = apply(TrackingParams(), "See https://example.com/search?q=china&page=2 for more.")
    assert doc.body == "See https://example.com/search?q=china&page=2 for more." and not doc.edits
