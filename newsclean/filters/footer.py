"""Footers and page furniture: share buttons, cookie and newsletter prompts, ads, copyright, and the tail
that follows an end-of-article marker such as `Source link`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from newsclean.document import Document, Line
from newsclean.filters.base import STRIPPED, Filter, Needles, RuleSet, required_literals
from newsclean.filters.dates import clock
from newsclean.filters.features import cell_text, is_headline, word_count
from newsclean.rules import Rule, rules_for

# The rules are data: `newsclean/rules/*.toml` (filter `boilerplate`: whole lines of furniture, role `line`, and
# lines holding a rule's words mid-line, role `anywhere`; filter `footer`: end-of-article markers, role `end`).
_MAX_MARKER = 120  # characters: an end marker is a short line
_NEWSLETTER = "ewsletter"  # what a line about a newsletter holds (`_newsletter`)


@dataclass(frozen=True)
class _Compiled:
    """One set of rule files compiled for these filters (built once per set of files and disabled ids)."""

    by_id: dict[str, Rule]
    whole: RuleSet  # furniture rules, then end markers: a marker that ends nothing is furniture too
    end: RuleSet
    # rules that may match mid-line, in order, each with the indices in `needles` of the strings one of which
    # its every match contains (derived from its pattern, the set of fewest strings; None: try every line)
    anywhere: list[tuple[tuple[int, ...] | None, re.Pattern[str], Rule]]
    needles: Needles  # every such string of every such rule, and `_NEWSLETTER`: looked for in the text at once
    # the rules' words (the set of each rule's required strings whose shortest is longest, folded; None: a rule
    # has none): a short line about a newsletter that holds one and no rule names goes (see `_newsletter`)
    keywords: tuple[str, ...] | None
    credit: re.Pattern[str] | None  # `AFP / NAME`: a cell of a row of furniture


@cache
def _compiled(files: tuple[str, ...], disabled: tuple[str, ...]) -> _Compiled:
    line = rules_for("boilerplate", "line", files, disabled)
    end = rules_for("footer", "end", files, disabled)
    required, words = [], []
    for rule in rules_for("boilerplate", "anywhere", files, disabled):
        strings, keywords = (required_literals(rule.pattern, re.I, fewest) for fewest in (True, False))
        if strings and any("\n" in string for string in strings):  # a line holds none: try every line
            strings = None
        required.append((rule, strings))
        words.append(keywords)
    needles = Needles(sorted({_NEWSLETTER, *(string for _, strings in required if strings for string in strings)}))
    anywhere = [
        (needles.ids(strings) if strings else None, re.compile(rule.pattern, re.I), rule) for rule, strings in required
    ]
    keywords = None if not all(words) else tuple({needles.fold(word) for strings in words for word in strings})
    credit = next((regex for _, regex, rule in anywhere if rule.kind == "image credit"), None)
    return _Compiled(
        {rule.id: rule for rule in (*line, *end, *(rule for *_, rule in anywhere))},
        RuleSet([(rule.id, rule.pattern) for rule in (*line, *end)], re.I),
        RuleSet([(rule.id, rule.pattern) for rule in end], re.I),
        anywhere,
        needles,
        keywords,
        credit,
    )


class Boilerplate(Filter):
    """A line of page furniture, wherever it stands (the `boilerplate` rules, and the `footer` end markers).

    Removes: `Your email address will not be published. Required fields are marked *`
    """

    name = "boilerplate"
    description = "Share/follow buttons, cookie, newsletter and subscribe prompts, ads, copyright lines."
    max_chars = 400

    def __init__(self, rules: Sequence[str] = (), disabled_rules: Sequence[str] = ()) -> None:
        self.rules = tuple(rules)  # more rule files (`--rules`), after the built-in ones
        self.disabled_rules = tuple(disabled_rules)  # rule ids turned off (`--disable-rule`)
        _compiled(self.rules, self.disabled_rules)  # a bad file fails here, not in a worker

    def apply(self, doc: Document) -> None:
        compiled = _compiled(self.rules, self.disabled_rules)
        lines, found = doc.lines, {}
        for i in doc.live():  # most lines start like some rule: a scan for those would not pay off
            why = self._whole(compiled, lines[i].text)
            if why:
                found[i] = why
        # the lines holding each rule's strings, all found in one go (a longer line is not judged)
        holding = compiled.needles.lines(doc, self.max_chars)
        for ids, regex, rule in compiled.anywhere:  # in order: the first rule that matches a line names it
            if ids is None:
                candidates = doc.live()
            elif len(ids) == 1:
                candidates = holding[ids[0]]
            else:
                candidates = sorted({i for k in ids for i in holding[k]})
            for i in candidates:
                text = lines[i].text
                if i not in found and len(text) <= self.max_chars and regex.fullmatch(cell_text(text.strip())):
                    found[i] = rule.reason()
        keywords, fold = compiled.keywords, compiled.needles.fold
        for i in holding[compiled.needles.ids([_NEWSLETTER])[0]]:
            text = lines[i].text
            if i in found or not self._newsletter(text):
                continue
            if keywords is None or any(word in fold(text) for word in keywords):
                found[i] = "newsletter"
        for i, why in found.items():
            doc.remove(i, self.name, why)

    def reason(self, text: str) -> str | None:
        """Why one line goes: `apply` on a document of that line (one implementation of the rules' order)."""
        doc = Document([Line(text, 0, 1)])
        self.apply(doc)
        return doc.lines[0].reason or None

    def _whole(self, compiled: _Compiled, text: str) -> str | None:
        """The rule the whole line matches (its reason), or a row of furniture cells."""
        if len(text) > self.max_chars:
            return None
        found = compiled.whole.match(cell_text(text))
        if found is not None:
            return compiled.by_id[found].reason()
        return self._furniture_row(compiled, text) if " | " in text else None

    def _newsletter(self, text: str) -> bool:
        """`PC Gamer Newsletter`, `Mit unserem Newsletter erhalten Sie monatlich …`: a short line about one,
        when no rule names it."""
        return len(text) <= self.max_chars and _NEWSLETTER in text.lower() and is_headline(text, max_words=20)

    def _furniture_row(self, compiled: _Compiled, text: str) -> str | None:
        """`January 13, 2020 at 08:45 AM | categories: Python, Mercurial | View Comments`: a row whose every
        cell is furniture (a date, a taxonomy, a comments link) is furniture too."""
        cells = [cell.strip() for cell in cell_text(text).split(" | ") if cell.strip()]
        credit, timestamp_kind = compiled.credit, clock(self.rules, self.disabled_rules).timestamp_kind
        if len(cells) >= 2 and all(
            timestamp_kind(cell) or compiled.whole.match(cell) or (credit and credit.fullmatch(cell)) for cell in cells
        ):
            return "row of page furniture"
        return None


class Footer(Filter):
    """Everything from an end-of-article marker on, when less running text follows it than precedes it,
    or when what follows is a comment thread (several lines that are only a relative time).

    Removes: `Source link` and what follows it (`You May Also Like`, `Leave a Reply`, …)
    """

    name = "footer"
    description = "Cut the tail that starts at an end marker (`Source link`, `You May Also Like`, `Leave a Reply`)."

    def __init__(
        self, keep_comments: bool = False, rules: Sequence[str] = (), disabled_rules: Sequence[str] = ()
    ) -> None:
        self.keep_comments = keep_comments  # `--comments`: a comment section does not end the page
        self.rules = tuple(rules)
        self.disabled_rules = tuple(disabled_rules)
        _compiled(self.rules, self.disabled_rules)

    def apply(self, doc: Document) -> None:
        compiled = _compiled(self.rules, self.disabled_rules)
        found: dict[int, Rule] = {}
        for i in compiled.end.candidates(doc, STRIPPED):
            stripped = doc.lines[i].text.strip()
            marker = compiled.end.match(stripped) if len(stripped) <= _MAX_MARKER else None
            if marker:
                found[i] = compiled.by_id[marker]
        if self.keep_comments:
            found = {i: rule for i, rule in found.items() if rule.kind not in _COMMENT_KINDS}
        if not found:
            return  # most pages: no marker, so no need to count words
        live = doc.live()
        markers = [found.get(i) for i in live]
        words = [word_count(doc.lines[i].text) for i in live]
        total, before = sum(words), 0
        for k, i in enumerate(live):
            marker = markers[k]
            if marker and before > 0 and (total - before - words[k] < before or self._thread(doc, live[k + 1 :])):
                where = f"line {doc.lines[i].number}, {marker.reason()}"
                reason = f"after end marker {doc.lines[i].text.strip()!r} ({where})"
                for j in live[k:]:
                    doc.remove(j, self.name, reason)
                return
            before += words[k]

    def _thread(self, doc: Document, after: list[int]) -> bool:
        """`Hace 28 minutos` / a comment / `Hace una hora` / a comment …: readers' comments, not article."""
        kind = clock(self.rules, self.disabled_rules).timestamp_kind
        return sum(kind(doc.lines[i].text) == "relative" for i in after) >= _THREAD


_COMMENT_KINDS = ("comments", "comment form")  # the end markers `--comments` keeps: a comment section's start
_THREAD = 3  # relative times after a marker that make what follows a comment thread, however long
