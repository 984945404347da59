"""HTML -> article text and metadata: trafilatura for the main content, then the same text filters.

Imported only when a page is HTML: a plain-text run does not pay trafilatura's import time. The page is
parsed once; metadata comes from that tree with a handful of XPath look-ups (trafilatura's own metadata pass
would cost about as much again as the extraction itself).
"""

from __future__ import annotations

import json
import re
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import chain, islice, pairwise
from typing import NamedTuple
from urllib.parse import urlsplit

import trafilatura
from lxml import etree
from lxml.html import HtmlElement
from trafilatura.utils import load_html

from newsclean.filters.features import word_count
from newsclean.filters.marked import marked_form

MIN_TEXT = 50  # characters below which an extraction counts as nearly nothing
FEW_WORDS = 20  # fewer words than this: no article; trafilatura's focus took a box (a slogan, a banner) for it
DEFAULT_TIMEOUT = 20.0  # seconds for one page's extraction


# Metadata, first source that has it wins: structured data a publisher sets on purpose, then generic tags.
# A source is the first element of a tag whose attribute has one of some values, and the attribute read from
# it: one pass over the page's meta, link and time elements finds them all (the twenty XPath searches of the
# whole tree this replaces cost about 4% of an extraction).
class _Source(NamedTuple):
    tag: str  # `*`: any element
    attribute: str  # which attribute picks the element ...
    values: tuple[str, ...]  # ... by having one of these values
    read: str  # the attribute that holds the metadata


# sources the pass below treats specially
_LANG = _Source("html", "", (), "lang")  # the root element's own attribute
_TIME = _Source("time", "", (), "datetime")  # the first <time> with a datetime
_ANY_DATE = _Source("time", "itemprop", ("datePublished",), "datetime")  # the <time> marked as the publication
_AUTHOR_URL = _Source("meta", "property", ("article:author",), "content")  # skipped when a profile URL
# the page's schema.org article in JSON-LD (<script type="application/ld+json">): read in the same pass
_LD_AUTHOR = _Source("script", "", (), "author")
_LD_DATE = _Source("script", "", (), "datePublished")
_LD_PUBLISHER = _Source("script", "", (), "publisher")
_LD_TYPES = frozenset({
    "Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "OpinionNewsArticle", "BlogPosting",
    "LiveBlogPosting", "Report", "ScholarlyArticle", "TechArticle",
})  # fmt: skip
_DATE_NAMES = (
    "article:published_time", "date", "pubdate", "publishdate", "parsely-pub-date", "sailthru.date",
    "DC.date.issued", "dcterms.date", "cXenseParse:recs:publishtime",
)  # fmt: skip

_META_SOURCES: dict[str, tuple[_Source, ...]] = {
    "title": (
        _Source("meta", "property", ("og:title",), "content"),
        _Source("meta", "name", ("twitter:title",), "content"),
    ),
    "author": (
        _LD_AUTHOR,
        _Source("meta", "name", ("author",), "content"),
        _AUTHOR_URL,
        _Source("meta", "name", ("parsely-author",), "content"),
        _Source("meta", "name", ("byl",), "content"),
    ),
    "date": (
        _Source("meta", "property", ("article:published_time",), "content"),
        _Source("meta", "itemprop", ("datePublished",), "content"),
        _LD_DATE,
        _ANY_DATE,
        _Source("meta", "name", _DATE_NAMES, "content"),
        _TIME,
    ),
    "sitename": (
        _Source("meta", "property", ("og:site_name",), "content"),
        _Source("meta", "name", ("application-name",), "content"),
        _LD_PUBLISHER,
    ),
    "url": (_Source("link", "rel", ("canonical",), "href"), _Source("meta", "property", ("og:url",), "content")),
    "description": (
        _Source("meta", "name", ("description",), "content"),
        _Source("meta", "property", ("og:description",), "content"),
    ),
    "language": (_LANG, _Source("meta", "http-equiv", ("content-language",), "content")),
}


