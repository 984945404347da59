from __future__ import annotations

import pytest
from conftest import apply, removed

from newsclean.filters.dates import Timestamps

ARTICLE_LINE = "Earlier this month, China’s defense minister rejected a request from US Defense Secretary Lloyd Austin."


@pytest.mark.parametrize(
    "line",
    [
        "1 year, 6 months ago",
        "3 months, 3 weeks ago",
        "Published 3:45 PM EDT",
        "June 14, 2023",
        "Updated: June 14, 2023 10:02 AM",
        "2019-10-19T19:08:00Z",
        "Posted on 12 March 2021",
        "5h ago",
        "Hace 28 minutos",
        "vor 3 Stunden",
        "il y a 2 heures",
        "Aktualisiert am 17.01.2021.",
    ],
)
def test_removes_timestamp_lines_into_date(line: str) -> None:
    doc = apply(Timestamps(), f"{ARTICLE_LINE}\n{line}\n")
    assert [x.text for x in doc.removals()] == [line]
    assert doc.meta["date"] == line


@pytest.mark.parametrize(
    "line",
    [
        ARTICLE_LINE,
        "In May 2023 he left the party.",
        "May 2005 election",
        "3:45",
        "Yesterday was a good day.",
    ],
)
def test_keeps_sentences_that_mention_dates(line: str) -> None:
    assert removed(Timestamps(), line) == []


def test_first_timestamp_wins() -> None:
    doc = apply(Timestamps(), "1 year, 6 months ago\n\nText here.\n\n3 months ago")
    assert doc.meta["date"] == "1 year, 6 months ago"
