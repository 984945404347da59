from __future__ import annotations

import pytest
from conftest import apply

from newsclean.document import Document
from newsclean.filters.title import Title, split_sitename

KXAN = "Blinken heads to China this weekend on a mission to salvage frayed ties and keep communications open"


def test_sitename_suffix_moves_to_metadata() -> None:
    doc = apply(Title(), f"{KXAN} – KXAN Austin\n\nWASHINGTON (AP) – Blinken will travel.")
    assert doc.title == KXAN
    assert doc.meta["sitename"] == "KXAN Austin"
    assert doc.body == "WASHINGTON (AP) – Blinken will travel."


def test_title_repeated_in_body_is_dropped() -> None:
    doc = apply(Title(), f"{KXAN}\n1 year ago\n\n{KXAN}\n\nBody text.")
    assert doc.body == "1 year ago\n\nBody text."


@pytest.mark.parametrize(
    "title",
    [
        "Choose hope over fear - Kennedy",
        "Job cuts 'false economy'  - TUC",
        "Wood - Ireland can win Grand Slam",
        "Tevez - an Argentine in Brazil",
        "Ad sales boost Time Warner profit",
    ],
)
def test_real_titles_with_dashes_are_kept_whole(title: str) -> None:
    assert split_sitename(title) == (title, None)


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (
            "Klimaschutz: Bohren, bis es heiß wird | ZEIT ONLINE",
            ("Klimaschutz: Bohren, bis es heiß wird", "ZEIT ONLINE"),
        ),
        (
            "Alito and Prelogar: The nonstop sparring match | CNN Politics",
            ("Alito and Prelogar: The nonstop sparring match", "CNN Politics"),
        ),
        (
            "Story about the budget | Politics | Example News",
            ("Story about the budget", "Politics | Example News"),
        ),
    ],
)
def test_site_suffixes_are_split_until_none_is_left(title: str, expected: tuple[str, str]) -> None:
    assert split_sitename(title) == expected
    assert split_sitename(expected[0]) == (expected[0], None)


def test_a_long_paragraph_is_not_a_title() -> None:
    paragraph = "The minister said that the budget, which was delayed twice, would finally pass next week. " * 2
    doc = apply(Title(), paragraph.strip())
    assert doc.title is None and doc.body == paragraph.strip()


def test_double_hyphen_separates_a_site_name() -> None:
    assert split_sitename("New court files expose a security team's spying -- Sott.net") == (
        "New court files expose a security team's spying",
        "Sott.net",
    )


def test_the_title_repeated_is_found_when_it_starts_with_a_hyphenated_word() -> None:
    title = "Ex-Trump aide to plead guilty to perjury"
    doc = Document.from_text(f"{title}\n\n{title}\n\nText.")
    Title()(doc)
    assert doc.body == "Text."
