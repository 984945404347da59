"""Author notes: the line about the article's author at its top or end (a bio, `… contributed reporting`)."""

from __future__ import annotations

from newsclean.document import Document
from newsclean.filters.base import Filter
from newsclean.filters.byline import split_names


class AuthorNotes(Filter):
    """A line among the first or the last lines of the article that starts with the full name of one of its
    authors (as the page or a byline gave it in `author`): in any language, an article does not open or close
    on its own author; notes about the author do. Names of one word (a site, an agency) are not enough.

    Removes: `Timothy Nerozzi is a writer for Fox News Digital. You can follow him on Twitter …` at the end
    """

    name = "author-note"
    description = "A line at the top or end of the article that starts with its author's name (a bio, a credit)."

    def __init__(self, head: int = 1, tail: int = 3) -> None:
        self.head = head  # lines at the top of the body that may be a note ...
        self.tail = tail  # ... and at its end

    def apply(self, doc: Document) -> None:
        names = _names(doc.meta.get("author", ""), doc.meta.get("sitename", ""))
        if not names:
            return
        live = [i for i in doc.live() if i != doc.title_line]
        if len(live) <= self.head + self.tail:
            return
        # From each edge inwards until `head` (`tail`) lines are kept: a second run sees the same edges.
        for edge, count in ((live, self.head), (live[::-1], self.tail)):
            kept = 0
            for i in edge:
                if kept == count or doc.lines[i].removed_by is not None:
                    break
                if any(_opens_with(doc.lines[i].text.lstrip("-–— "), name) for name in names):
                    doc.remove(i, self.name, "starts with the author's name")
                else:
                    kept += 1


def _opens_with(text: str, name: str) -> bool:
    """`Jane Doe is a writer …`, `Jane Doe contributed …`; not `Jane Does …`, nor `Jane Doe: …` (an interview's
    question, the article's own)."""
    if not text.startswith(name):
        return False
    rest = text[len(name) :]
    return not rest[:1].isalnum() and not rest.lstrip().startswith(":")


def _names(author: str, sitename: str) -> tuple[str, ...]:
    """The full names in an `author` field (`Jane Doe, Li Wei and Ann Lee`): two words or more, not the site."""
    names = (" ".join(part.split()) for part in split_names(author))
    return tuple(name for name in names if name.count(" ") >= 1 and name.casefold() != sitename.casefold())
