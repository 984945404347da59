"""Document: the lines of one article, its metadata, and a trace of every removal and edit.

Filters never delete anything: they mark a line removed with their name and a reason, or record an edit,
so every decision can be explained afterwards (`--explain`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, repeat
from operator import attrgetter
from typing import Any

# Metadata keys a Document may carry, in the order they are written out.
META_KEYS = ("author", "date", "sitename", "url", "hostname", "site", "dateline", "language", "description")

# C0 controls (except tab and newline), DEL, and invisible characters that never belong in article text.
_INVISIBLE_CHARS = "".join(map(chr, [*range(0x00, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F, 0xFEFF, 0x200B, 0x2060]))
_INVISIBLE = re.compile(f"[{re.escape(_INVISIBLE_CHARS)}]+")
_START = re.Match.start  # a match -> where it starts (for `map`)


@dataclass(slots=True)
class Line:
    """One non-blank input line. `para` numbers the blank-line separated block it belongs to."""

    text: str
    para: int
    number: int  # 1-based line number in the decoded input
    removed_by: str | None = None
    reason: str = ""


@dataclass(slots=True)
class Edit:
    """A change made inside a line (a tracking parameter cut from a URL, a site name cut from the title)."""

    filter: str
    reason: str
    number: int
    before: str
    after: str


@dataclass
class Document:
    lines: list[Line]
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    source: str = "-"
    id: str = ""
    encoding: str | None = None
    input_format: str = "text"
    edits: list[Edit] = field(default_factory=list)
    title_line: int | None = None  # index of the line the title was taken from (moved, not removed)
    extraction: str | None = None  # how the text was obtained from HTML (issue: which path was taken)
    links: frozenset[str] = frozenset()  # a page's paragraphs that are only a link, casefolded (HTML only)
    embeds: frozenset[str] = frozenset()  # the lines of a page's embedded social posts, casefolded (HTML only)
    widgets: frozenset[str] = frozenset()  # the texts only a page's forms, dialogs and notices hold, casefolded
    warnings: list[str] = field(default_factory=list)
    # caches for filters: the live indices until the next removal; the joined text, where each line starts in
    # it and the lines found by `scan` until the next edit
    _live: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _joined: str | None = field(default=None, init=False, repr=False, compare=False)
    _offsets: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _scans: dict[re.Pattern[str], list[int]] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def from_text(cls, text: str, **kwargs: Any) -> Document:
        """Split text into lines; blank lines separate paragraphs, trailing whitespace is dropped.

        Every line break counts: `\\n`, `\\r\\n`, `\\r`, form feed, vertical tab, the file/group/record separators,
        NEL and the Unicode line and paragraph separators (exactly the breaks `str.splitlines` knows). Invisible
        characters are then dropped from each line; most texts have none, and a few `in` tests (which run at
        C speed) let those skip the regex."""
        raw_lines = text.splitlines()
        if any(char in text for char in _INVISIBLE_CHARS):
            raw_lines = [_INVISIBLE.sub("", raw) for raw in raw_lines]
        lines: list[Line] = []
        append = lines.append
        para, gap = 0, False
        for number, stripped in enumerate(map(str.rstrip, raw_lines), 1):
            if stripped:
                if gap and lines:
                    para += 1
                gap = False
                append(Line(stripped, para, number))
            else:
                gap = True
        return cls(lines, **kwargs)

    @classmethod
    def from_blocks(cls, blocks: list[str], **kwargs: Any) -> Document:
        """One paragraph per block (extracted HTML: each block element became one line)."""
        joined = "".join(blocks)
        invisible = any(char in joined for char in _INVISIBLE_CHARS)  # most pages have none: spare the regex
        lines = []
        for number, block in enumerate(blocks, 1):
            text = " ".join(block.split())
            if invisible:
                text = _INVISIBLE.sub("", text)
            if text:
                lines.append(Line(text, len(lines), number))
        return cls(lines, **kwargs)

    # ------------------------------------------------------------------ filter helpers
    def live(self) -> list[int]:
        """Indices of the lines no filter has removed, in order. The list is shared until the next removal:
        iterate over it, do not change it."""
        if self._live is None:
            self._live = [i for i, line in enumerate(self.lines) if line.removed_by is None]
        return self._live

    def remove(self, index: int, filter_name: str, reason: str) -> None:
        line = self.lines[index]
        if line.removed_by is None:
            line.removed_by, line.reason = filter_name, reason
            self._live = None

    def edit(self, index: int, new_text: str, filter_name: str, reason: str) -> None:
        line = self.lines[index]
        if new_text != line.text:
            self.edits.append(Edit(filter_name, reason, line.number, line.text, new_text))
            line.text = new_text
            self._joined = self._offsets = self._scans = None

    def set_meta(self, key: str, value: str | None, *, overwrite: bool = False) -> None:
        """Record a metadata field; the first value found wins unless `overwrite`."""
        value = " ".join(value.split()) if value else ""
        if value and (overwrite or not self.meta.get(key)):
            self.meta[key] = value

    def scan(self, regex: re.Pattern[str]) -> list[int]:
        """Indices of the live lines at whose start `regex` matches, found in one pass over the text of all
        lines joined, each preceded by a newline: a pattern that starts with `\\n` is tried only at line starts
        (the regex engine jumps between newlines in C), so a filter looking for a rare kind of line does not
        test every line in Python. The pattern must start with that newline, and not consume the one ending
        a line (use `(?=\\n)`). Kept until the next edit: filters that look for the same lines scan once."""
        if not self.lines:
            return []
        if self._scans is None:
            self._scans = {}
        found = self._scans.get(regex)
        if found is None:
            found = self._scans[regex] = self._lines_at(map(_START, regex.finditer(self._text())))
        lines = self.lines
        return [i for i in found if lines[i].removed_by is None]

    def containing(self, *needles: str) -> list[int]:
        """Indices of the live lines that contain one of `needles` (without newlines), in order: `str.find`
        over all lines at once."""
        if not self.lines:
            return []
        text = self._text()
        positions = []
        for needle in needles:
            at = text.find(needle)
            while at >= 0:
                positions.append(at)
                at = text.find(needle, at + 1)
        lines = self.lines
        return [i for i in self._lines_at(sorted(positions)) if lines[i].removed_by is None]

    def holding(self, needles: Sequence[str], fold: Callable[[str], str], max_chars: int) -> list[list[int]]:
        """For each of `needles`, the live lines of at most `max_chars` characters that hold it, each once, in
        order: `str.find` over the text of those lines joined and passed once through `fold` (which must keep
        every character's place, as a case fold does; `needles` are folded already and hold no newline). After
        a hit the search goes on at the next line, so a common needle costs one step per line that holds it."""
        lines = self.lines
        kept = [i for i in self.live() if len(lines[i].text) <= max_chars]
        texts = [lines[i].text for i in kept]
        text = fold("\n" + "\n".join(texts))
        starts = list(accumulate(map((1).__add__, map(len, texts[:-1])), initial=0))
        found = []
        for needle in needles:
            positions = []
            at = text.find(needle)
            while at >= 0:
                positions.append(at)
                end = text.find("\n", at)
                if end < 0:
                    break
                at = text.find(needle, end)
            found.append([kept[k - 1] for k in map(bisect_right, repeat(starts), positions)])
        return found

    def _lines_at(self, positions: Iterable[int]) -> list[int]:
        """The lines holding these positions (ascending) of the joined text, each line once (`bisect` over where
        each line's newline stands, in C)."""
        if self._offsets is None:
            lengths = map((1).__add__, map(len, map(attrgetter("text"), self.lines[:-1])))
            self._offsets = list(accumulate(lengths, initial=0))
        return [i - 1 for i in dict.fromkeys(map(bisect_right, repeat(self._offsets), positions))]

    def _text(self) -> str:
        """Every line's text after a newline, built once until the next edit."""
        if self._joined is None:
            self._joined = "\n" + "\n".join(map(attrgetter("text"), self.lines))
        return self._joined

    # ------------------------------------------------------------------ results
    @property
    def body(self) -> str:
        """The clean article body: paragraphs separated by one blank line, lines within one by a newline."""
        out: list[str] = []
        last_para = None
        for line in self.lines:
            if line.removed_by is not None:
                continue
            if last_para is not None:
                out.append("\n\n" if line.para != last_para else "\n")
            out.append(line.text)
            last_para = line.para
        return "".join(out)

    def to_text(self) -> str:
        """Title, a blank line, then the body (what `--format text` prints for one document)."""
        return "\n\n".join(part for part in (self.title, self.body) if part)

    def removals(self) -> list[Line]:
        return [line for line in self.lines if line.removed_by is not None]

    def counts(self) -> dict[str, int]:
        """Lines removed and edits made, per filter (the line that became the title is not counted)."""
        counts = Counter(
            line.removed_by for i, line in enumerate(self.lines) if line.removed_by is not None and i != self.title_line
        )
        counts.update(edit.filter for edit in self.edits)
        return dict(counts)