def _by_match() -> dict[tuple[str, str, str], list[_Source]]:
    """(tag, attribute, value) -> the sources an element with that attribute value may be the first of."""
    found: dict[tuple[str, str, str], list[_Source]] = {}
    for sources in _META_SOURCES.values():
        for source in sources:
            for value in source.values:
                found.setdefault((source.tag, source.attribute, value), []).append(source)
    return found


_BY_MATCH = _by_match()
_META_TAGS = ("meta", "link", "time", "script")  # the elements metadata is read from
_ATTRIBUTES = {tag: sorted({attribute for t, attribute, _ in _BY_MATCH if t == tag}) for tag in _META_TAGS}

# What a reader never sees, and the elements that start a new line of visible text.
_CODE = ("script", "style", "svg")  # taken out before extraction (see `_drop_code`), but for JSON scripts
_INVISIBLE = (*_CODE, "noscript", "template", "head", "iframe", "object")
_BLOCKS = (
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section", "article",
    "header", "footer", "nav", "aside", "blockquote", "pre", "figure", "figcaption", "dd", "dt", "form", "main",
)  # fmt: skip


@dataclass
class Extraction:
    """What a page gave: article text (one block per line), metadata, the path taken, and warnings."""

    text: str
    meta: dict[str, str] = field(default_factory=dict)
    path: str = "trafilatura"
    warnings: list[str] = field(default_factory=list)
    links: frozenset[str] = frozenset()  # paragraphs that are only a link (see `link_paragraphs`)
    embeds: frozenset[str] = frozenset()  # lines of posts embedded from social networks (see `embedded_posts`)
    widgets: frozenset[str] = frozenset()  # texts only the page's forms, dialogs and notices hold (see `widget_texts`)


class ExtractionTimeout(Exception):
    pass


def extract(
    html: str, *, comments: bool = False, preset: str = "balanced", timeout: float | None = DEFAULT_TIMEOUT
) -> Extraction:
    """Main content and metadata of a page; retried in recall mode when trafilatura finds a few words; falls
    back to trafilatura's baseline, then to the visible text, when extraction fails or finds nearly nothing.
    Never raises on broken HTML."""
    try:
        tree = load_html(html)
    except Exception:  # lxml and trafilatura raise several kinds on hostile markup
        tree = None
    if tree is None:
        return _nothing(Extraction(flat_text(html), path="flat-text"))
    # one pass over the page for the elements metadata is read from, the headlines and the widgets' quick test
    # (from the root: the parser hands back a <div> for some pages, and their <head> is outside it)
    elements = list(tree.getroottree().getroot().iter(*_META_TAGS, *_WIDGET_TAGS, "h1"))
    meta = page_metadata(tree, [element for element in elements if element.tag in _META_TAGS])
    warnings: list[str] = []
    text, path = "", "trafilatura"
    _drop_code(tree)
    try:
        with time_limit(timeout):
            text = _trafilatura(tree, comments, preset)
            if preset == "balanced":
                text, path = _retried_in_recall_mode(tree, comments, text, warnings, timeout)
            if len(text) < MIN_TEXT:
                base = trafilatura.baseline(tree)[1] or ""
                if len(base.strip()) > len(text):
                    text, path = base, "baseline"
        if path.startswith("trafilatura") and text:
            text = with_standfirst(tree, text, [element for element in elements if element.tag == "h1"])
    except ExtractionTimeout:
        warnings.append(f"extraction took over {timeout:g}s; fell back to the visible text")
        text, path = "", "visible-text"
    except (Exception, RecursionError):  # a page trafilatura cannot handle: fall back, do not fail
        warnings.append("extraction failed; fell back to the visible text")
        text, path = "", "visible-text"
    if len(text) < MIN_TEXT:
        visible = visible_text(tree)
        if len(visible.strip()) > len(text.strip()):
            text, path = visible, "visible-text"
    if len(text) < MIN_TEXT:  # lxml keeps 255 levels of nesting: text deeper than that is not in the tree
        flat = flat_text(html)
        if len(flat.strip()) > len(text.strip()):
            text, path = flat, "flat-text"
    links, embeds = link_paragraphs(tree, meta.get("hostname", "")), embedded_posts(tree)
    widgets = widget_texts(tree, text, [element for element in elements if element.tag in _WIDGET_TAGS])
    return _nothing(Extraction(text, meta, path, warnings, links, embeds, widgets))


