"""Related-link lists: a `Trending News` / `Most Read` label and the headlines under it, runs of
headline / `3 months ago` pairs, and `Read more: …` teaser lines."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from itertools import repeat
from typing import ClassVar

from newsclean.document import Document
from newsclean.filters.base import CELL, Filter, RuleSet
from newsclean.filters.dates import clock
from newsclean.filters.features import cell_text, is_headline, word_count
from newsclean.rules import rules_for

# The words are data (`newsclean/rules/*.toml`, filter `related`): a line that is only a label (role `label`:
# `Most Read`, `Notas relacionadas`) heads a list; the words that open a "read this too" box (role `read-also`:
# `Lesen Sie auch`) head a list too, and followed by a separator and a headline make a teaser line
# (`Lea también: Impiden ingreso a Nicaragua a reportero`).
_TEASER_MARKS = (":", "|", "»", ">")  # a teaser has one of the separators a teaser rule needs after its words


class Labels:
    """The related-list rules of one set of rule files, compiled."""

    def __init__(self, files: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> None:
        labels = rules_for("related", "label", files, disabled)
        read_also = rules_for("related", "read-also", files, disabled)
        heads = [(rule.id, rule.pattern) for rule in labels + read_also]
        # `Lesen Sie auch die folgenden Beiträge:`
        heads += [(rule.id, rf"(?:{rule.pattern})\s+[\w '’&.,-]{{1,50}}(?=:$)") for rule in read_also]
        # one rule per label, each tried only on lines that start like it (see RuleSet)
        self.header = RuleSet([(name, rf"(?:{pattern})\s*[:.…]?") for name, pattern in heads], re.I)
        self.teaser = RuleSet([(rule.id, rf"(?:{rule.pattern})\s*[:|»>]\s*\S.*") for rule in read_also], re.I)

    def list_header(self, text: str) -> str | None:
        """The id of the rule naming `text` as the label of a list, or None."""
        stripped = cell_text(text)
        if len(stripped) > 80 or not is_headline(stripped.rstrip(":.…")):
            return None
        return self.header.match(stripped)


@cache
def labels(files: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> Labels:
    """The compiled related-list rules of the built-in files plus `files`, less `disabled` (once per process)."""
    return Labels(files, disabled)


def _listed(timed: bool, text: str) -> bool:
    """Could be an item of a related-links list: a timestamp or a headline-shaped line."""
    return timed or is_headline(text)


def _item(timed: bool, text: str) -> bool:
    """An item of a labelled list: a timestamp, or a headline of two words or more. A single word ends the
    list: under `Weiterlesen` or `More` it is an ingredient or a menu entry, not a story."""
    return timed or (word_count(text) >= 2 and is_headline(text))


class RelatedLinks(Filter):
    """A related-stories block: its label and the headline / time lines under it; also runs of
    headline / `3 months ago` pairs without a label, and `Read more: …` teasers.

    Removes: `History of this topic`, `Xi urges US to view China properly`, `3 months, 3 weeks ago`, …
    """

    name = "related"
    description = "Related-link lists (`Trending News`, `Most Read`, headline/`3 months ago` runs, `Read more: …`)."
    presets: ClassVar[dict[str, dict[str, object]]] = {"precision": {"min_pairs": 4}, "recall": {"min_pairs": 2}}

    def __init__(self, min_pairs: int = 3, rules: Sequence[str] = (), disabled_rules: Sequence[str] = ()) -> None:
        self.min_pairs = min_pairs  # headline/time pairs that make an unlabelled run a list
        self.rules = tuple(rules)  # more rule files (`--rules`), after the built-in ones
        self.disabled_rules = tuple(disabled_rules)  # rule ids turned off (`--disable-rule`)

    def apply(self, doc: Document) -> None:
        live, lines = doc.live(), doc.lines
        known = labels(self.rules, self.disabled_rules)
        stamps = clock(self.rules, self.disabled_rules).lines(doc)
        # only labels and teasers start a removal here: the lines that can be one are found in C
        heads, teasers = set(known.header.candidates(doc, CELL)), set(doc.containing(*_TEASER_MARKS))
        starts = heads | teasers
        done = 0  # the lines before this place (among the live lines) are taken by a list
        for k in sorted(map(bisect_left, repeat(live), starts)):  # the places of those lines among the live lines
            if k < done:
                continue
            text = lines[live[k]].text
            head = known.list_header(text) if live[k] in heads else None
            if head:
                done = self._list(doc, live, k, k + 1, stamps, f"related-links list under {text.strip()!r} [{head}]")
                continue
            teaser = known.teaser.match(text.strip()) if live[k] in teasers else None
            if teaser and is_headline(text.split(":", 1)[-1]):
                doc.remove(live[k], self.name, f"read-more teaser [{teaser}]")
        # a label that is the site's template (removed before) still heads the site's own list of headlines
        for i, line in enumerate(lines):
            head = known.list_header(line.text) if line.removed_by == "template" else None
            if head:
                live = doc.live()
                k = bisect_left(live, i)
                why = f"related-links list under {line.text.strip()!r} (site template) [{head}]"
                self._list(doc, live, k, k, stamps, why)
        if sum(lines[i].removed_by is None for i in stamps) < self.min_pairs:
            return  # no run can hold enough timestamps (most pages): spare the headline test of every line
        left = [(i, i in stamps) for i in doc.live()]
        self._timed_runs(doc, [(i, t, _listed(t, lines[i].text)) for i, t in left])

    def _list(self, doc: Document, live: list[int], start: int, end: int, stamps: dict[int, str], reason: str) -> int:
        """Remove the live lines from `start` through the list items from `end` on; where the list ends."""
        lines = doc.lines
        while end < len(live) and _item(live[end] in stamps, lines[live[end]].text):
            end += 1
        for j in range(start, end):
            doc.remove(live[j], self.name, reason)
        return end

    def _timed_runs(self, doc: Document, lines: list[tuple[int, bool, bool]]) -> None:
        """Runs of headline-shaped lines in which at least `min_pairs` are followed by a timestamp.
        `lines` holds (index, is a timestamp, could be a list item) for the lines still in the body."""
        run: list[tuple[int, bool, bool]] = []
        for line in [*lines, (-1, False, False)]:
            if line[2]:
                run.append(line)
                continue
            self._remove_pairs(doc, run)
            run = []

    def _remove_pairs(self, doc: Document, run: list[tuple[int, bool, bool]]) -> None:
        """Within a run, the span from the first headline followed by a time to the last time: what stands
        before it (the page's own title, say) is not part of the list."""
        timed = [k for k, (_, is_time, _) in enumerate(run) if is_time]
        if len(timed) < self.min_pairs:
            return
        first = next((k - 1 for k in timed if k > 0 and not run[k - 1][1]), timed[0])
        span = run[first : timed[-1] + 1]
        if len(timed) * 3 >= len(span):
            for index, _, _ in span:
                doc.remove(index, self.name, f"list of {len(timed)} headlines with timestamps")
