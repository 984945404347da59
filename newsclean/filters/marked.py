"""Lines the page itself marks as not the article's: paragraphs that are all link to another story, posts
embedded from social networks, the text of its forms, dialogs and notices. Found in the HTML at extraction
(`extract.link_paragraphs`, `extract.embedded_posts`, `extract.widget_texts`) as casefolded texts on the
Document; these filters remove the lines that match."""

from __future__ import annotations

from typing import ClassVar

from newsclean.document import Document
from newsclean.filters.base import Filter


def marked_form(text: str) -> str:
    """A line as these filters compare it with the page's marks: spaces collapsed, a list's `- ` dropped,
    casefolded (the marks are casefolded texts of elements)."""
    return " ".join(text.split()).removeprefix("- ").casefold()


class _MarkedLines(Filter):
    """Remove each live line whose text (spaces collapsed, casefolded, a list's `- ` dropped) the page marked in
    the Document's `marks` field; never the headline repeated, which is the title filter's."""

    marks: ClassVar[str]  # the Document field holding the page's marked texts
    reason: ClassVar[str]

    def apply(self, doc: Document) -> None:
        marked: frozenset[str] = getattr(doc, self.marks)
        if not marked:
            return
        title = " ".join((doc.title or "").split()).casefold()
        for i in doc.live():
            text = marked_form(doc.lines[i].text)
            if text in marked and text != title:
                doc.remove(i, self.name, self.reason)


class LinkParagraphs(_MarkedLines):
    """In a page, a paragraph (four words or more, not a sentence) whose whole text is a link to another page of
    the site: the page told it, so the text needs no rule. Lists of links are `related`'s.

    Removes: `GOV. MURPHY $55.9B BUDGET FEATURES SPENDING HIKES, NEW BUSINESS TAXES` between two paragraphs
    """

    name = "link-paragraph"
    description = "HTML pages: a paragraph that is only a link to another page (another story's headline)."
    marks = "links"
    reason = "a paragraph that is only a link"


class EmbeddedPosts(_MarkedLines):
    """In a page, the lines of an embedded tweet or Instagram post: the page's embed code marks them. Quoting a
    post in the article's own words stays. Off by default: whether a quoted post is part of the story is the
    corpus's choice (fundus's publishers differ: on by default it took .0019 recall on fundus and .0007 on
    trafilatura-eval for as much precision).

    Removes: `— Joe Concha (@JoeConchaTV) February 28, 2024` and the tweet's text above it
    """

    name = "embed"
    description = "HTML pages: the text and signature lines of embedded social posts (tweets, Instagram posts)."
    default = False  # `--enable embed`
    marks = "embeds"
    reason = "an embedded social post"


class Widgets(_MarkedLines):
    """In a page, a line that only a form, button, dialog, cookie notice or newsletter box holds (their class or id
    names them: `modal`, `cookie`, `newsletter`, …): the page told it, in any language. A line the article also
    holds stays.

    Removes: `Apstiprināt` (a sign-up form's button), `Informējam, ka LSM portālā tiek izmantotas sīkdatnes …`
    """

    name = "widget"
    description = "HTML pages: lines only the page's forms, buttons, dialogs, cookie and newsletter boxes hold."
    marks = "widgets"
    reason = "text of a form, dialog or notice"