# Paragraphs with a link whose every non-blank text is inside a link: found in C, without a Python object for
# each element of the page on the way.
_ALL_LINK = etree.XPath(
    "//p[.//a][not(.//text()[normalize-space()][not(ancestor::a)])]"
    "[not(ancestor::aside or ancestor::nav or ancestor::footer or ancestor::header)]"  # boxes are not between
)


# The standfirst: the paragraph between the headline and the body that sums the story up. Extractors take the
# page's body and often leave it out, as it sits in the article's header. Told by the names pages give it.
_LEAD_NAMES = frozenset({
    "lead", "lede", "intro", "introduction", "standfirst", "dek", "deck", "summary", "excerpt", "teaser",
    "abstract", "preface", "subtitle", "subheadline", "strapline", "description", "keypoints", "takeaways",
})  # fmt: skip
_LEAD_HINT = re.compile("|".join([*sorted(_LEAD_NAMES), "key.points"]))  # on the lowercased class
_NOT_LEAD = frozenset({
    "img", "image", "photo", "caption", "credit", "media", "video", "gallery", "carousel", "slide", "related",
    "promo", "author", "bio", "tag", "tags", "site", "newsletter", "cookie", "share", "logo", "brand",
})  # fmt: skip
_TOP_ITEMS = etree.XPath("./descendant::li[not(ancestor::li)]")  # a nested list is inside its item
_REACH = 150  # elements after the headline looked at, for the standfirst and the text's first paragraph
_CLASS_WORDS = re.compile(r"[\s_-]+|(?<=[a-z])(?=[A-Z])")  # `article__lead`, `ContentHeaderDek-x` -> words
_OUTSIDE = frozenset({"nav", "aside", "footer", "figure", "li", "a", "form"})
_LEAD_TAGS = frozenset({"p", "div", "h2", "span", "section"})


def with_standfirst(tree: HtmlElement, text: str, headlines: list[HtmlElement] | None = None) -> str:
    """The extraction `text` opened by the page's standfirst when it left that out: among the elements that
    follow the headline, the first named like a lead (`article__lead`, `e-standfirst`, `dek`, a list of
    `KeyPoints`) with 8-200 words sharing a word with the headline or the first paragraph, few links, no picture,
    visible, not in a menu, figure or list, and standing before the text's first paragraph. After the headline
    when the text opens with it. `headlines`: the page's h1 elements, when the caller has them."""
    h1s = tree.iter("h1") if headlines is None else headlines
    headline = next((h1 for h1 in islice(h1s, 5) if _headline(h1)), None)
    if headline is None:
        return text
    title = _text_of(headline)
    lines = text.split("\n")
    opening = next((" ".join(line.split()) for line in lines if line.count(" ") >= 4 and line.strip() != title), "")
    first = opening[:40]
    if not first:
        return text
    joined = ""
    topic = _words(f"{title} {opening}")
    lead = None
    for element in islice(_following(headline), _REACH):
        if element.tag == "p" and first in _text_of(element):
            break  # the article's first paragraph: a lead must come before it
        if lead is not None or not isinstance(element.tag, str):
            continue
        names = element.get("class")
        if names is None or element.tag not in _LEAD_TAGS or not _LEAD_HINT.search(names.lower()):
            continue  # the quick test, before the class is split into words
        split = [word.lower() for word in _CLASS_WORDS.split(names) if word]
        words = {*split, *map("".join, pairwise(split))}  # `key-points`, `KeyPoints`: `keypoints`
        if not words & _LEAD_NAMES or words & _NOT_LEAD or element.find(".//img") is not None:
            continue
        if _hidden(element) or any(a.tag in _OUTSIDE or _hidden(a) for a in element.iterancestors()):
            continue
        if any(first in _text_of(p) for p in element.iter("p")):
            break  # a box around the article's first paragraph, not a lead before it
        items = [_text_of(item) for item in _TOP_ITEMS(element)]  # a list of key points
        found = "\n".join(item for item in items if item) or _text_of(element)
        joined = joined or " ".join(text.split())
        if found.split("\n", 1)[0] in joined:
            return text  # the extraction has it
        linked = sum(len(_text_of(link)) for link in element.iter("a"))
        if 8 <= found.count(" ") + 1 <= 200 and linked <= 0.2 * len(found) and _words(found) & topic:
            lead = found
    if lead is None:
        return text
    at = 1 if lines and lines[0].strip() == title else 0  # after the headline when the text keeps it
    return "\n".join([*lines[:at], lead, *lines[at:]])


