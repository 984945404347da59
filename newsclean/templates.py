"""Site templates: the lines a site prints on many of its pages (menus, promos, polls, comment policies, legal
notices), learned from the corpus newsclean is given.

No rule written in advance knows a site's own furniture; the site's other pages do. A first pass over the
corpus (`Learner`, a corpus pass) collects, per document, its site and a 64-bit hash of each normalised line
(never the text). Documents of one site that share most of their long lines (a wire story run twice, an
updated version) are one *story*, and a line is the site's template when it occurs in enough different
stories of that site (see `Thresholds`): a line shared only by copies of one story is that story's text. The
`template` filter then removes those lines from every document of the site, with a reason such as
`in 130 of 143 documents (118 stories) from example.com`.

Learned templates are data a person can read: `newsclean templates learn CORPUS -o templates.json` writes each
site's lines with their counts, and `--templates FILE` applies such a file without learning.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from newsclean.corpus import INPUT, CorpusPass
from newsclean.filters.features import normalize, word_count
from newsclean.sources import site_of

if TYPE_CHECKING:
    import numpy as np

    from newsclean.document import Document
    from newsclean.pipeline import Pipeline

FORMAT = "newsclean-templates"  # the key that marks a templates file, and its version
VERSION = 1


@dataclass(frozen=True)
class Thresholds:
    """When a line is a site's template. Tuned on `../shared/bench/fundus` (five pages from each of 16
    publishers) and checked on clean-bbc (2,225 articles from one site: nothing of their prose may go).

    A line is template from `short_stories` different stories of its site and `short_share` of them; a long
    line (`long_words` words or more: a paragraph, a comment policy) needs `long_stories` and `long_share` of
    them, two and a half times as many, because a sentence that recurs in stories of a site is as often a quote,
    a background paragraph reused in a follow-up or a columnist's bio as a template. A site's menus, promos and
    notices are on nearly every page, far above both shares; the shares keep a large site's recurring quotes
    and team lists in (clean-bbc: none in more than 8 of its 2,225 stories). A site with fewer than
    `site_stories` stories is not learned at all."""

    short_stories: int = 2
    short_share: float = 0.1
    long_stories: int = 3
    long_share: float = 0.25
    long_words: int = 10
    site_stories: int = 3


# --------------------------------------------------------------------------------------------- lines
def line_key(text: str) -> int | None:
    """The 64-bit hash that stands for a line: its casefolded words (so `Share this:` and `SHARE THIS` are one
    line); None for a line with no letter (a number, a date, a rule), which says nothing about a site."""
    words = normalize(text)
    if not any(char.isalpha() for char in words):
        return None
    return hash_of(words)


def hash_of(text: str) -> int:
    """A 64-bit hash, the same in every process and run (Python's `hash` is not)."""
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def candidate_lines(doc: Document) -> Iterator[int]:
    """The lines that may be template: all of them but a plain text's first line, its title (a site's title
    line is the story's own headline, even when another page links to it with the same words)."""
    start = 1 if doc.input_format == "text" and doc.title is None else 0
    return iter(range(start, len(doc.lines)))


# --------------------------------------------------------------------------------------------- the table
@dataclass(frozen=True)
class TemplateLine:
    documents: int
    stories: int
    text: str | None = None  # None while learned in memory: the first pass keeps hashes, not texts


@dataclass
class SiteTemplate:
    documents: int
    stories: int
    lines: dict[int, TemplateLine] = field(default_factory=dict)


class TemplatesError(ValueError):
    """A templates file that cannot be used; reported as `newsclean: FILE: MESSAGE`."""


@dataclass
class Templates:
    """Each site's template lines by hash: what the `template` filter removes. Written and read as JSON."""

    sites: dict[str, SiteTemplate] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return any(site.lines for site in self.sites.values())

    def get(self, site: str | None) -> SiteTemplate | None:
        return self.sites.get(site) if site else None

    def to_json(self) -> str:
        """Sites in name order, each line on a row of its own (a file to review and diff like code), the lines
        in most stories first."""
        rows = [f'{{"{FORMAT}": {VERSION}, "sites": {{']
        for n, name in enumerate(sorted(self.sites)):
            site = self.sites[name]
            lines = sorted(site.lines.values(), key=lambda line: (-line.stories, -line.documents, line.text or ""))
            head = {"documents": site.documents, "stories": site.stories}
            rows.append(f' {json.dumps(name)}: {json.dumps(head)[:-1]}, "lines": [')
            for k, line in enumerate(lines):
                entry = {"text": line.text, "documents": line.documents, "stories": line.stories}
                rows.append(f"  {json.dumps(entry, ensure_ascii=False)}{',' * (k < len(lines) - 1)}")
            rows.append(f" ]}}{',' * (n < len(self.sites) - 1)}")
        rows.append("}}")
        return "\n".join(rows) + "\n"

    @classmethod
    def load(cls, path: str) -> Templates:
        """Read a templates file (as `newsclean templates learn -o` writes it; lines may be removed by hand)."""
        try:
            with open(path, encoding="utf-8") as handle:
                data = json.load(handle)
        except OSError as exc:
            raise TemplatesError(f"{path}: cannot read templates: {exc.strerror or exc}") from None
        except ValueError as exc:
            raise TemplatesError(f"{path}: not a templates file (not JSON: {exc})") from None
        if not isinstance(data, dict) or data.get(FORMAT) != VERSION or not isinstance(data.get("sites"), dict):
            raise TemplatesError(f'{path}: not a templates file (expected {{"{FORMAT}": {VERSION}, "sites": …}})')
        templates = cls()
        for name, entry in data["sites"].items():
            try:
                site = SiteTemplate(int(entry.get("documents", 0)), int(entry.get("stories", 0)))
                for line in entry["lines"]:
                    key = line_key(line["text"])
                    if key is not None:
                        site.lines[key] = TemplateLine(int(line["documents"]), int(line["stories"]), line["text"])
            except (AttributeError, KeyError, TypeError, ValueError):
                raise TemplatesError(f"{path}: site {name!r}: each line needs text, documents and stories") from None
            templates.sites[site_of(name) or name] = site
        return templates


# --------------------------------------------------------------------------------------------- the pass
@dataclass(frozen=True)
class LineFacts:
    """What a worker sends for one document: its site, the hashes of its distinct candidate lines with a flag
    for the long ones, and a hash of its set of long lines, or of all lines when none is long (copies of one
    page have the same)."""

    name: str = "template"
    thresholds: Thresholds = Thresholds()

    def __call__(self, doc: Document, text: str) -> Any:
        import numpy as np

        site = doc.meta.get("site")
        if not site:
            return None
        keys: dict[int, bool] = {}
        for i in candidate_lines(doc):
            line = doc.lines[i].text
            key = line_key(line)
            if key is not None:
                keys[key] = keys.get(key, False) or word_count(line) >= self.thresholds.long_words
        long = sorted(key for key, is_long in keys.items() if is_long) or sorted(keys)  # its prose, else all
        copy = hash_of(" ".join(map(str, long))) if long else 0  # 0: an empty page, a copy of nothing
        return site, np.fromiter(keys, np.uint64, len(keys)), np.fromiter(keys.values(), np.bool_, len(keys)), copy


_PAIR = [("key", "<u8"), ("site", "<u4"), ("doc", "<u4"), ("long", "u1")]
_PARTS = 16  # partition files of (line, document) pairs, by the line's hash
_FLUSH = 1 << 20  # pairs buffered in memory before they are written to the partition files
MAX_PAIRS = 1 << 22  # pairs counted at once (a bigger partition is split again): ~250 MB at the peak
STORY_SHARE = 0.5  # two documents of a site are one story when they share this share of the long lines of each
STORY_LINES = 2  # ... and at least this many
COMMON = 0.9  # ... not counting the lines on this share of the site's pages: its template, whatever the stories
STORY_MAX_DOCS = 200  # a long line in more stories than this links none (it would cost 20,000 pairs and more)


class Learner(CorpusPass):
    """Learns every site's template from the facts of all documents (see the module docstring).

    Stories come from the long lines the documents share: two documents of one site are one story when they
    share `STORY_SHARE` of the long lines of each, not counting lines on `COMMON` of the site's pages. A
    MinHash of a whole page would count the template in (on the fundus pages of Reuters and The Gateway Pundit,
    the five different stories of each site reach a containment of 0.35 to 0.66 through their teasers and
    comment policies), while copies of one story on one site (a rerun, an update) repeat its paragraphs word
    for word.

    Memory: per document, its site and the hash of its long lines (12 bytes); the (line, document) pairs go to
    partition files on disk (17 bytes each) and are counted one partition at a time (at most MAX_PAIRS, about
    250 MB); what stays is the template lines found (about 100 bytes each) and the pairs of documents that
    share long lines (16 bytes each)."""

    stage = INPUT

    def __init__(self, thresholds: Thresholds = Thresholds(), tmp_dir: str | None = None) -> None:
        self.collector = LineFacts(thresholds=thresholds)
        self.thresholds = thresholds
        self.tmp_dir = tmp_dir
        self._scratch: Any = None  # spill.Scratch, made at the first document: a run of one file makes none
        self.sites: dict[str, int] = {}
        self.doc_sites = array("I")
        self.pages = array("Q")  # per document, the hash of its long lines (copies of one page have the same)
        self._buffer: list[np.ndarray] = []
        self._buffered = 0
        self.templates = Templates()

    def add(self, facts: Any) -> None:
        if facts is None:
            return
        import numpy as np

        site, keys, long, copy = facts
        if self._scratch is None:
            from newsclean.spill import Scratch

            self._scratch = Scratch(self.tmp_dir, "newsclean-templates-")  # removed at the end, or on SIGTERM
        site_id = self.sites.setdefault(site, len(self.sites))
        doc = len(self.doc_sites)
        pairs = np.empty(len(keys), _PAIR)
        pairs["key"], pairs["site"], pairs["doc"], pairs["long"] = keys, site_id, doc, long
        self.doc_sites.append(site_id)
        self.pages.append(copy)
        self._buffer.append(pairs)
        self._buffered += len(pairs)
        if self._buffered >= _FLUSH:
            self._flush()

    def _flush(self) -> None:
        import numpy as np

        if self._buffer:
            _append_partitions(self._scratch.path, np.concatenate(self._buffer), 0)
            self._buffer, self._buffered = [], 0

    def decide(self) -> str | None:
        import numpy as np

        if self._scratch is None:
            return None
        self._flush()
        doc_sites = np.frombuffer(self.doc_sites, dtype=np.uint32)
        documents = np.bincount(doc_sites, minlength=len(self.sites))
        stories = self._stories(doc_sites, documents)
        site_stories = _per_site(doc_sites, stories, len(self.sites))
        names = {site_id: name for name, site_id in self.sites.items()}
        for site_id, name in names.items():
            if site_stories[site_id] >= self.thresholds.site_stories:
                self.templates.sites[name] = SiteTemplate(int(documents[site_id]), int(site_stories[site_id]))
        for pairs in _partitions(self._scratch.path, 0):
            group = _groups(pairs, stories, site_stories, self.thresholds)
            if group is not None:
                for k in np.flatnonzero(group.template):
                    line = TemplateLine(int(group.docs[k]), int(group.stories[k]))
                    self.templates.sites[names[int(group.site[k])]].lines[int(group.key[k])] = line
        learned = [site for site in self.templates.sites.values() if site.lines]
        if not learned:
            return None
        return (
            f"learned the templates of {len(learned)} site{'s' * (len(learned) != 1)} "
            f"({sum(len(site.lines) for site in learned)} lines) from {len(doc_sites)} documents"
        )

    def _stories(self, doc_sites: np.ndarray, documents: np.ndarray) -> np.ndarray:
        """Each document's story: the smallest document number of the group of documents joined by sharing
        long lines: half of the long lines of each, not counting the lines on nearly every page of the site.
        Copies of one page are one story from the start. Requiring half of each page's lines (not of the
        shorter one's) keeps a short page that holds little more than the site's teasers from joining every
        story to every other; the versions of a story that is updated again and again are of a size."""
        import numpy as np

        copies = _first_copies(doc_sites, np.frombuffer(self.pages, dtype=np.uint64))
        # Lines on nearly every page are the site's template whatever the stories are and join nothing; any
        # other line may be a story's own, printed in several versions (a live story updated ten times).
        common = replace(self.thresholds, long_stories=3, long_share=COMMON, short_stories=3, short_share=COMMON)
        site_copies = _per_site(doc_sites, copies, len(documents))
        own = np.zeros(len(doc_sites), dtype=np.int64)  # long lines of each copy that are not on every page
        linked: list[np.ndarray] = []  # pairs of copies sharing a line, one 64-bit number each
        counted = (np.empty(0, np.int64), np.empty(0, np.int64))  # ... counted: distinct pairs, lines shared
        for pairs in _partitions(self._scratch.path, 0, keep=True):
            group = _groups(pairs, copies, site_copies, common)
            if group is not None:
                mine = group.long & ~group.template
                np.add.at(own, group.story_of[group.new_story & np.repeat(mine, group.docs)], 1)
                for k in np.flatnonzero(mine & (group.stories >= 2) & (group.stories <= STORY_MAX_DOCS)):
                    span = slice(group.starts[k], group.starts[k] + group.docs[k])
                    ids = group.story_of[span][group.new_story[span]]
                    a, b = np.triu_indices(len(ids), 1)
                    linked.append((ids[a] << 32) | ids[b])
                    if sum(map(len, linked)) > _FLUSH * 4:  # keep the pairs counted, not listed
                        counted = _count_pairs(linked, counted)
                        linked = []
        parent = copies.tolist()
        pair, shared = _count_pairs(linked, counted)
        if len(pair):
            one, other = pair >> 32, pair & 0xFFFFFFFF
            join = (shared >= STORY_LINES) & (shared >= STORY_SHARE * np.maximum(own[one], own[other]))
            for a, b in zip(one[join].tolist(), other[join].tolist(), strict=True):
                ra, rb = _root(parent, a), _root(parent, b)
                parent[max(ra, rb)] = min(ra, rb)
        return np.fromiter((_root(parent, i) for i in range(len(parent))), np.int64, len(parent))

    def pipeline(self, pipeline: Pipeline) -> Pipeline:
        return pipeline.with_templates(self.templates)

    def close(self) -> None:
        if self._scratch is not None:
            self._scratch.close()


def _count_pairs(linked: list[np.ndarray], counted: tuple[np.ndarray, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """The distinct pairs of documents and how often each was listed, adding `linked` to those `counted`."""
    import numpy as np

    pairs = np.concatenate([counted[0], *linked])
    weights = np.concatenate([counted[1], np.ones(len(pairs) - len(counted[0]), np.int64)])
    distinct, where = np.unique(pairs, return_inverse=True)
    return distinct, np.bincount(where, weights=weights, minlength=len(distinct)).astype(np.int64)


def _first_copies(doc_sites: np.ndarray, pages: np.ndarray) -> np.ndarray:
    """Each document's first copy: the first document of its site with the same long lines (itself if none)."""
    import numpy as np

    order = np.lexsort((np.arange(len(pages)), pages, doc_sites))
    same = np.zeros(len(order), dtype=bool)
    same[1:] = (pages[order][1:] == pages[order][:-1]) & (doc_sites[order][1:] == doc_sites[order][:-1])
    same &= pages[order] != 0
    starts = np.maximum.accumulate(np.where(same, 0, np.arange(len(order))))  # where each run of copies starts
    first = np.empty(len(order), dtype=np.int64)
    first[order] = order[starts]
    return first


def _per_site(doc_sites: np.ndarray, stories: np.ndarray, sites: int) -> np.ndarray:
    """The number of distinct stories of each site."""
    import numpy as np

    return np.bincount(np.unique(np.stack([doc_sites.astype(np.int64), stories]), axis=1)[0], minlength=sites)


def _root(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


@dataclass
class _Groups:
    """The (site, line) groups of one partition, sorted: per group its site, key, first pair, documents,
    distinct stories, whether it is long and whether it is template; per pair (group by group, by story) its
    story and whether it is the first of that story in its group."""

    site: np.ndarray
    key: np.ndarray
    starts: np.ndarray
    docs: np.ndarray
    stories: np.ndarray
    long: np.ndarray
    template: np.ndarray
    story_of: np.ndarray
    new_story: np.ndarray


def _groups(pairs: np.ndarray, stories: np.ndarray, site_stories: np.ndarray, t: Thresholds) -> _Groups | None:
    """Count, for every (site, line) of one partition, its documents and distinct stories, and whether that
    makes it the site's template (see `Thresholds`)."""
    import numpy as np

    if not len(pairs):
        return None
    story = stories[pairs["doc"]]
    order = np.lexsort((story, pairs["key"], pairs["site"]))
    key, site, story, long = (a[order] for a in (pairs["key"], pairs["site"], story, pairs["long"]))
    first = np.ones(len(key), dtype=bool)
    first[1:] = (key[1:] != key[:-1]) | (site[1:] != site[:-1])
    new_story = first.copy()
    new_story[1:] |= story[1:] != story[:-1]
    starts = np.flatnonzero(first)
    docs = np.diff(np.append(starts, len(key)))
    counts = np.add.reduceat(new_story.astype(np.int64), starts)
    is_long = np.maximum.reduceat(long, starts).astype(bool)
    group_site = site[starts]
    total = site_stories[group_site]
    short_need = np.maximum(t.short_stories, np.ceil(t.short_share * total))
    long_need = np.maximum(t.long_stories, np.ceil(t.long_share * total))
    template = (counts >= np.where(is_long, long_need, short_need)) & (total >= t.site_stories)
    return _Groups(group_site, key[starts], starts, docs, counts, is_long, template, story, new_story)


def _part_path(folder: str, level: int, part: int) -> str:
    return os.path.join(folder, f"{level}-{part:02d}.pairs")


def _append_partitions(folder: str, pairs: np.ndarray, level: int) -> None:
    """Append pairs to the partition files of `level`, chosen by 4 bits of the line's hash (the same line
    always lands in the same file, so a file can be counted alone)."""
    import numpy as np

    part = (pairs["key"] >> np.uint64(4 * level)) & np.uint64(_PARTS - 1)
    order = np.argsort(part, kind="stable")
    pairs, part = pairs[order], part[order]
    bounds = np.searchsorted(part, np.arange(_PARTS + 1, dtype=np.uint64))
    for p in range(_PARTS):
        if bounds[p + 1] > bounds[p]:
            with open(_part_path(folder, level, p), "ab") as handle:
                pairs[bounds[p] : bounds[p + 1]].tofile(handle)


def _partitions(folder: str, level: int, keep: bool = False) -> Iterator[np.ndarray]:
    """Every partition's pairs, one partition in memory at a time (its file removed after, unless `keep`); one
    larger than MAX_PAIRS is split again by the next 4 bits of the hash (into a sub-folder) before it is read."""
    import numpy as np

    item = np.dtype(_PAIR).itemsize
    for p in range(_PARTS):
        path, sub = _part_path(folder, level, p), os.path.join(folder, f"{level}-{p:02d}")
        if os.path.isdir(sub):  # split by an earlier reading
            yield from _partitions(sub, level + 1, keep)
            if not keep:
                shutil.rmtree(sub, ignore_errors=True)
            continue
        if not os.path.exists(path):
            continue
        size = os.path.getsize(path) // item
        if size <= MAX_PAIRS or level >= 15:
            yield np.fromfile(path, dtype=_PAIR)
            if not keep:
                os.remove(path)
            continue
        sub = os.path.join(folder, f"{level}-{p:02d}")
        os.mkdir(sub)
        stored = np.memmap(path, dtype=_PAIR, mode="r")
        for start in range(0, size, MAX_PAIRS):
            _append_partitions(sub, np.array(stored[start : start + MAX_PAIRS]), level + 1)
        del stored
        os.remove(path)  # replaced by the sub-folder's files, which a second reading finds (below)
        yield from _partitions(sub, level + 1, keep)
        if not keep:
            shutil.rmtree(sub, ignore_errors=True)


@dataclass(frozen=True)
class LineTexts:
    """The worker side of `Texts`: the text of each line of a document that is in its site's template."""

    templates: Templates
    name: str = "template-texts"

    def __call__(self, doc: Document, text: str) -> Any:
        site = self.templates.get(doc.meta.get("site"))
        if site is None:
            return None
        found = {}
        for i in candidate_lines(doc):
            key = line_key(doc.lines[i].text)
            if key in site.lines and key not in found:
                found[key] = doc.lines[i].text
        return doc.meta["site"], found


class Texts(CorpusPass):
    """A second pass for `newsclean templates learn`: the first pass keeps hashes only, so the text of each
    learned line (the first seen, in input order) is read again to write a file a person can review."""

    stage = INPUT

    def __init__(self, learner: Learner) -> None:
        self.learner = learner

    @property
    def collector(self) -> LineTexts:  # type: ignore[override]
        return LineTexts(self.learner.templates)

    def add(self, facts: Any) -> None:
        if facts is None:
            return
        name, found = facts
        lines = self.learner.templates.sites[name].lines
        for key, text in found.items():
            if lines[key].text is None:
                line = lines[key]
                lines[key] = TemplateLine(line.documents, line.stories, text)

    def decide(self) -> str | None:
        return None
