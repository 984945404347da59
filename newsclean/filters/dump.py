"""Whole-page text dumps: the visible text of a page (menus, cookie notices, `Most Read` lists, share buttons,
footers) with the article somewhere in the middle. Lines are judged on features that need no HTML, the densest
run of prose is taken as the article, and what lies around it is removed.

Features per line (jusText-style): length, word count, stopword density in the document's language (the
stoplists shipped with `justext`; the language is the stoplist with the most hits on the document's most
frequent words), sentence punctuation, repetition within the page, position. A document is treated as a dump
only when it holds many short lines (counting those other filters already removed) and some of them stand
before the main block, as navigation does; clean articles and text extracted from HTML are left alone.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from itertools import chain
from operator import itemgetter
from typing import ClassVar

from newsclean.document import Document
from newsclean.filters.base import Filter

# Lines ending like a sentence (also CJK and Devanagari full stops); closing quotes/brackets may follow.
_SENTENCE_ENDS = tuple(".!?。！？।؟…")
_END_CHARS = frozenset(".!?。！？।؟…\"'”’»)]")  # last characters of a sentence, quick test
_CLOSERS = "\"'”’»)]"

# Classes of a line (jusText's), named in explanations.
GOOD, NEAR, SHORT, BAD = "good", "near-good", "short", "bad"

# Filters whose removed lines stay in the page, as furniture, when the main block is chosen.
_KEPT_IN_PAGE = frozenset({"template"})

# Cookie and consent notices are long prose: they are told by their words, in any of the usual languages.
_CONSENT = re.compile(
    r"\bcookies?\b.{0,300}(?:accept|akzept|consent|einwillig|zustimm|brows|navig|settings|einstellung|paramètr"
    r"|preferen|analy|websites?\b|webseite|site\b|sitio|surf|erfahrung|experience)|(?:accept|akzept|consent|einwillig|zustimm|brows|navig"
    r"|websites?\b|webseite|site\b|sitio).{0,300}\bcookies?\b",
    re.I,
)

# Short headings that open the page's own sections after an article: comments (readers' prose, not the article's),
# related and popular lists, newsletter boxes. Prose after one of them does not join the article.
_SECTION = re.compile(
    r"comment|kommentar|komentarz|comentari|repl[iy]|antwort|respuesta|réponse|odpowied|leserbrief|diskussion"
    r"|related|ähnliche|verwandte|mehr zu|weitere (?:artikel|beiträge|themen|news)|auch interess|meistgelesen"
    r"|most read|popular|beliebt|empfehl|recommend|lesen sie auch|read more|more from|you may also|newsletter",
    re.I,
)

# The same headings where a word starts (not `antwort` in `verantwortlich`), and those of share, follow, subscribe
# and tag boxes: inside the block they end it, after the text they mark a page.
_HEADING = re.compile(
    rf"(?<!\w)(?:{_SECTION.pattern}|share|teilen|follow\b|folg(?:e|t|en sie) uns|subscribe|abonnier|tags?\b|schlagw)",
    re.I,
)

_STOPLISTS: dict[str, frozenset[str]] | None = None
_INDEX: dict[str, tuple[str, ...]] | None = None
_UNIONS: dict[tuple[str, ...], frozenset[str]] = {}


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


def detect_languages(words: Counter[str], top: int = 30) -> tuple[tuple[str, ...], float]:
    """The stoplists with the most hits on the document's `top` most frequent words (stopwords dominate any
    frequency list, so the top words are enough): the best one, and a second one with at least half its hits
    (a page in two languages: an English archive banner over a German post); and the best one's hit rate."""
    lists = stoplists()
    assert _INDEX is not None
    common = words.most_common(top)
    total = sum(n for _, n in common)
    hits: dict[str, int] = {}
    for word, n in common:
        for name in _INDEX.get(word, ()):
            hits[name] = hits.get(name, 0) + n
    if not hits:
        return (), 0.0
    ranked = sorted(hits.items(), key=itemgetter(1), reverse=True)[:6]
    top_hits = ranked[0][1]
    # Some stoplists are large and hold English words (Marathi's has `the` and `bank`): among lists nearly as
    # good as the best, the smallest is the most specific.
    best = min((name for name, n in ranked if n * 20 >= top_hits * 19), key=lambda name: (len(lists[name]), name))
    chosen = [best]
    for name, n in ranked:
        if n * 2 < top_hits:
            break
        if name == best or _related(name, best):
            continue
        own = sum(count for word, count in common if word in lists[name] and word not in lists[best])
        if own * 4 >= top_hits:
            chosen.append(name)  # a different language with words of its own, not a relative of the best one
            break
    return tuple(sorted(chosen)), hits[best] / total


