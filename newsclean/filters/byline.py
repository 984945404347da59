"""Bylines, agency credits and datelines: who wrote it and where it was filed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from newsclean.document import Document
from newsclean.filters.base import STRIPPED, Filter, RuleSet
from newsclean.rules import either, rules_for

# The words are data (`newsclean/rules/*.toml`, filter `byline`): wire services (role `agency`), the words
# that open a byline (`intro`, matched as written: a byline's names are capitalised) and those that open an
# agency credit (`credit`). The grammar of names, and the cheap test on a line's first characters, are here.
_PARTICLE = r"(?:de|del|der|den|van|von|da|di|du|la|le|bin|al|el|y)"
_CAP = r"[A-Z][\w'’.-]*"
_NAME = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{0,3}}"
_JOIN = r"\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b)\s*"
_NOT_A_NAME = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July"
    r"|August|September|October|November|December|The|This|That|Then|Now)\b"
)
_NAME_SPLIT = re.compile(_JOIN)
_AUTHOR_SPLIT = re.compile(rf"{_JOIN}|\s*;\s*")  # `;`: how the `author` field joins the names it holds


def split_names(author: str) -> list[str]:
    """The names an `author` field holds: `Jane Doe, Li Wei and Ann Lee`, `A; B` (also `und`, `et`, `y`, `&`)."""
    return [name for name in _AUTHOR_SPLIT.split(author) if name]


class Credits:
    """The byline rules of one set of rule files, compiled: what the `byline` filter asks."""

    def __init__(self, files: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> None:
        agencies = rules_for("byline", "agency", files, disabled)
        intros = rules_for("byline", "intro", files, disabled)
        agency = rf"(?:The\s+)?{either(agencies)}"
        credits = rules_for("byline", "credit", files, disabled)
        credit = rf"(?:{either(credits)}\s*:?\s*|[©—–-]\s*)"
        self.credit = re.compile(rf"^{credit}", re.I)
        staff = r"(?:\s+(?:Staff(?:\s+Writer)?|Wire|Reporters?))?\.?"  # `Reuters Staff`, `AP Wire`
        lines = [(rule.id, rf"{credit}?(?:The\s+)?(?:{rule.pattern}){staff}") for rule in agencies]
        self.agency_lines = RuleSet(lines, re.I)
        self.agency = re.compile(agency, re.I)
        self.intros = [(rule.id, re.compile(rule.pattern)) for rule in intros]
        self.byline = re.compile(
            rf"{either(intros)}\s*:?\s+"
            rf"(?P<names>{_NAME}(?:{_JOIN}{_NAME}){{0,3}})"
            rf"(?:\s*(?:,|\||/|[-–—]|\bfor\b)\s*(?P<agency>{agency}|{_NAME}))?\.?"
        )
        # how every byline or credit line can start (derived from the patterns): a cheap test before the regexes
        self.openings = RuleSet([*self.agency_lines.rules, ("byline", self.byline.pattern)], re.I)

    def author(self, text: str) -> tuple[str, str] | None:
        """The author named by a byline or credit line (`By Jane Doe, Reuters` -> `Jane Doe`) and the id of
        the rule that names the line, else None."""
        stripped = text.strip()
        if len(stripped) > 120 or not self.openings.could_match(stripped):
            return None
        agency = self.agency_lines.match(stripped)
        if agency:
            return self.credit.sub("", stripped).rstrip("."), agency
        match = self.byline.fullmatch(stripped)
        if not match or _NOT_A_NAME.search(match["names"]):
            return None
        names = [name for name in _NAME_SPLIT.split(match["names"]) if name]
        while len(names) > 1 and self.agency.fullmatch(names[-1]):  # `Jane Doe, Reuters`: the agency is no author
            names.pop()
        return "; ".join(names), next(rule_id for rule_id, intro in self.intros if intro.match(stripped))


@cache
def credits(files: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> Credits:
    """The compiled byline rules of the built-in files plus `files`, less `disabled` (once per process)."""
    return Credits(files, disabled)


class Bylines(Filter):
    """A byline or wire-agency credit line; the name goes to `author`.

    Removes: `Associated Press`, `By Jane Doe`, `By Jane Doe, Reuters`
    """

    name = "byline"
    description = "Byline and agency credit lines (moved to the `author` field)."

    def __init__(self, rules: Sequence[str] = (), disabled_rules: Sequence[str] = ()) -> None:
        self.rules = tuple(rules)  # more rule files (`--rules`), after the built-in ones
        self.disabled_rules = tuple(disabled_rules)  # rule ids turned off (`--disable-rule`)

    def apply(self, doc: Document) -> None:
        compiled = credits(self.rules, self.disabled_rules)
        found = compiled.author
        for i in compiled.openings.candidates(doc, STRIPPED):  # the lines that start like one, found in C
            author = found(doc.lines[i].text)
            if author:
                doc.set_meta("author", author[0])
                doc.remove(i, self.name, f"byline moved to author [{author[1]}]")


_DATELINE = re.compile(
    r"(?P<dateline>[A-Z][A-Z'’.]+(?:[ -][A-Z][A-Z'’.]+){0,3}"  # WASHINGTON, NEW YORK, RIO DE JANEIRO
    r"(?:,\s*[A-Z][\w.'’]*(?:\s+[\w.'’]+){0,2}){0,2}"  # , Calif. / , June 5
    r"(?:\s*\([A-Z][\w .&'’-]{0,30}\))?)"  # (AP), (Reuters), (CNN)
    r"\s*(?:[–—]|--?)\s+(?=\S)"
)


class Datelines(Filter):
    """The dateline that opens a story is recorded as `dateline`; the sentence itself stays.

    Records: `WASHINGTON (AP)` from `WASHINGTON (AP) – U.S. Secretary of State Antony Blinken will travel…`
    """

    name = "dateline"
    description = "Record the opening dateline (`WASHINGTON (AP) –`) as `dateline`; the text is kept."
    paragraphs = 3  # only the first paragraphs of the body can open with a dateline

    def apply(self, doc: Document) -> None:
        seen: set[int] = set()
        for i in doc.live():
            line = doc.lines[i]
            if line.para in seen:
                continue
            seen.add(line.para)
            if len(seen) > self.paragraphs:
                return
            match = _DATELINE.match(line.text[:160])
            if match:
                doc.set_meta("dateline", match["dateline"])
                return