def _headline(h1: HtmlElement) -> bool:
    """An h1 that is the article's headline, not the site's logo or a link."""
    names = (h1.get("class") or "").lower()
    return not any(word in names for word in ("logo", "brand", "site")) and not any(
        a.tag in ("a", "nav") for a in h1.iterancestors()
    )


def _hidden(element: HtmlElement) -> bool:
    style = (element.get("style") or "").replace(" ", "").lower()
    return element.get("hidden") is not None or element.get("aria-hidden") == "true" or "display:none" in style


def _text_of(element: HtmlElement) -> str:
    """An element's text as a reader sees it in one line: spaces collapsed."""
    return " ".join(element.text_content().split())


def _words(text: str) -> set[str]:
    """The words of four letters or more, casefolded: what a standfirst shares with its story."""
    return {word for word in text.casefold().split() if len(word) >= 4 and word.isalpha()}


def _following(element: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after `element` in document order (its own descendants not included)."""
    while element is not None:
        for sibling in element.itersiblings():
            yield from sibling.iter()
        element = element.getparent()


# Posts embedded from social networks: the blockquote their embed code puts in the page before the script
# that draws them.
_EMBEDS = etree.XPath(
    "//blockquote[contains(@class, 'twitter-tweet') or contains(@class, 'instagram-media')"
    " or contains(@class, 'tiktok-embed') or contains(@class, 'twitter-video') or contains(@class, 'threads-post')]"
)


def embedded_posts(tree: HtmlElement) -> frozenset[str]:
    """The casefolded lines of the posts a page embeds (a tweet's text and its `— Name (@handle) date` line):
    what an extractor keeps of them as paragraphs of the article."""
    found = set()
    for post in _EMBEDS(tree):
        whole = _text_of(post)
        for paragraph in post.iter("p"):
            text = _text_of(paragraph)
            if text:
                found.add(text.casefold())
                whole = whole.replace(text, "", 1)
        if whole.strip():
            found.add(" ".join(whole.split()).casefold())  # the signature line after the text
    return frozenset(found)


# Widgets: forms, buttons, dialogs, cookie notices and newsletter boxes. Extractors drop most of them, but not
# when their fallback takes a page's whole body; their class or id names them in the markup, in any language.
_NOTICES = ("cookie", "consent", "gdpr")  # a class word starting so names a notice (`cookiebar`, `consentBox`)
_WIDGET_HINTS = (*_NOTICES, "modal", "popup", "newsletter", "subscribe")
_WIDGET_TAGS = ("form", "button", "dialog")
# found in C (the hints less their first letter: `CookieBox` and `cookie-bar` both hold `ookie`); the names of
# the elements found are split into words in Python
_WIDGET_NAMED = " or ".join(
    f"contains(@{attribute}, '{hint[1:]}')" for attribute in ("class", "id") for hint in (*_WIDGET_HINTS, "GDPR")
)
_WIDGETS = etree.XPath(
    f"/descendant::*[{' or '.join(f'self::{tag}' for tag in _WIDGET_TAGS)} or @role='dialog' or @aria-modal='true'"
    f" or ((self::div or self::section or self::aside or self::p or self::ul) and ({_WIDGET_NAMED}))]"
)
_TAXONOMY = ("tag-", "category-")  # classes naming a post's tags (WordPress's `tag-cookies`): not what it is
_TEXT_HINTS = ("cookie", "newsletter")  # an extraction holding these (loanwords in most languages) is searched
_PROSE_WORDS = 25  # words in one paragraph that make a form or dialog hold prose, not labels and promises
_NOTICE_WORDS = 80  # ... and a notice (cookie notices explain at length)
_ARTICLE = etree.XPath(
    "boolean(descendant-or-self::*[self::h1 or self::article or self::main or @itemprop='articleBody'])"
)


def widget_texts(tree: HtmlElement, text: str, tagged: list[HtmlElement] | None = None) -> frozenset[str]:
    """The casefolded texts of the elements inside the page's widgets that occur nowhere else in the page (a
    sign-up form's button and promise, a cookie notice), when the extraction `text` may hold some (see
    `_may_hold_widgets`; `tagged`: the page's form, button and dialog elements, when the caller has them).
    What a widget is: see `_widget`. The widgets found, and what no reader sees (scripts, styles), are taken out
    of the tree: call this after the extraction."""
    body = tree.find("body") if tree.tag != "body" else tree
    if body is None or not _may_hold_widgets(list(tree.iter(*_WIDGET_TAGS)) if tagged is None else tagged, text):
        return frozenset()
    etree.strip_elements(body, *_INVISIBLE, with_tail=False)  # what no reader sees is no part of its text
    page = len(_text_of(body))
    roots: list[HtmlElement] = []
    for element in _WIDGETS(tree):
        if roots and roots[-1] in element.iterancestors():
            continue  # inside the widget taken last (elements come in document order)
        if _widget(element, page):
            roots.append(element)
    found: set[str] = set()
    for root in roots:
        parts = (_text_of(element) for element in root.iter() if isinstance(element.tag, str))
        found.update(part.casefold() for part in parts if part)
        root.drop_tree()  # its tail stays: the text after it is the page's
    if not found:
        return frozenset()
    rest = _text_of(body).casefold()
    return frozenset(part for part in found if part not in rest)


def _widget(element: HtmlElement, page: int) -> bool:
    """Whether an element `_WIDGETS` found is one: a form, button or dialog, or a box whose class or id has the
    word modal, popup, newsletter or subscribe (not `subscriber-content`), or a word starting with cookie,
    consent or gdpr (not a post's `tag-cookies`). None holds the headline or the article element, or half the
    page's text (a page-wide `<form>`), or a paragraph of prose (a shop's product text; a cookie notice may say
    more); an accordion's button and a lightbox (a dialog with a picture's caption) are the article's."""
    names = " ".join(
        name for name in f"{element.get('class') or ''} {element.get('id') or ''}".split()
        if not name.startswith(_TAXONOMY)
    )  # fmt: skip
    words = [word.lower() for word in _CLASS_WORDS.split(names) if word]  # `BorlabsCookie`: borlabs, cookie
    notice = any(word.startswith(_NOTICES) for word in words)
    if not (notice or element.tag in _WIDGET_TAGS or _dialog(element) or any(w in _WIDGET_HINTS for w in words)):
        return False
    if element.tag == "button" and (element.get("aria-expanded") or element.get("aria-controls")):
        return False
    if _ARTICLE(element) or len(_text_of(element)) * 2 > page:
        return False
    if element.find(".//figcaption") is not None:
        return False
    limit = _NOTICE_WORDS if notice else _PROSE_WORDS
    runs = chain(element.itertext(), (p.text_content() for p in element.iter("p")))
    return not any(len(run.split()) >= limit for run in runs)


def _may_hold_widgets(tagged: list[HtmlElement], text: str) -> bool:
    """Whether the extraction holds a button's or dialog's text as a line, a form's whole text, or speaks of
    cookies or a newsletter: trafilatura's own path drops forms and buttons (and most boxes named cookie,
    newsletter, modal), its fallbacks keep the page's whole body. The quick test (elements found in C; a set
    look-up or a substring search each) before the search for every widget, an XPath over the whole page that
    costs more."""
    words = " ".join(text.split()).casefold()
    if any(hint in words for hint in _TEXT_HINTS):
        return True
    lines: set[str] | None = None
    for element in tagged:
        found = _text_of(element).casefold()
        if not found:
            continue
        if element.tag != "form":
            if lines is None:  # each line as the widget filter sees it
                lines = set(map(marked_form, text.split("\n")))
            if found in lines:
                return True
        elif len(found) >= 20 and found in words:
            return True
    return False


def _dialog(element: HtmlElement) -> bool:
    return element.get("role") == "dialog" or element.get("aria-modal") == "true"


def link_paragraphs(tree: HtmlElement, host: str = "") -> frozenset[str]:
    """The casefolded text of each paragraph of four to fourteen words, no sentence, that is all link to another
    page of the same site (`host`; relative links where it is unknown), outside the page's boxes: the headline
    of another story set between an article's paragraphs (`READ MORE: …`, an all-caps teaser), which extractors
    keep as a paragraph of the article. A link to another site is the article's source, and stays."""
    found = set()
    site = host.casefold().removeprefix("www.")
    for paragraph in _ALL_LINK(tree):
        text = _text_of(paragraph)
        words = text.count(" ") + 1
        if 4 <= words < 15 and not text.endswith(".") and all(_same_site(a, site) for a in paragraph.iter("a")):
            found.add(text.casefold())
    return frozenset(found)


def _same_site(link: HtmlElement, site: str) -> bool:
    """Whether a link leads to a page of the site (`site`: its host without `www.`), not to an anchor."""
    href = (link.get("href") or "").strip()
    if not href or href.startswith("#"):
        return False
    target = urlsplit(href)
    if not target.netloc:
        return not target.scheme  # relative: this site (`javascript:`, `mailto:` are not pages)
    return bool(site) and (target.hostname or "").removeprefix("www.") == site


def _trafilatura(tree: HtmlElement, comments: bool, preset: str) -> str:
    return (
        trafilatura.extract(
            tree,
            include_comments=comments,
            favor_precision=preset == "precision",
            favor_recall=preset == "recall",
            include_tables=True,
            with_metadata=False,
        )
        or ""
    )


def _drop_code(tree: HtmlElement) -> None:
    """Take the page's code and drawings out of the tree, all but its structured data (scripts whose type names
    JSON: trafilatura's baseline reads JSON-LD; the metadata has been read by then): trafilatura copies the
    tree several times for one page and each copy throws them away (4% of the extraction's time on the
    development pages, their output unchanged). What follows sees the page as a reader does: a paragraph
    whose only text outside its links was a script counts as all link."""
    code = [element for element in tree.iter(*_CODE) if "json" not in element.get("type", "").lower()]
    for element in code:
        if element.getparent() is not None:
            element.drop_tree()  # the text after it stays


def _retried_in_recall_mode(
    tree: HtmlElement, comments: bool, text: str, warnings: list[str], timeout: float | None
) -> tuple[str, str]:
    """When the default focus found a few words (`FEW_WORDS`), recall mode weighs more of the page, and the
    text with more words wins. Out of time in the retry, the first text stays (the page's time limit covers
    both). Returns the text and its path."""
    words = word_count(text)
    if words >= FEW_WORDS:
        return text, "trafilatura"
    try:
        generous = _trafilatura(tree, comments, "recall")
    except ExtractionTimeout:
        warnings.append(f"extraction's retry in recall mode took over {timeout:g}s; kept the first extraction")
        return text, "trafilatura"
    return (generous, "trafilatura-recall") if word_count(generous) > words else (text, "trafilatura")


def _nothing(result: Extraction) -> Extraction:
    if not result.text.strip():
        result.warnings.append("no article text found in the page")
    return result


def page_metadata(tree: HtmlElement, elements: list[HtmlElement] | None = None) -> dict[str, str]:
    """Title, author, date, site name, canonical URL, host, description and language of a parsed page
    (`elements`: its meta, link, time and script elements, when the caller has them)."""
    tree = tree.getroottree().getroot()  # the parser hands back a <div> for some pages: look from the root
    first = _first_of_sources(tree, tree.iter(*_META_TAGS) if elements is None else elements)
    meta: dict[str, str] = {}
    for key, sources in _META_SOURCES.items():
        for source in sources:
            value = " ".join(first.get(source, "").split())
            if value:
                meta[key] = value
                break
    if "title" not in meta:  # the page's <title>, else the text of its h1 headings
        title = _head_title(tree)
        if title is None or not title.split():  # an empty <title>: the h1 headings
            title = " ".join(part for h1 in tree.iter("h1") if not _in_h1(h1) for part in h1.itertext())
        if title.split():
            meta["title"] = " ".join(title.split())
    if meta.get("url", "").startswith(("http://", "https://")):
        meta["hostname"] = urlsplit(meta["url"]).hostname or ""
    else:
        meta.pop("url", None)
    if "date" in meta:
        meta["date"] = iso_date(meta["date"])
    elif meta.get("url") and (day := url_date(meta["url"])):
        meta["date"] = day
    return meta


# Dates in machine formats other than ISO 8601's extended one: `20180619T055000+0900`, `2018/06/18`.
_COMPACT_DATE = re.compile(
    r"(\d{4})/?(0[1-9]|1[0-2])/?(0[1-9]|[12]\d|3[01])(?:T(\d{2}):?(\d{2}):?(\d{2})?)?(Z|[+-]\d{2}:?\d{2})?"
)
# A publication day in a URL's path: `/2023/11/17/`, `/2023-11/17/`, `/2023-11-17/`, `/20231117/`.
_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[/_.-])")


