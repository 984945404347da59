"""Site templates: the lines a site prints on many of its pages, learned from the corpus (see templates.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsclean.document import Document
from newsclean.filters.base import Filter

if TYPE_CHECKING:
    from newsclean.templates import Templates


class SiteTemplate(Filter):
    """Lines of the document's site's template: learned in a batch from the site's other stories, or read from a
    templates file (`--templates`). Without templates for the document's site it does nothing.

    Removes: `Sign up for our daily newsletter` on every page of one site (`in 5 of 5 documents (5 stories)
    from example.com`)
    Keeps: a paragraph shared only by two copies of one story (one story, not a template).
    """

    name = "template"
    description = "Lines of the site's own template, learned from its other pages or read from --templates."

    def __init__(self, templates: Templates | None = None) -> None:
        self.templates = templates

    def apply(self, doc: Document) -> None:
        site = self.templates.get(doc.meta.get("site")) if self.templates else None
        if site is None or not site.lines:
            return
        from newsclean.templates import candidate_lines, line_key

        name = doc.meta["site"]
        for i in candidate_lines(doc):
            line = doc.lines[i]
            if line.removed_by is None:
                found = site.lines.get(line_key(line.text))  # type: ignore[arg-type]
                if found is not None:
                    reason = f"in {found.documents} of {site.documents} documents ({found.stories} stories) from {name}"
                    doc.remove(i, self.name, reason)
