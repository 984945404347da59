"""Repeated lines: the same line scraped twice (sticky headers, duplicated teasers and paragraphs)."""

from __future__ import annotations

from typing import ClassVar

from newsclean.document import Document
from newsclean.filters.base import Filter


class RepeatedLines(Filter):
    """A line that repeats an earlier line word for word; the first stays. Short lines must repeat the line
    just before them: real text repeats short lines apart (`Winners meet in final match` in a fixture list).

    Removes: the second `Subscribe to our newsletter for the latest updates on China and the world`
    """

    name = "repeated"
    description = "Lines that repeat an earlier line word for word (the first occurrence is kept)."
    presets: ClassVar[dict[str, dict[str, object]]] = {
        "precision": {"min_words": 12, "min_words_adjacent": 3},
        "recall": {"min_words": 5},
    }

    def __init__(self, min_words: int = 8, min_words_adjacent: int = 2) -> None:
        self.min_words = min_words  # a repeat anywhere in the document
        self.min_words_adjacent = min_words_adjacent  # a repeat of the line right before

    def apply(self, doc: Document) -> None:
        seen: set[str] = set()
        previous = ""
        for i in doc.live():
            key = doc.lines[i].text.casefold()
            words = key.count(" ") + 1 if key else 0  # lines are stripped, words mostly one space apart
            if key == previous and words >= self.min_words_adjacent:
                doc.remove(i, self.name, "repeats the line before")
            elif key in seen and words >= self.min_words:
                doc.remove(i, self.name, "repeats an earlier line")
            else:
                previous = key
            seen.add(key)
