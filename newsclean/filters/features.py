"""Cheap line features shared by filters: word counts, headline shape, prose shape."""

from __future__ import annotations

import re

WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’»)\]]*$")


# Scripts written without spaces between words: in Chinese and Japanese about two characters make a word; in
# Thai, Lao, Burmese and Khmer about three (their vowels and tone marks are characters of their own).
_HAN = re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]")
_SOUTHEAST = re.compile("[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff]")


def word_count(text: str) -> int:
    """Words: whitespace-separated (str.split runs in C: this is called for every line), or for scripts
    without spaces, from their characters (`習近平も重要な陰の参戦者だった` counts as 7,
    `ตร.เร่งหาเบาะแสคดีฆ่ายัดเสาถ่วงน้ำโขง` as 12)."""
    words = len(text.split())
    if not text.isascii() and (len(text) - len(text.encode("ascii", "ignore"))) // 2 > words:
        # only characters outside ASCII count here: with too few of those they cannot change the count
        words = max(words, len(_HAN.findall(text)) // 2 + len(_SOUTHEAST.findall(text)) // 3)
    return words


def cell_text(text: str) -> str:
    """A line without its surrounding space and table-cell bars: `| Weitere Artikel |` (trafilatura writes a
    table cell so) reads as `Weitere Artikel`."""
    return text.strip(" |")


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
