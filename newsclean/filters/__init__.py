"""The filter registry: built-in filters in pipeline order, plus third-party ones from entry points.

A third-party package adds a filter by declaring, in its pyproject.toml:

    [project.entry-points."newsclean.filters"]
    my-filter = "my_package.filters:MyFilter"

Third-party filters are off until named with `--enable my-filter` (or in `[tool.newsclean] enable`).
"""

from __future__ import annotations

from newsclean.filters.author import AuthorNotes
from newsclean.filters.base import Filter, LineFilter, PatternFilter
from newsclean.filters.byline import Bylines, Datelines
from newsclean.filters.custom import UserPatterns
from newsclean.filters.dates import Timestamps
from newsclean.filters.dump import PageDump
from newsclean.filters.footer import Boilerplate, Footer
from newsclean.filters.marked import EmbeddedPosts, LinkParagraphs, Widgets
from newsclean.filters.related import RelatedLinks
from newsclean.filters.repeated import RepeatedLines
from newsclean.filters.template import SiteTemplate
from newsclean.filters.title import Title
from newsclean.filters.tracking import TrackingIds, TrackingParams

ENTRY_POINT_GROUP = "newsclean.filters"

# Order matters: a site's template goes first (it was learned from the lines as read); the tail is cut before
# single lines are judged, and the title is taken from the first line left once ids, timestamps and bylines
# are gone. `dump` judges the page once repeats are gone (as a second run
# would see it: cleaning stays idempotent) and before the dateline is looked for in the article's first line.
BUILTIN: tuple[type[Filter], ...] = (
    SiteTemplate,
    TrackingIds,
    TrackingParams,
    Footer,
    RelatedLinks,
    LinkParagraphs,
    EmbeddedPosts,
    Widgets,
    Boilerplate,
    UserPatterns,
    Timestamps,
    Bylines,
    Title,
    AuthorNotes,
    RepeatedLines,
    PageDump,
    Datelines,
)


def registry(*, plugins: bool = True) -> dict[str, type[Filter]]:
    """Every known filter by name: built-ins first, then those of installed packages."""
    found = {cls.name: cls for cls in BUILTIN}
    if plugins:
        from importlib.metadata import entry_points

        for ep in entry_points(group=ENTRY_POINT_GROUP):
            if ep.name not in found:
                found[ep.name] = ep.load()
    return found


def rule_filters() -> list[str]:
    """The built-in filters whose knowledge is data (newsclean/rules/*.toml): those that take rule files."""
    import inspect

    return [cls.name for cls in BUILTIN if "rules" in inspect.signature(cls).parameters]


__all__ = ["BUILTIN", "ENTRY_POINT_GROUP", "Filter", "LineFilter", "PatternFilter", "registry", "rule_filters"]