def iso_date(value: str) -> str:
    """A machine-written date in ISO 8601's extended form (`2018-06-19T05:50:00+09:00`); any other as it is."""
    found = _COMPACT_DATE.fullmatch(value)
    if not found or "-" in value[:8]:
        return value
    year, month, day, hour, minute, second, zone = found.groups()
    text = f"{year}-{month}-{day}"
    if hour:
        text += f"T{hour}:{minute}:{second or '00'}"
        if zone:
            text += zone if zone == "Z" or ":" in zone else f"{zone[:3]}:{zone[3:]}"
    return text


def url_date(url: str) -> str | None:
    """The day a URL's path names (`https://x.com/2023/11/17/story`), as YYYY-MM-DD, or None."""
    found = _URL_DATE.search(urlsplit(url).path)
    return "-".join(found.groups()) if found else None


def _first_of_sources(tree: HtmlElement, elements: Iterable[HtmlElement]) -> dict[_Source, str]:
    """The value each source's first element gives, in one pass over the meta, link, time and script elements."""
    first: dict[_Source, str] = {}
    if tree.tag == "html" and tree.get("lang") is not None:
        first[_LANG] = tree.get("lang", "")
    article_seen = False  # the first schema.org article in the page's JSON-LD scripts is the page's
    for element in elements:
        if element.tag == "script":
            if not article_seen and "ld+json" in (element.get("type") or "").lower():
                found = _json_ld(element.text or "")
                article_seen = found is not None
                first.update(found or {})
            continue
        if element.tag == "time" and _TIME not in first and element.get("datetime") is not None:
            first[_TIME] = element.get("datetime", "")  # and below: the one marked `datePublished`
        for attribute in _ATTRIBUTES.get(element.tag, ()):
            value = element.get(attribute)
            for source in _BY_MATCH.get((element.tag, attribute, value), ()) if value else ():
                found = element.get(source.read)
                if source in first or found is None or (source is _AUTHOR_URL and found.startswith("http")):
                    continue
                first[source] = found
    return first


