"""Bylines, agency credits and datelines: who wrote it and where it was filed."""

from __future__ import annotations

import re

from newsclean.document import Document
from newsclean.filters.base import Filter

# Wire services and newsroom credits that stand alone on a line under a headline.
_AGENCY = (
    r"(?:The\s+)?(?:Associated\s+Press|AP|Reuters|AFP|Agence\s+France[- ]Presse|Bloomberg(?:\s+News)?|dpa"
    r"|Press\s+Association|PA(?:\s+Media)?|UPI|Xinhua|ANI|PTI|IANS|EFE|ANSA|Kyodo(?:\s+News)?|Yonhap|TASS"
    r"|Canadian\s+Press|AAP|CNN\s+Wire|Staff(?:\s+and\s+agencies)?|Agencies|Wire\s+services)"
)
_AGENCY_LINE = re.compile(
    rf"(?:(?:By|From|Source|Credit)\s*:?\s*|[©—–-]\s*)?{_AGENCY}(?:\s+(?:Staff(?:\s+Writer)?|Wire|Reporters?))?\.?",
    re.I,
)
_PARTICLE = r"(?:de|del|der|den|van|von|da|di|du|la|le|bin|al|el|y)"
_CAP = r"[A-Z][\w'’.-]*"
_NAME = rf"{_CAP}(?:\s+(?:{_PARTICLE}\s+)?{_CAP}){{0,3}}"
_BYLINE = re.compile(
    rf"(?:By|BY|Written\s+by|Words\s+by|Posted\s+by|Author:?|Von|Par|Por|Di|Door)\s*:?\s+"
    rf"(?P<names>{_NAME}(?:\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b)\s*{_NAME}){{0,3}})"
    rf"(?:\s*(?:,|\||/|[-–—]|\bfor\b)\s*(?P<agency>{_AGENCY}|{_NAME}))?\.?"
)
_NOT_A_NAME = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|June|July"
    r"|August|September|October|November|December|The|This|That|Then|Now)\b"
)
_AGENCY_RE = re.compile(_AGENCY, re.I)
# How every byline or credit line starts: a cheap test before the regexes.
_FIRST_WORDS = frozenset(
    [
        "by",
        "written",
        "words",
        "posted",
        "author",
        "von",
        "par",
        "por",
        "di",
        "door",
        "from",
        "source",
        "credit",
        "©",
        "—",
        "–",
        "-",
        "the",
        "associated",
        "ap",
        "reuters",
        "afp",
        "agence",
        "bloomberg",
        "dpa",
        "press",
        "pa",
        "upi",
        "xinhua",
        "ani",
        "pti",
        "ians",
        "efe",
        "ansa",
        "kyodo",
        "yonhap",
        "tass",
        "canadian",
        "aap",
        "cnn",
        "staff",
        "agencies",
        "wire",
    ]
)
_NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&|\bund\b|\bet\b|\by\b)\s*")


def byline_author(text: str) -> str | None:
    """The author named by a byline or credit line (`By Jane Doe, Reuters` -> `Jane Doe`), else None."""
    stripped = text.strip()
    if len(stripped) > 120 or stripped.split(None, 1)[0].lower().rstrip(":") not in _FIRST_WORDS:
        return None
    if _AGENCY_LINE.fullmatch(stripped):
        return re.sub(r"^(?:By|From|Source|Credit)\s*:?\s*|^[©—–-]\s*", "", stripped, flags=re.I).rstrip(".")
    match = _BYLINE.fullmatch(stripped)
    if not match or _NOT_A_NAME.search(match["names"]):
        return None
    names = [name for name in _NAME_SPLIT.split(match["names"]) if name]
    while len(names) > 1 and _AGENCY_RE.fullmatch(names[-1]):  # `Jane Doe, Reuters`: the agency is no author
        names.pop()
    return "; ".join(names)


class Bylines(Filter):
    """A byline or wire-agency credit line; the name goes to `author`.

    Removes: `Associated Press`, `By Jane Doe`, `By Jane Doe, Reuters`
    """

    name = "byline"
    description = "Byline and agency credit lines (moved to the `author` field)."

    def apply(self, doc: Document) -> None:
        for i in doc.live():
            author = byline_author(doc.lines[i].text)
            if author:
                doc.set_meta("author", author)
                doc.remove(i, self.name, "byline moved to author")


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
