"""Whole-page text dumps: the visible text of a page (menus, cookie notices, `Most Read` lists, share buttons,
footers) with the article somewhere in the middle. Lines are judged on features that need no HTML, the densest
run of prose is taken as the article, and what lies around it is removed.

Features per line (jusText-style): length, word count, stopword density in the document's language (the
stoplists shipped with `justext`; the language is the stoplist with the most hits on the document's most
frequent words), sentence punctuation. A document is treated as a dump only when it holds many short
non-prose lines around its prose; clean articles and text extracted from HTML are left alone.
"""

from __future__ import annotations

from collections import Counter
from typing import ClassVar

from newsclean.document import Document
from newsclean.filters.base import Filter

# Lines ending like a sentence (also CJK and Devanagari full stops); closing quotes/brackets may follow.
_SENTENCE_ENDS = tuple(".!?。！？।؟…")
_CLOSERS = "\"'”’»)]"

# Classes of a line, as single letters in explanations: G good prose, N near-good, S short, B bad.
GOOD, NEAR, SHORT, BAD = "good", "near-good", "short", "bad"

_STOPLISTS: dict[str, frozenset[str]] | None = None
_INDEX: dict[str, tuple[str, ...]] | None = None


def stoplists() -> dict[str, frozenset[str]]:
    """Every stoplist that ships with jusText, loaded once per process on first use."""
    global _STOPLISTS, _INDEX
    if _STOPLISTS is None:
        import justext

        lists = {name: frozenset(justext.get_stoplist(name)) for name in sorted(justext.get_stoplists())}
        index: dict[str, list[str]] = {}
        for name, words in lists.items():
            for word in words:
                index.setdefault(word, []).append(name)
        _INDEX = {word: tuple(names) for word, names in index.items()}
        _STOPLISTS = lists
    return _STOPLISTS


def detect_language(words: Counter[str], top: int = 40) -> tuple[str | None, float]:
    """The stoplist with the most hits on the document's `top` most frequent words, and its hit rate over
    those words. Stopwords dominate any frequency list, so the top words are enough."""
    lists = stoplists()
    assert _INDEX is not None
    common = words.most_common(top)
    total = sum(n for _, n in common)
    if not total:
        return None, 0.0
    hits: Counter[str] = Counter()
    for word, n in common:
        for name in _INDEX.get(word, ()):
            hits[name] += n
    if not hits:
        return None, 0.0
    best = max(hits, key=lambda name: (hits[name], -len(lists[name])))
    return best, hits[best] / total


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)


class PageDump(Filter):
    """Keep the main article block of a whole-page text dump; drop menus, lists, notices and footers around it.

    Removes: `Zum Inhalt springen`, `Menu Schließen`, `Impressum`, … (outside main block (short, 3 words))
    Keeps: the article's paragraphs and the subheadings, lists and quotes between them.
    """

    name = "dump"
    description = "Whole-page text dumps: keep the densest run of prose (the article), drop the page around it."
    presets: ClassVar[dict[str, dict[str, object]]] = {
        "precision": {"min_junk_lines": 15, "min_junk_share": 0.5, "penalty": 0.6},
        "recall": {"min_junk_lines": 6, "min_junk_share": 0.3, "penalty": 1.5},
    }

    def __init__(
        self,
        min_junk_lines: int = 10,
        min_junk_share: float = 0.4,
        penalty: float = 1.0,
        stop_low: float = 0.22,
        stop_high: float = 0.30,
        length_low: int = 70,
        length_high: int = 200,
        html: bool = False,
    ) -> None:
        self.min_junk_lines = min_junk_lines  # short/bad lines outside the article that make a page a dump
        self.min_junk_share = min_junk_share  # ... and their share of all lines
        self.penalty = penalty  # weight of a short/bad line against prose when the article block is chosen
        self.stop_low = stop_low  # stopword density of near-good prose
        self.stop_high = stop_high  # stopword density of good prose
        self.length_low = length_low  # characters below which a line is short
        self.length_high = length_high  # characters from which near-good prose is good
        self.html = html  # also judge text extracted from HTML (off: trafilatura already did this)

    def apply(self, doc: Document) -> None:
        if doc.input_format == "html" and not self.html:
            return
        live = doc.live()
        if len(live) < self.min_junk_lines:
            return
        texts = [doc.lines[i].text for i in live]
        lowered = [text.lower().split() for text in texts]
        words: Counter[str] = Counter()
        for text, tokens in zip(texts, lowered, strict=True):
            if len(text) >= self.length_low:
                words.update(tokens)
        if not words:
            return
        language, rate = detect_language(words)
        stop = stoplists()[language] if language and rate >= 0.15 else None
        classes, densities = self._classify(texts, lowered, stop)
        junk = sum(c in (SHORT, BAD) for c in classes)
        if junk < self.min_junk_lines or junk < self.min_junk_share * len(classes):
            return
        start, end = self._main_block(texts, classes)
        if end <= start:
            return
        outside = [k for k in range(len(live)) if not start <= k < end]
        if sum(classes[k] in (SHORT, BAD) for k in outside) < self.min_junk_lines:
            return
        for k in outside:
            where = "before" if k < start else "after"
            d = f"stopword density {densities[k]:.2f}, " if densities[k] is not None else ""
            reason = f"{where} main block ({classes[k]}: {d}{len(lowered[k])} words)"
            doc.remove(live[k], self.name, reason)

    def _classify(
        self, texts: list[str], lowered: list[list[str]], stop: frozenset[str] | None
    ) -> tuple[list[str], list[float | None]]:
        classes: list[str] = []
        densities: list[float | None] = []
        for text, tokens in zip(texts, lowered, strict=True):
            n = len(text)
            if n < self.length_low:
                classes.append(SHORT)
                densities.append(None)
                continue
            words = len(tokens)
            if stop is None or words * 12 < n:  # no stoplist, or a script without spaces
                density = None
                good = _ends_sentence(text)
                cls = (GOOD if n >= self.length_high // 2 else NEAR) if good else BAD
            else:
                density = sum(map(stop.__contains__, tokens)) / words
                if density >= self.stop_high:
                    cls = GOOD if n >= self.length_high or _ends_sentence(text) else NEAR
                elif density >= self.stop_low:
                    cls = NEAR
                else:
                    cls = BAD
            classes.append(cls)
            densities.append(density)
        return classes, densities

    def _main_block(self, texts: list[str], classes: list[str]) -> tuple[int, int]:
        """The run of lines with the highest sum of values: prose counts its length, short and bad lines a
        penalty (Kadane's maximum subarray)."""
        best, best_start, best_end = 0.0, 0, 0
        total, start = 0.0, 0
        for k, (text, cls) in enumerate(zip(texts, classes, strict=True)):
            if cls == GOOD:
                value = float(len(text))
            elif cls == NEAR:
                value = len(text) / 2
            else:
                value = -self.penalty * max(self.length_low, len(text))
            if total <= 0:
                total, start = 0.0, k
            total += value
            if total > best:
                best, best_start, best_end = total, start, k + 1
        return best_start, best_end