def _json_ld(text: str) -> dict[_Source, str] | None:
    """Author, publication date and publisher of the first schema.org article in a JSON-LD script; None when
    the script holds no article (or is not JSON)."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return None
    nodes: list[dict[str, object]] = []  # every object of the script, for `@id` references (Yoast's graph)
    todo, seen = [data], 0
    while todo and seen < 200:  # a page's graph of a few dozen objects; never walk a hostile one for long
        item = todo.pop(0)
        seen += 1
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            nodes.append(item)
            todo.extend(value for value in item.values() if isinstance(value, (list, dict)))
    by_id = {node["@id"]: node for node in nodes if isinstance(node.get("@id"), str) and "name" in node}
    for item in nodes:
        kinds = item.get("@type")
        kinds = {kind for kind in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(kind, str)}
        if kinds & _LD_TYPES:
            found = {
                _LD_AUTHOR: _names(item.get("author"), by_id),
                _LD_PUBLISHER: _names(item.get("publisher"), by_id),
                _LD_DATE: item["datePublished"] if isinstance(item.get("datePublished"), str) else "",
            }
            return {source: value for source, value in found.items() if value}
    return None


def _names(value: object, by_id: dict[str, dict[str, object]]) -> str:
    """The names of a JSON-LD person, organisation or list of them, joined by `, `; a reference
    (`{"@id": "…#/schema/person/…"}`) is the graph's object of that id."""
    items = [_resolved(item, by_id) for item in (value if isinstance(value, list) else [value])[:20]]
    names = (item.get("name") if isinstance(item, dict) else item for item in items)
    clean = (" ".join(name.split()) for name in names if isinstance(name, str) and name.strip())
    return ", ".join(dict.fromkeys(clean))  # each once, in order


