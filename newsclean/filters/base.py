"""The Filter protocol: a small, pure, picklable object with a stable name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, cached_property
from typing import Any, ClassVar

try:  # the regex syntax tree, to see which characters a rule can start with
    from re import _constants, _parser  # type: ignore[attr-defined]
except ImportError:  # Python 3.10
    import sre_constants as _constants  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

from newsclean.document import Document
from newsclean.filters.features import cell_text


class Filter:
    """A step of the pipeline. Subclasses set `name` and `description` and implement `apply`.

    Options are plain constructor arguments; `presets` maps a preset name to the options it sets, so
    `--preset precision` can tighten every filter at once. A filter never does I/O.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    default: ClassVar[bool] = True  # part of the default pipeline
    presets: ClassVar[dict[str, dict[str, object]]] = {}

    def __call__(self, doc: Document) -> Document:
        self.apply(doc)
        return doc

    def apply(self, doc: Document) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({opts})"


class LineFilter(Filter):
    """A filter that judges each remaining line on its own: `reason(text)` says why it goes, or None."""

    def reason(self, text: str) -> str | None:
        raise NotImplementedError

    def apply(self, doc: Document) -> None:
        for i in doc.live():
            why = self.reason(doc.lines[i].text)
            if why:
                doc.remove(i, self.name, why)


class RuleSet:
    """Named whole-line patterns: `match(text)` is the name of a rule the whole text matches, or None.

    Rules are tried as one regex, and only the rules that can start with the line's first character: Python's
    regex engine tries every branch of an alternation in turn, so dispatching on the first character (computed
    from each pattern's syntax tree) makes a miss, the common case, several times cheaper."""

    def __init__(self, rules: Sequence[tuple[str, str]], flags: int = 0) -> None:
        # each top-level alternative of a rule is a rule of its own, so that it is only tried on lines that
        # start with one of its own first characters
        self.rules = [(name, branch) for name, pattern in rules for branch in split_alternatives(pattern)]
        self.flags = flags
        self.names = [name for name, _ in self.rules]
        self._group_names = {f"r{k}": name for k, name in enumerate(self.names)}
        self._compiled: dict[str, re.Pattern[str]] = {}  # first character -> regex, built when first needed

    @cached_property
    def _index(self) -> tuple[dict[str, list[int]], list[int]]:
        """Rules by the characters they can start with, and the rules that can start with anything
        (built on the first match, not at import: start-up time matters)."""
        by_char: dict[str, list[int]] = {}
        anywhere = []
        for k, (_, pattern) in enumerate(self.rules):
            chars = first_chars(pattern, self.flags)
            if chars is None:
                anywhere.append(k)
            for char in chars or ():
                by_char.setdefault(char, []).append(k)
        return by_char, anywhere

    def _compile(self, indices: Iterable[int]) -> re.Pattern[str]:
        parts = [f"(?P<r{k}>{self.rules[k][1]})" for k in indices]
        return re.compile("|".join(parts) or "(?!)", self.flags)

    def match(self, text: str) -> str | None:
        regex = self._compiled.get(text[:1])  # keyed by the raw first character: no casefold per call
        if regex is None:
            by_char, anywhere = self._index
            key = text[:1].casefold()[:1]
            regex = self._compiled[text[:1]] = self._compile(sorted({*by_char.get(key, ()), *anywhere}))
        found = regex.fullmatch(text)
        return self._group_names[found.lastgroup] if found and found.lastgroup else None


def split_alternatives(pattern: str) -> list[str]:
    """`A|(?:B|C)D|E` -> [`A`, `(?:B|C)D`, `E`]: the alternatives at the top level of a pattern."""
    parts, depth, start, k, in_class = [], 0, 0, 0, False
    while k < len(pattern):
        char = pattern[k]
        if char == "\\":
            k += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            if pattern[k + 1 : k + 2] == "^":
                k += 1
            if pattern[k + 1 : k + 2] == "]":  # `[]…]`: a literal ] first in a class
                k += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:k])
            start = k + 1
        k += 1
    parts.append(pattern[start:])
    return parts


def first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """The casefolded characters a match of `pattern` can start with, or None when it can start with any
    (or can be empty). A superset is fine: it only decides which rules are tried."""
    chars, nullable = _first(_parser.parse(pattern, flags))
    return None if chars is None or nullable else chars


_MAX_SET = 300  # a character class larger than this counts as "any character"


@cache
def _spaces() -> frozenset[str]:
    return frozenset(chr(code) for code in range(0x3001) if chr(code).isspace())


@cache
def _digits() -> frozenset[str]:
    return frozenset(chr(code) for code in range(0x10000) if chr(code).isdecimal())


_CATEGORIES = {
    _constants.CATEGORY_SPACE: _spaces,
    _constants.CATEGORY_UNI_SPACE: _spaces,
    _constants.CATEGORY_DIGIT: _digits,
    _constants.CATEGORY_UNI_DIGIT: _digits,
}


def _first(seq: Any) -> tuple[set[str] | None, bool]:
    """(first characters or None for any, whether `seq` can match the empty string)."""
    found: set[str] = set()
    for op, arg in seq:
        chars, nullable = _first_item(op, arg)
        if chars is None:
            return None, False
        found |= chars
        if not nullable:
            return found, False
    return found, True


def _first_item(op: Any, arg: Any) -> tuple[set[str] | None, bool]:
    c = _constants
    if op is c.LITERAL:
        return {chr(arg).casefold()[:1]}, False
    if op is c.IN:
        if any(kind is c.NEGATE for kind, _ in arg):
            return None, False
        chars: set[str] = set()
        for kind, value in arg:
            if kind is c.CATEGORY and value in _CATEGORIES:
                chars.update(_CATEGORIES[value]())
                continue
            span = range(value[0], value[1] + 1) if kind is c.RANGE else [value] if kind is c.LITERAL else None
            if span is None or len(span) > _MAX_SET:
                return None, False
            chars.update(chr(code).casefold()[:1] for code in span)
        return chars, False
    if op is c.BRANCH:
        found: set[str] = set()
        any_nullable = False
        for branch in arg[1]:
            chars_, nullable = _first(branch)
            if chars_ is None:
                return None, False
            found |= chars_
            any_nullable |= nullable
        return found, any_nullable
    if op is c.SUBPATTERN:
        return _first(arg[-1])
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        chars_, nullable = _first(arg[2])
        return chars_, nullable or arg[0] == 0
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):
        return set(), True
    return None, False  # ANY, NOT_LITERAL, group references, …: anything


class PatternFilter(LineFilter):
    """Removes lines that match one of `rules` as a whole; the rule's name is the reason."""

    rules: ClassVar[RuleSet] = RuleSet([])
    max_chars: ClassVar[int] = 300

    def reason(self, text: str) -> str | None:
        if len(text) > self.max_chars:
            return None
        return self.rules.match(cell_text(text))
