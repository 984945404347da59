from __future__ import annotations

import pytest
from conftest import removed

from newsclean.filters.footer import Boilerplate, Footer

ARTICLE = (
    "After his meetings in Beijing, Blinken will travel to London to attend a conference on the "
    "reconstruction "
    "of Ukraine on June 21, the State Department said.\n\n"
    "He did not elaborate on what had been done since then, the department said.\n\n"
)


def test_cuts_everything_from_source_link_on() -> None:
    tail = "Source link\n\nYou May Also Like\n\nLeave a Reply\n\nYour email address will not be published."
    assert removed(Footer(), ARTICLE + tail) == [
        "Source link",
        "You May Also Like",
        "Leave a Reply",
        "Your email address will not be published.",
    ]


def test_marker_before_most_of_the_text_does_not_cut_the_article() -> None:
    assert removed(Footer(), "Short intro line\n\nRelated Posts\n\n" + ARTICLE * 3) == []


@pytest.mark.parametrize(
    "line",
    [
        "Your email address will not be published. Required fields are marked *",
        "Share this:",
        "Like this:",
        "Comments are closed.",
        "Copyright 2023 Nexstar Media Inc. All rights reserved.",
        "© 2024 KXAN Austin",
        "Click here to subscribe to our newsletter",
        "Sign up for our daily newsletter to get the latest news.",
        "We use cookies to improve your experience on our site.",
        "Advertisement",
        "ADVERTISEMENT",
        "Story continues below advertisement",
        "Follow us on Twitter and Facebook",
        "Like Loading...",
    ],
)
def test_removes_page_furniture_lines(line: str) -> None:
    assert removed(Boilerplate(), ARTICLE + line) == [line]


@pytest.mark.parametrize(
    "line",
    [
        "Copyright law is changing across Europe, the commission said.",
        "The firm shares advertisement revenue.",
        "Sign up rates for the scheme rose by 20% last year, officials said.",
        "Share prices fell 3% on Monday.",
        "We use cookies, he admitted, but only for essential features of the site, which is common practice.",
    ],
)
def test_keeps_article_lines_about_the_same_words(line: str) -> None:
    assert removed(Boilerplate(), line) == []