@cache
def _related(name: str, other: str) -> bool:
    """Whether most of stoplist `name` is in stoplist `other` (a relative: Bosnian and Croatian)."""
    lists = stoplists()
    return len(lists[name] & lists[other]) * 2 >= len(lists[name])


def stoplist_for(languages: tuple[str, ...]) -> frozenset[str] | None:
    """One stoplist, or the union of two (cached)."""
    if not languages:
        return None
    if languages not in _UNIONS:
        lists = stoplists()
        _UNIONS[languages] = frozenset().union(*(lists[name] for name in languages))
    return _UNIONS[languages]


@dataclass(slots=True)
class Page:
    """The live lines of a document with what the dump filter knows of each."""

    texts: list[str]
    lengths: list[int]  # characters (three per character in scripts without spaces)
    classes: list[str]  # GOOD, NEAR, SHORT or BAD
    densities: dict[int, float]  # stopword density of the lines long enough to have one
    seen: Counter[str]  # how often each line occurs in the page
    stop: frozenset[str] | None  # the stoplist of the page's language, if one fits
    language: str  # its name(s), for explanations
    taken: int  # lines other filters removed before
    tokens: dict[int, list[str]]  # the lowercased words of each line long enough to be classified
    fixed: frozenset[int] = frozenset()  # lines known to be furniture (a site's template), kept in place


def _ends_sentence(text: str) -> bool:
    return text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS)


