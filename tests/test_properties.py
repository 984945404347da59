"""Invariants over generated text: never raises, idempotent, clean articles pass unchanged."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean import clean
from newsclean.decode import DecodeError

# Real lines of both kinds, so the generator builds documents that exercise every filter.
BOILERPLATE = [
    "6489b3d5873571.38868013",
    "Source link",
    "You May Also Like",
    "Leave a Reply",
    "1 year, 6 months ago",
    "Associated Press",
    "History of this topic",
    "Trending News",
    "3 months ago",
    "Discover Related",
    "Share this:",
    "Comments are closed.",
    "By Jane Doe, Reuters",
    "Published 3:45 PM EDT",
    "Advertisement",
    "Most Read",
    "Read more: Blinken heads to Asia",
    "Xi urges US to view China properly",
    "© 2024 KXAN Austin",
    "https://kxan.com/a?utm_source=x&id=1",
    "Blinken heads to China – KXAN Austin",
    "",
]
SENTENCES = [
    "WASHINGTON (AP) – U.S. Secretary of State Antony Blinken will travel to China this weekend.",
    "Blinken will be the highest-ranking US official to visit China since President Joe Biden took office.",
    "The trip will take place amid a host of complications in US-China relations.",
    "“We have engaged governments that are considering hosting PRC bases at high levels,” he said.",
    "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn (£600m).",
    "The firm, which is now one of the biggest investors in Google, benefited from sales.",
    "Winners meet in final match",
]
lines = st.lists(st.sampled_from(BOILERPLATE + SENTENCES) | st.text(max_size=40), max_size=30)
documents = lines.map("\n".join) | st.text()


def _text(data: str | bytes) -> str:
    return clean(data).to_text()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    clean(text)


@settings(max_examples=300, deadline=None)
@given(st.binary())
def test_arbitrary_bytes_decode_or_are_refused_cleanly(data: bytes) -> None:
    with contextlib.suppress(DecodeError):
        clean(data)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_cleaning_is_idempotent(text: str) -> None:
    once = _text(text)
    assert _text(once) == once


TITLES = [
    "Ad sales boost Time Warner profit",
    "Choose hope over fear - Kennedy",
    "Could Yukos be a blessing?",
    "Job cuts 'false economy'  - TUC",
    "Blinken heads to China this weekend on a mission to salvage ties",
]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(TITLES), st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=7, unique=True))
def test_clean_article_passes_unchanged(title: str, paragraphs: list[str]) -> None:
    article = title + "\n\n" + "\n\n".join(paragraphs)
    assert clean(article).to_text() == article
