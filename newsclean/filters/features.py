"""Cheap line features shared by filters: word counts, headline shape, prose shape."""

from __future__ import annotations

import re

WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’»)\]]*$")


def word_count(text: str) -> int:
    """Whitespace-separated words (str.split runs in C: this is called for every line)."""
    return len(text.split())


def normalize(text: str) -> str:
    """Casefolded words only: lines equal under this compare as the same line."""
    return " ".join(WORD.findall(text.casefold()))


def ends_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text.rstrip()))


def is_headline(text: str, max_words: int = 30) -> bool:
    """Shaped like a headline or link text: short, and not a sentence that ends in a full stop."""
    stripped = text.rstrip()
    if not stripped or len(stripped) > 250 or word_count(stripped) > max_words:
        return False
    if stripped.endswith(("...", "…")):
        return True
    return not stripped.endswith((".", ":", ";", ","))


def is_prose(text: str, min_words: int = 12) -> bool:
    """A line of running text: several words ending like a sentence."""
    return word_count(text) >= min_words and ends_sentence(text)
