"""The title: the first line when it is shaped like one, its site-name suffix, and its repeats in the body."""

from __future__ import annotations

import re

from newsclean.document import Document, Edit
from newsclean.filters.base import Filter
from newsclean.filters.features import normalize, word_count

_SEPARATOR = re.compile(r"\s+(\||–|—|--|-|::|»|·)\s+")
_DOMAIN = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}", re.I)
_PUNCTUATION = "\"'“”‘’«»()[]¿¡.,:;!?–—-|*#"
_MINOR = {
    "of",
    "the",
    "and",
    "&",
    "de",
    "la",
    "le",
    "del",
    "der",
    "die",
    "das",
    "für",
    "on",
    "in",
    "for",
    "at",
}


def is_title_like(text: str) -> bool:
    """A first line that can be a headline: not empty, not a long paragraph."""
    words = word_count(text)
    if not 1 <= words <= 40 or len(text) > 300:
        return False
    return not (text.rstrip().endswith(".") and words > 15)


def _sitename_like(segment: str, separator: str) -> bool:
    """`KXAN Austin`, `ZEIT ONLINE`, `nytimes.com`: a short name, not the tail of a headline.

    After a dash one capitalised word is not enough: BBC titles end in the speaker
    (`Choose hope over fear - Kennedy`).
    """
    if _DOMAIN.fullmatch(segment):
        return True
    words = segment.split()
    if not 1 <= len(words) <= 5 or len(segment) > 40 or segment[-1] in ".!?:,;'\"’”":
        return False
    if not all(w[0].isupper() or w[0].isdigit() or w.lower() in _MINOR for w in words):
        return False
    return separator in ("|", "::", "»", "·") or len(words) >= 2


def split_sitename(title: str) -> tuple[str, str | None]:
    """`Blinken heads to China … – KXAN Austin` -> (`Blinken heads to China …`, `KXAN Austin`).

    Suffixes are cut until none is left (`Story | Section | Site` -> `Story`): cleaning twice changes nothing.
    """
    sitename: str | None = None
    while True:
        last = None
        for last in _SEPARATOR.finditer(title):  # noqa: B007 - the last separator is the one we want
            pass
        if last is None:
            return title, sitename
        head, separator, tail = title[: last.start()], last[1], title[last.end() :]
        if not _sitename_like(tail, separator) or word_count(head) < 3 or len(head) <= len(tail):
            return title, sitename
        title, sitename = head, tail if sitename is None else f"{tail} {separator} {sitename}"


class Title(Filter):
    """The first line, when shaped like a headline, becomes the title; a site-name suffix goes to `sitename`,
    and body lines that repeat the title are dropped.

    Removes: ` – KXAN Austin` from `Blinken heads to China this weekend … – KXAN Austin`
    """

    name = "title"
    description = "First line -> title; split a ` – Site Name` suffix to `sitename`; drop the title repeated."

    def apply(self, doc: Document) -> None:
        live = doc.live()
        if not live:
            return
        number = 0  # line the title came from; 0 when it came with the document (HTML metadata)
        if doc.title is None:
            first = doc.lines[live[0]]
            if not is_title_like(first.text):
                return
            doc.remove(live[0], self.name, "moved to title")
            doc.title, doc.title_line, number = first.text.strip(), live[0], first.number
            live = live[1:]
        forms = {normalize(doc.title)}
        title, sitename = split_sitename(doc.title)
        if sitename:
            doc.set_meta("sitename", sitename)
            doc.edits.append(Edit(self.name, "site name moved to sitename", number, doc.title, title))
            doc.title = title
            forms.add(normalize(title))
        firsts = {form.split(" ", 1)[0] for form in forms}  # a cheap test before normalizing a line
        for i in live:
            text = doc.lines[i].text
            first = text.split(None, 1)[0].casefold() if text.strip() else ""
            if not (first in firsts or first.strip(_PUNCTUATION) in firsts) and not first.isalnum():
                first = normalize(first).split(" ", 1)[0]  # `Ex-Trump …`: the title's form starts `ex`
            if first in firsts and normalize(text) in forms:
                doc.remove(i, self.name, "repeats the title")
