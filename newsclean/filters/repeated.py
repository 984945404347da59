"""Repeated lines: the same line scraped twice (sticky headers, duplicated teasers and paragraphs)."""

from __future__ import annotations

from typing import ClassVar

from newsclean.document import Document
from newsclean.filters.base import Filter


class RepeatedLines(Filter):
    """A line that repeats an earlier line word for word; the first stays. Short lines must repeat the line
    just before them: real text repeats short lines apart (`Winners meet in final match` in a fixture list).
    Apart, a repeat must be a paragraph (12 words) or come with a repeated neighbour: an article says a line
    twice (a refrain, the same note under each embedded post) where a page repeats whole boxes.

    Removes: the second `Subscribe to our newsletter for the latest updates on China and the world`
    """

    name = "repeated"
    description = "Lines that repeat an earlier line word for word (the first occurrence is kept)."
    presets: ClassVar[dict[str, dict[str, object]]] = {
        "precision": {"min_words": 12, "min_words_adjacent": 3},
        "recall": {"min_words": 5},
    }

    def __init__(self, min_words: int = 8, min_words_adjacent: int = 2, min_words_alone: int = 12) -> None:
        self.min_words = min_words  # a repeat anywhere in the document ...
        self.min_words_alone = min_words_alone  # ... that is a whole paragraph, or comes with a repeated neighbour
        self.min_words_adjacent = min_words_adjacent  # a repeat of the line right before

    def apply(self, doc: Document) -> None:
        live = doc.live()
        keys = [doc.lines[i].text.casefold() for i in live]
        seen: set[str] = set()
        earlier = []  # whether each live line repeats an earlier one
        for key in keys:
            earlier.append(key in seen)
            seen.add(key)
        previous = ""
        for k, i in enumerate(live):
            key = keys[k]
            words = key.count(" ") + 1 if key else 0  # lines are stripped, words mostly one space apart
            if key == previous and words >= self.min_words_adjacent:
                doc.remove(i, self.name, "repeats the line before")
            elif earlier[k] and words >= self.min_words and self._block(keys, earlier, k, words):
                doc.remove(i, self.name, "repeats an earlier line")
            else:
                previous = key

    def _block(self, keys: list[str], earlier: list[bool], k: int, words: int) -> bool:
        """More than a line said twice: a whole paragraph, a line whose neighbour is a repeat of `min_words`
        too (a teaser with its headline), or the middle of three repeated lines (a box scraped twice: section,
        headline, author). A refrain or the note under each embedded post stays, even by a repeated credit."""
        if words >= self.min_words_alone:
            return True
        before, after = k > 0 and earlier[k - 1], k + 1 < len(earlier) and earlier[k + 1]
        if before and after:
            return True
        neighbour = keys[k - 1] if before else keys[k + 1] if after else ""
        return neighbour.count(" ") + 1 >= self.min_words if neighbour else False
