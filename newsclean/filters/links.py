"""Paragraphs of a page that are only a link: other stories' headlines set between the article's paragraphs."""

from __future__ import annotations

from newsclean.document import Document
from newsclean.filters.base import Filter


class LinkParagraphs(Filter):
    """In a page, a paragraph (four words or more, not a sentence) whose whole text is a link to elsewhere:
    the page told it, so the text needs no rule (`extract.link_paragraphs`). Lists of links are `related`'s.

    Removes: `GOV. MURPHY $55.9B BUDGET FEATURES SPENDING HIKES, NEW BUSINESS TAXES` between two paragraphs
    """

    name = "link-paragraph"
    description = "HTML pages: a paragraph that is only a link to another page (another story's headline)."

    def apply(self, doc: Document) -> None:
        if not doc.links:
            return
        title = " ".join((doc.title or "").split()).casefold()
        for i in doc.live():
            text = " ".join(doc.lines[i].text.split()).removeprefix("- ").casefold()
            if text in doc.links and text != title:  # the headline repeated is the title filter's
                doc.remove(i, self.name, "a paragraph that is only a link")