def _resolved(item: object, by_id: dict[str, dict[str, object]]) -> object:
    """A JSON-LD reference replaced by the object it names."""
    if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
        return by_id.get(item["@id"], item)
    return item


def _head_title(tree: HtmlElement) -> str | None:
    """The first text of a <title> in the page's <head>."""
    for title in tree.iter("title"):
        parent = title.getparent()
        if title.text is not None and parent is not None and parent.tag == "head":
            return title.text
    return None


def _in_h1(element: HtmlElement) -> bool:
    """Inside another h1 (its text is already that one's)."""
    return any(True for _ in element.iterancestors("h1"))


def visible_text(tree: HtmlElement) -> str:
    """The text a reader sees, one block element per line (no recursion: deep pages are fine)."""
    tree = _copy(tree)
    etree.strip_elements(tree, *_INVISIBLE, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    for element in tree.iter(*_BLOCKS):
        element.tail = "\n" + (element.tail or "")
        if element.text:
            element.text = "\n" + element.text
    lines = (" ".join(line.split()) for line in "".join(tree.itertext()).split("\n"))
    return "\n".join(line for line in lines if line)


class _TextScanner(HTMLParser):
    """Visible text from a stream of tags: no tree, so no limit on nesting."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # inside script, style, …

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _INVISIBLE:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _INVISIBLE:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def flat_text(html: str) -> str:
    """The visible text of a page by a streaming scan of its tags, one block element per line: the last
    resort for a page whose tree lost its text (10,000 nested elements) or could not be built."""
    scanner = _TextScanner()
    try:
        scanner.feed(html)
        scanner.close()
    except Exception:  # html.parser is lenient; whatever it raises, keep what was read so far
        pass
    lines = (" ".join(line.split()) for line in "".join(scanner.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _copy(tree: HtmlElement) -> HtmlElement:
    from copy import deepcopy

    return deepcopy(tree)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ExtractionTimeout after `seconds` (SIGALRM: in a main thread on POSIX; no limit elsewhere)."""
    usable = seconds and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise ExtractionTimeout

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
