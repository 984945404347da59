"""Posts a page embeds from social networks: their text and signature lines, as the page marks them."""

from __future__ import annotations

from newsclean.document import Document
from newsclean.filters.base import Filter


class EmbeddedPosts(Filter):
    """In a page, the lines of an embedded tweet or Instagram post (`extract.embedded_posts`): the page's
    embed code marks them, so no rule is needed. Quoting a post in the article's own words stays. Off by
    default: whether a quoted post is part of the story is the corpus's choice (fundus's publishers differ:
    on by default it took .0019 recall on fundus and .0007 on trafilatura-eval for as much precision).

    Removes: `— Joe Concha (@JoeConchaTV) February 28, 2024` and the tweet's text above it
    """

    name = "embed"
    default = False  # `--enable embed`
    description = "HTML pages: the text and signature lines of embedded social posts (tweets, Instagram posts)."

    def apply(self, doc: Document) -> None:
        if not doc.embeds:
            return
        for i in doc.live():
            if " ".join(doc.lines[i].text.split()).casefold() in doc.embeds:
                doc.remove(i, self.name, "an embedded social post")
