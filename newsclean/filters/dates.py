"""Timestamps: relative times and lone date lines, moved to the `date` metadata field.

The words are data (`newsclean/rules/*.toml`, filter `timestamp`): relative times (role `relative`), month and
weekday names and date labels (roles `month`, `weekday`, `label`). What is Python here is the grammar that
puts those words together with numbers into dates, and the cheap tests derived from the rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache, lru_cache

from newsclean.document import Document
from newsclean.filters.base import STRIPPED, Filter, RuleSet, required_literals
from newsclean.rules import either, rules_for

# A date's numbers (without a year a date is often a heading in real text: `Saturday, 26 February` over a
# fixture list): `{month}` and `{weekday}` stand for the rules' words.
_DATE = (
    r"(?:{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # June 14, 2023
    r"|\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?{month},?\s+(?:de\s+)?\d{{4}}"  # 14 June 2023, 19. Oktober 2019
    r"|{month}\s+\d{{4}}"  # June 2023
    # 2023-06-14T15:45Z
    r"|\d{{4}}-\d{{2}}-\d{{2}}(?:T\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?"
    r"|\d{{1,2}}[/.]\d{{1,2}}[/.](?:\d{{4}}|\d{{2}}))"  # 14/06/2023
)
_TIME = r"\d{1,2}(?::\d{2}){1,2}\s*(?:[AaPp]\.?\s?[Mm]\.?|Uhr|h)?(?:\s*\(?[A-Z]{1,4}(?:[+-]\d{1,2})?\)?)?"
_AFTER_LABEL = r"(?:\s+(?:on|am|le|el|il))?"  # `Published on`, `Aktualisiert am`, `Publié le`
_SEP = r"\s*(?:[,|/•·-]|\bat\b)?\s*"
_DIGIT = re.compile(r"\d")
_DATE_DIGITS = re.compile(r"\d(?:\d\d\d|[/.:]\d)")  # every absolute date has a year, a d/m/y date or a time


class Clock:
    """The timestamp rules of one set of rule files, compiled: what `timestamp_kind` asks."""

    def __init__(self, files: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> None:
        words = {role: rules_for("timestamp", role, files, disabled) for role in ("month", "weekday", "label")}
        labels = either(words["label"])
        month = either(words["month"]) + r"\.?"
        weekday = either(words["weekday"]) + r"\.?"
        prefix = rf"(?:{labels}{_AFTER_LABEL}\s*:?\s*)"
        date = _DATE.format(month=month)
        self.absolute = re.compile(
            rf"(?:{prefix}?(?:{weekday}{_SEP})?{date}(?:{_SEP}{_TIME})?"  # a date, maybe with a time
            rf"|{prefix}{_TIME}(?:{_SEP}{date})?"  # a time needs a prefix: `Published 3:45 PM EDT`
            r"|\d{1,2}:\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?|Uhr)(?:\s+[A-Z]{2,4})?)\.?",  # or a clock word: `3:59 PM`
            re.I,
        )
        self.relative_rules = [
            (rule.id, rule.pattern.replace("{prefix}", prefix))
            for rule in rules_for("timestamp", "relative", files, disabled)
        ]
        self.relative = RuleSet(self.relative_rules, re.I)
        # a relative time holds one of its rule's required strings (`ago`, `hace`, ...): tested before the rule
        needles = set()
        for _, pattern in self.relative_rules:
            needles |= {needle.casefold() for needle in required_literals(pattern, re.I) or {""}}
        self._needles = re.compile("|".join(sorted(map(re.escape, needles))) or "(?!)")
        self.labels = RuleSet([(rule.id, rf"(?:{rule.pattern}){_AFTER_LABEL}\s*:?") for rule in words["label"]], re.I)
        # every line `kind` names starts like one of these: the others are passed over in C
        starts = [*self.relative_rules, ("date", self.absolute.pattern), *self.labels.rules]
        self._starts = RuleSet(starts, re.I)
        self.kind = lru_cache(maxsize=1 << 14)(self._short_kind)  # asked by several filters for a line

    def timestamp_kind(self, text: str) -> str | None:
        """'relative', 'date' or 'label' when the whole line is a timestamp (or a date label), else None."""
        if len(text) > 100 and len(text.strip()) > 80:
            return None  # a paragraph: never a timestamp, and not kept in the cache (memory stays flat)
        return self.kind(text)

    def _short_kind(self, text: str) -> str | None:
        """timestamp_kind of a short line. Cheap tests first: a date has a digit, a relative time one of its
        rule's required strings, a label is short and starts like one."""
        stripped = text.strip()
        if len(stripped) > 80:
            return None
        if self._needles.search(stripped.casefold()) and self.relative.match(stripped):
            return "relative"
        if _DIGIT.search(stripped):
            return "date" if _DATE_DIGITS.search(stripped) and self.absolute.fullmatch(stripped) else None
        return "label" if len(stripped) <= 40 and self.labels.match(stripped) else None

    def rule(self, text: str) -> str | None:
        """The id of the rule that names a relative time or a date label (None for a date: its grammar is here)."""
        stripped = text.strip()
        return self.relative.match(stripped) or self.labels.match(stripped)

    def lines(self, doc: Document) -> dict[int, str]:
        """The live lines of `doc` that are a timestamp (or a date label), in order, with their kind."""
        lines = doc.lines
        found = {}
        for i in self._starts.candidates(doc, STRIPPED):
            kind = self.timestamp_kind(lines[i].text)
            if kind:
                found[i] = kind
        return found


@cache
def clock(files: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> Clock:
    """The compiled timestamp rules of the built-in files plus `files`, less `disabled` (once per process)."""
    return Clock(files, disabled)


def timestamp_kind(text: str) -> str | None:
    """`clock().timestamp_kind`: with the built-in rules."""
    return clock().timestamp_kind(text)


class Timestamps(Filter):
    """A line that is only a timestamp; the first one found becomes `date`.

    Removes: `1 year, 6 months ago`, `Published 3:45 PM EDT`, `June 14, 2023`
    """

    name = "timestamp"
    description = "Lines that are only a relative time or a date (moved to the `date` field)."

    def __init__(self, rules: Sequence[str] = (), disabled_rules: Sequence[str] = ()) -> None:
        self.rules = tuple(rules)  # more rule files (`--rules`), after the built-in ones
        self.disabled_rules = tuple(disabled_rules)  # rule ids turned off (`--disable-rule`)

    def apply(self, doc: Document) -> None:
        times = clock(self.rules, self.disabled_rules)
        for i, kind in times.lines(doc).items():
            rule = times.rule(doc.lines[i].text) if kind != "date" else None
            named = f" [{rule}]" if rule else ""
            if kind == "label":
                doc.remove(i, self.name, f"date label without a date{named}")
            else:
                doc.set_meta("date", doc.lines[i].text.strip())
                doc.remove(i, self.name, f"{kind} timestamp moved to date{named}")