class PageDump(Filter):
    """Keep the main article block of a whole-page text dump; drop menus, lists, notices and footers around it.

    Removes: `Zum Inhalt springen`, `Menu Schließen`, `Impressum`, … (`before main block (short: 3 words)`)
    Keeps: the article's paragraphs and the subheadings, lists and quotes between them.
    """

    name = "dump"
    description = "Whole-page text dumps: keep the densest run of prose (the article), drop the page around it."
    presets: ClassVar[dict[str, dict[str, object]]] = {
        "precision": {"min_junk_lines": 15, "min_junk_share": 0.5, "penalty": 20.0, "lead": 0.15},
        "recall": {"min_junk_lines": 6, "min_junk_share": 0.3, "penalty": 45.0, "lead": 0.4},
    }

    def __init__(
        self,
        min_junk_lines: int = 10,
        min_junk_share: float = 0.4,
        penalty: float = 30.0,
        stop_low: float = 0.22,
        stop_high: float = 0.30,
        length_low: int = 70,
        length_high: int = 200,
        max_run: int = 20,
        lead: float = 0.25,
        lead_min: float = 500.0,
        trail: float = 0.25,
        reach: int = 8,
        extend: bool = True,
        position_prior: float = 1.0,
        cohesion: float = 0.3,
        html: bool = False,
        cut: float = 0.7,
    ) -> None:
        self.cut = cut  # a section heading inside the block after this share of its prose ends it
        self.cohesion = cohesion  # share of a distant prose run's content words the article uses, for it to stay
        self.position_prior = position_prior  # prose early in the page counts more than late (comments)
        self.extend = extend  # take in sentence-like lines right at the edges of the block
        self.lead = lead  # an earlier run of prose worth this share of the main block's value joins it
        self.lead_min = lead_min  # ... or this much value alone (a long lead before a gallery or a big table)
        self.reach = reach  # good prose lines this close before the block stay (a standfirst above the byline)
        self.trail = trail  # ... and a later one worth this share unless a comments or related heading lies between
        self.max_run = max_run  # the cost of a line of furniture grows along a run of it up to this many times
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
        # A site's template lines stay in the page as furniture where they stand: its menus and footers tell
        # where the article is (a legal notice learned as template must not leave its neighbours looking alone).
        lines = doc.lines
        live = [i for i, line in enumerate(lines) if line.removed_by is None or line.removed_by in _KEPT_IN_PAGE]
        page = self._page([lines[i].text for i in live], len(lines) - len(live) - (doc.title_line is not None))
        if page is not None:
            page.fixed = frozenset(k for k, i in enumerate(live) if lines[i].removed_by is not None)
            for k in page.fixed:
                page.classes[k] = BAD
        block = self._article(page) if page is not None else None
        if block is None:
            return
        start, end, lead = block
        texts, classes, densities = page.texts, page.classes, page.densities
        for k in (*range(start), *range(end, len(texts))):
            if k in lead or lines[live[k]].removed_by is not None:
                continue
            where = "before" if k < start else "after"
            density = f"{page.language} stopword density {densities[k]:.2f}, " if k in densities else ""
            text = texts[k]
            words = text.count(" ") + 1 if "  " not in text else len(text.split())
            reason = f"{where} main block ({classes[k]}: {density}{words} words)"
            doc.remove(live[k], self.name, reason)

    def _page(self, texts: list[str], taken: int) -> Page | None:
        """The features of each live line, or None when the text is not a page dump (too few short lines).
        `taken` counts the lines other filters already removed (share buttons, a footer, a related list):
        furniture too."""
        low = self.length_low
        sample = "".join(texts[:: max(1, len(texts) // 50)])
        scale = 3 if sample.count(" ") * 30 < len(sample) else 1  # Chinese, Japanese, Thai: one character says more
        lengths = [len(text) * scale for text in texts]
        short = sum(n < low for n in lengths) + taken
        if short < self.min_junk_lines or short < self.min_junk_share * (len(texts) + taken):
            return None  # not a page dump: too few short lines (a clean article, a list of results)
        long_lines = [k for k, n in enumerate(lengths) if n >= low]
        tokens = {k: texts[k].lower().split() for k in long_lines}
        words = Counter(chain.from_iterable(tokens[k] for k in long_lines[:150]))
        languages, rate = detect_languages(words) if words else ((), 0.0)
        stop = stoplist_for(languages) if rate >= 0.15 else None
        classes: list[str] = [SHORT] * len(texts)
        densities: dict[int, float] = {}
        for k in long_lines:
            classes[k], density = self._classify(texts[k], lengths[k], tokens[k], stop)
            if density is not None:
                densities[k] = density
        return Page(texts, lengths, classes, densities, Counter(texts), stop, "+".join(languages), taken, tokens)

    def _article(self, page: Page) -> tuple[int, int, set[int]] | None:
        """The article block [start, end) and the lead lines kept before it, or None to leave the text alone."""
        texts, lengths, classes, seen, stop = page.texts, page.lengths, page.classes, page.seen, page.stop
        values = self._values(texts, lengths, classes, seen)
        start, end = _max_run(values)
        if self.lead and end > start:
            start, end = self._join(values, start, end, texts, lengths)
        if end > start and self.extend:
            fixed = page.fixed
            while start > 0 and start - 1 not in fixed and self._phrase(texts[start - 1], stop, seen):
                start -= 1
            while end < len(texts) and end not in fixed and self._phrase(texts[end], stop, seen):
                end += 1
        if end <= start:
            return None
        if self.cut:
            end = self._cut(page, values, start, end)
        lead = self._lead_lines(classes, texts, start, seen)
        outside = [*(k for k in range(start) if k not in lead), *range(end, len(texts))]
        if sum(classes[k] in (SHORT, BAD) for k in outside) + page.taken < self.min_junk_lines:
            return None
        if sum(classes[k] in (SHORT, BAD) for k in range(start)) < 3 and not self._page_after(page, end):
            return None  # pages open with navigation; a list that only follows the text is the article's (results)
        lead |= self._cohesive(page, values, start, end)
        return start, end, lead

    def _cut(self, page: Page, values: list[float], start: int, end: int) -> int:
        """Where the block ends when a short heading of the page's own sections (`Verwandte Themen`, `Most read`)
        stands inside it after `cut` of its prose: the teasers under such a heading are not the article's, even
        when they read like prose. A heading that ends like a sentence (a question) is the article's own."""
        texts, lengths, low = page.texts, page.lengths, self.length_low
        total = sum(v for v in values[start:end] if v > 0)
        done = 0.0
        for k in range(start, end):
            if values[k] > 0:
                done += values[k]
            elif lengths[k] < low and done >= self.cut * total and _HEADING.search(texts[k]):
                if _ends_sentence(texts[k]):
                    continue  # a question: the article's own subheading
                return k
        return end

    def _cohesive(self, page: Page, values: list[float], start: int, end: int) -> set[int]:
        """Runs of prose away from the block that speak of the same things as the article: a lead set off by a
        paywall box or a table of figures, a last section after a gallery. A run qualifies when `cohesion` of its
        content words (four letters or more, not stopwords) occur in the block's prose; its prose lines stay, the
        lines between it and the block go. The best run on each side, only where a stoplist tells content words
        (not in Chinese or Japanese, written without spaces)."""
        if page.stop is None:
            return set()
        vocab: set[str] | None = None
        kept: set[int] = set()
        for lo, hi in ((0, start), (end, len(values))):
            a, b = _max_run(values[lo:hi])
            if b <= a:
                continue
            if vocab is None:  # every word of the block's prose: only the run's words need filtering
                vocab = set().union(*(page.tokens[k] for k in range(start, end) if page.classes[k] == GOOD))
            lines = [k for k in range(a + lo, b + lo) if page.classes[k] == GOOD]
            words = [w for k in lines for w in self._content(page, k)]
            if words and sum(map(vocab.__contains__, words)) >= self.cohesion * len(words):
                kept.update(lines)
        return kept

    @staticmethod
    def _content(page: Page, k: int) -> list[str]:
        """The content words of line `k`: four characters or more, not in the page's stoplist."""
        stop = page.stop or frozenset()
        return [w for w in page.tokens[k] if len(w) > 3 and w not in stop]

    def _page_after(self, page: Page, end: int) -> bool:
        """A sign of a whole page even without navigation before the text: many lines after it occur twice in the
        page (a menu or a list of sections repeated in the footer), or a short line after it opens one of the page's
        own sections (comments, related, newsletter) or holds a copyright. An article's own list has neither."""
        seen, texts, lengths, low = page.seen, page.texts, page.lengths, self.length_low
        if sum(seen[texts[k]] > 1 for k in range(end, len(texts))) >= self.min_junk_lines:
            return True
        return any(
            lengths[k] < low and ("©" in texts[k] or "opyright" in texts[k] or _HEADING.search(texts[k]))
            for k in range(end, len(texts))
        )

    def _join(self, values: list[float], start: int, end: int, texts: list[str], lengths: list[int]) -> tuple[int, int]:
        """Take in runs of prose before and after the main block that are worth a share of it: the lead or first
        part of the article cut off by bylines or a gallery, a second half after a table, an ad or a related box."""
        main = sum(values[start:end])
        for _ in range(3):  # a few parts at most; each must be worth its share of the main block alone
            a, b = _max_run(values[:start])
            if b <= a or sum(values[a:b]) < min(self.lead * main, self.lead_min):
                break
            start = a
        for _ in range(3):
            a, b = _max_run(values[end:])
            if b <= a or sum(values[end + a : end + b]) < self.trail * main:
                break
            if any(lengths[k] < self.length_low and _SECTION.search(texts[k]) for k in range(end, end + a)):
                break
            end += b
        return start, end

    def _lead_lines(self, classes: list[str], texts: list[str], start: int, seen: Counter[str]) -> set[int]:
        """Good prose lines a few lines before the block, each within `reach` lines of the next: a standfirst or
        lead paragraph set off by a byline, a date, a picture credit. They stay; the lines between them go."""
        kept: set[int] = set()
        k = start
        while True:
            k = next((j for j in range(k - 1, max(-1, k - 1 - self.reach), -1) if classes[j] == GOOD), -1)
            if k < 0 or seen[texts[k]] > 1:
                return kept
            kept.add(k)

    def _phrase(self, text: str, stop: frozenset[str] | None, seen: Counter[str]) -> bool:
        """A line that reads like part of a text (a short sentence, a phrase with stopwords), not a link."""
        if seen[text] > 1 or "ookie" in text:
            return False
        tokens = text.split()
        if text.rstrip(_CLOSERS).endswith(_SENTENCE_ENDS) and len(tokens) >= 3:
            return True
        if stop is None or len(tokens) < 4:
            return False
        lowered = text.lower().split()
        caps = sum(t[:1].isupper() for t in tokens)
        return sum(map(stop.__contains__, lowered)) >= 2 and caps * 2 < len(tokens)

    def _classify(self, text: str, n: int, tokens: list[str], stop: frozenset[str] | None) -> tuple[str, float | None]:
        """The context-free class of a line of `length_low` characters or more (jusText's): good, near-good or
        bad by stopword density, or by sentence punctuation where no stoplist fits the document."""
        if "ookie" in text and _CONSENT.search(text):
            return BAD, None
        words = len(tokens)
        if stop is None or words * 12 < n:  # no stoplist, or a script without spaces
            if _ends_sentence(text):
                return (GOOD if n >= self.length_high // 2 else NEAR), None
            return BAD, None
        density = sum(map(stop.__contains__, tokens)) / words
        if density >= self.stop_high:
            return (GOOD if n >= self.length_high or _ends_sentence(text) else NEAR), density
        return (NEAR if density >= self.stop_low else BAD), density

    def _values(self, texts: list[str], lengths: list[int], classes: list[str], seen: Counter[str]) -> list[float]:
        """What each line adds to a candidate article block: prose its length (more early in the page than late,
        where comments are); page furniture a cost that grows along a run of it, so that a date or a share line
        inside the article is cheap to keep and a menu of forty links is not. A short sentence costs half, a
        line that occurs twice (a menu repeated in the footer) double."""
        values = []
        run = 0
        base, cap = self.penalty, self.max_run
        top, slope = 1 + self.position_prior / 2, self.position_prior / max(1, len(texts))
        for k, text in enumerate(texts):
            cls = classes[k]
            if cls == GOOD:
                values.append(lengths[k] * (top - k * slope))
                run = 0
                continue
            run += 1
            cost = base * (run if run < cap else cap)
            if cls == NEAR or (text[-1:] in _END_CHARS and text.count(" ") >= 3):
                cost /= 2
            if seen[text] > 1:
                cost *= 2
            values.append(-cost)
        return values


def _max_run(values: list[float]) -> tuple[int, int]:
    """The run of values with the highest sum (Kadane's maximum subarray): [start, end)."""
    best, best_start, best_end = 0.0, 0, 0
    total, start = 0.0, 0
    for k, value in enumerate(values):
        if total <= 0:
            total, start = 0.0, k
        total += value
        if total > best:
            best, best_start, best_end = total, start, k + 1
    return best_start, best_end
