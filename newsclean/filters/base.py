"""The Filter protocol: a small, pure, picklable object with a stable name."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, cached_property
from typing import Any, ClassVar

try:  # the regex syntax tree, to see which characters a rule can start with; sre's extra case equivalences
    from re import _constants, _parser  # type: ignore[attr-defined]
    from re._casefix import _EXTRA_CASES  # type: ignore[import-not-found]
except ImportError:  # Python 3.10
    import sre_constants as _constants  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]
    from sre_compile import _ignorecase_fixes as _EXTRA_CASES  # type: ignore[attr-defined,no-redef]

from newsclean.document import Document
from newsclean.filters.features import cell_text
from newsclean.memo import memo

# What callers strip from a line's start before `RuleSet.match` (the `lead` of `RuleSet.gate`): `cell_text`,
# `str.strip`.
CELL = r"[ |]*"
STRIPPED = r"[^\S\n]*"


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
    """A filter that judges each remaining line on its own: `reason(text)` says why it goes, or None.

    `candidates`, when set, is a pattern every line the filter removes matches at its start (see
    `Document.scan`): only those lines are judged, which spares the other lines a Python-level call."""

    candidates: ClassVar[re.Pattern[str] | None] = None

    def reason(self, text: str) -> str | None:
        raise NotImplementedError

    def apply(self, doc: Document) -> None:
        lines, reason = doc.lines, self.reason
        for i in doc.scan(self.candidates) if self.candidates else doc.live():
            why = reason(lines[i].text)
            if why:
                doc.remove(i, self.name, why)


class RuleSet:
    """Named whole-line patterns: `match(text)` is the name of a rule the whole text matches, or None.

    Python's regex engine tries every branch of an alternation in turn, and a line almost never matches, so
    rules are dispatched on the line's first `length` characters: from each pattern's syntax tree we know the
    prefixes its matches can start with, and a line is only tried against the rules that can start like it,
    in order (most lines meet two or three rules, or none). Each rule is compiled once, when a line first
    needs it: one regex per distinct set of rules would compile the same rules over and over (on 990 pages,
    a third of the text filters' time)."""

    def __init__(self, rules: Sequence[tuple[str, str]], flags: int = 0, length: int = 3) -> None:
        # each top-level alternative of a rule is a rule of its own, so that it is only tried on lines that
        # start like it
        self.rules = [(name, branch) for name, pattern in rules for branch in split_alternatives(pattern)]
        self.flags = flags
        self.length = length
        self.names = [name for name, _ in self.rules]
        self._by_start: dict[str, tuple[int, ...]] = {}  # a line's first characters -> the rules to try
        self._regexes: list[re.Pattern[str] | None] = [None] * len(self.rules)  # compiled when first needed
        self._gates: dict[str, re.Pattern[str] | None] = {}  # see `gate`

    @cached_property
    def _index(self) -> tuple[dict[str, list[int]], list[int]]:
        """Rules by the prefixes they can start with (up to `length` characters; a shorter one when what
        follows can be anything), and the rules that can start with anything (built on the first match, not
        at import: start-up time matters)."""
        by_prefix: dict[str, list[int]] = {}
        anywhere = []
        for k, (_, pattern) in enumerate(self.rules):
            prefixes = starts(pattern, self.flags, self.length)
            if "" in prefixes:
                anywhere.append(k)
                continue
            for prefix in prefixes:
                by_prefix.setdefault(prefix, []).append(k)
        return by_prefix, anywhere

    def _candidates(self, start: str) -> tuple[int, ...]:
        """The rules a line starting with `start` can match, in order (none: no rule can)."""
        by_prefix, anywhere = self._index
        if not start.isascii() and max(start) > "\uffff":  # prefix sets cover the BMP (`\d` also matches `𝟓`)
            return tuple(range(len(self.rules)))
        folded = "".join(map(_fold, start))
        indices = {*anywhere}
        for n in range(1, len(folded) + 1):
            indices.update(by_prefix.get(folded[:n], ()))
        return tuple(sorted(indices))

    def _regex(self, k: int) -> re.Pattern[str]:
        regex = self._regexes[k]
        if regex is None:
            regex = self._regexes[k] = re.compile(self.rules[k][1], self.flags)
        return regex

    def gate(self, lead: str) -> re.Pattern[str] | None:
        """A pattern for `Document.scan` that finds, in C, every line `match` could find a rule on (and a few
        more): after `lead` (what the caller strips from a line before `match`), one of the rules' prefixes in
        any case, or a character outside ASCII among the first `length` (left to `match`: there, casefolding is
        more than ASCII case). None when a rule can start with anything. Worth it for rules few lines start
        like: the scan costs about a third of a `match` call per line."""
        if lead not in self._gates:
            by_prefix, anywhere = self._index
            if anywhere:
                self._gates[lead] = None
            else:
                trie = _trie(sorted(prefix for prefix in by_prefix if prefix.isascii()))
                pattern = rf"\n(?={lead}(?:[^\n]{{0,{self.length - 1}}}[^\x00-\x7f]|{trie}))"
                self._gates[lead] = re.compile(pattern)
        return self._gates[lead]

    def candidates(self, doc: Document, lead: str) -> list[int]:
        """The live lines of `doc` worth a `match` call (see `gate`), found in one pass over its text. A small
        document has them all: compiling the gate would cost more than it saves (start-up time matters)."""
        gate = self.gate(lead) if len(doc.lines) >= _GATE_LINES else None
        return doc.scan(gate) if gate else doc.live()

    def _for(self, text: str) -> tuple[int, ...]:
        """The rules `text` can match, by its first characters (empty: no rule can)."""
        start = text[: self.length]  # keyed by the raw characters: no casefolding per call
        try:
            return self._by_start[start]
        except KeyError:
            if len(self._by_start) >= _MAX_STARTS:  # a corpus in many scripts: keep memory flat
                self._by_start.clear()
            indices = self._by_start[start] = self._candidates(start)
            return indices

    def could_match(self, text: str) -> bool:
        """Whether `text` starts like one of the rules (a cheap test: no regex is run)."""
        return bool(self._for(text))

    def match(self, text: str) -> str | None:
        for k in self._for(text):  # in order: the first rule that matches names the line
            if self._regex(k).fullmatch(text):
                return self.names[k]
        return None


_MAX_STARTS = 50_000  # line starts remembered per rule set
_GATE_LINES = 60  # lines from which a document is scanned for the lines worth a `match` call


def _trie(prefixes: list[str]) -> str:
    """An alternation of (casefolded ASCII) `prefixes`, in any case, factored by first character
    (`[Aa](?:[Bb]|[Cc])|[Dd]`): without `re.I`, the regex engine skips an alternative whose first character
    does not match without entering it, so a line meets one alternative per level."""
    if not prefixes:
        return "(?!)"
    tails: dict[str, list[str]] = {}
    for prefix in prefixes:
        tails.setdefault(prefix[0], []).append(prefix[1:])
    parts = []
    for head, rest in tails.items():
        char = f"[{head}{head.upper()}]" if head.isalpha() else re.escape(head)
        parts.append(char if "" in rest else f"{char}(?:{_trie(rest)})")  # "" in rest: anything may follow
    return "|".join(parts)


def _fold(char: str) -> str:
    """One character as case-insensitive matching sees it: its casefold's first character (`ẞ` and `ß` both
    start `ss`; `ſ` and `K` (Kelvin) fold to `s` and `k`, as `re.I` matches them). Dotless `ı` is the one
    character `re.I` equates with another (`i`) that casefolding keeps apart (checked over every code point
    in tests/test_rules.py)."""
    return "i" if char == "ı" else char.casefold()[:1]


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


def starts(pattern: str, flags: int = 0, length: int = 2) -> set[str]:
    """The (casefolded) prefixes every match of `pattern` starts with, up to `length` characters: a shorter
    prefix means any character can follow it, and the empty one that a match can start with anything (or be
    empty). A superset is fine: it only decides which rules are tried on a line."""
    plain = _LETTERS.match(pattern)  # most rules start with a word: no need to parse them (start-up time)
    word = plain.group() if plain else ""
    if len(word) > length or (len(word) == length and pattern[length : length + 1] not in ("?", "*", "+", "{", "")):
        return {"".join(map(_fold, word[:length]))}
    key = ("starts", pattern, int(flags), length)  # parsing the pattern is start-up time: the result is kept on disk
    found = memo().get(key)
    if found is None:
        prefixes = _starts(list(_parser.parse(pattern, flags)), length)
        memo().put(key, (len(prefixes), "\0".join(prefixes)))  # one string: read back in no time
        return prefixes
    return set(found[1].split("\0")) if found[0] else set()


_LETTERS = re.compile(r"[^\W\d_]+")


_MAX_SET = 300  # a character class larger than this counts as "any character"
_MAX_DEPTH = 8  # repeats unrolled while looking for a prefix
_MAX_PREFIXES = 3000  # more prefixes than this: keep their first characters only


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


def _starts(items: list[Any], length: int, depth: int = 0) -> set[str]:
    """Prefixes of the matches of a sequence of parsed regex items (see `starts`); `depth` counts unrolled
    repeats, so that a repeat of something that can match nothing (`(?:a?)*`) ends as "anything"."""
    if length == 0 or not items:
        return {""}
    if depth > _MAX_DEPTH:
        return {""}
    c = _constants
    (op, arg), rest = items[0], items[1:]
    if op is c.LITERAL or op is c.IN:
        heads = _chars(op, arg)
        if heads is None:
            return {""}
        tails = _starts(rest, length - 1, depth)
        if len(heads) * len(tails) > _MAX_PREFIXES:  # `\s*` or `\d+` ahead: the first character must do
            return heads
        return {head + tail for head in heads for tail in tails}
    if op is c.SUBPATTERN:
        return _starts([*arg[-1], *rest], length, depth)
    if op is c.BRANCH:
        return set().union(*(_starts([*branch, *rest], length, depth) for branch in arg[1]))
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, high, item = arg
        if high == 0:
            return _starts(rest, length, depth)
        again = [] if high == 1 else [(op, (max(low - 1, 0), high if high == c.MAXREPEAT else high - 1, item))]
        found = _starts([*item, *again, *rest], length, depth + 1)
        return found | _starts(rest, length, depth) if low == 0 else found
    if op in (c.AT, c.ASSERT, c.ASSERT_NOT):  # zero-width: what follows decides
        return _starts(rest, length, depth)
    return {""}  # ANY, NOT_LITERAL, group references, …: anything


def _chars(op: Any, arg: Any) -> set[str] | None:
    """The casefolded characters one LITERAL or IN item matches, or None for (nearly) any."""
    c = _constants
    if op is c.LITERAL:
        return {_fold(chr(arg))}
    if any(kind is c.NEGATE for kind, _ in arg):
        return None
    chars: set[str] = set()
    for kind, value in arg:
        if kind is c.CATEGORY and value in _CATEGORIES:
            chars.update(_CATEGORIES[value]())
            continue
        span = range(value[0], value[1] + 1) if kind is c.RANGE else [value] if kind is c.LITERAL else None
        if span is None or len(span) > _MAX_SET:
            return None
        chars.update(_fold(chr(code)) for code in span)
    return chars


class PatternFilter(LineFilter):
    """Removes lines that match one of `rules` as a whole; the rule's name is the reason."""

    rules: ClassVar[RuleSet] = RuleSet([])
    max_chars: ClassVar[int] = 300

    def reason(self, text: str) -> str | None:
        if len(text) > self.max_chars:
            return None
        return self.rules.match(cell_text(text))


def required_literals(pattern: str, flags: int = 0, fewest: bool = False) -> set[str] | None:
    """Strings one of which every match of `pattern` contains (`.{0,80}\\bAll\\s+rights\\s+reserved` ->
    {`reserved`}), or None when there is none to rely on: the pre-check of a rule that can match mid-line,
    derived from the rule itself so that it cannot go stale. Case as written: look for them ignoring case.
    The set whose shortest member is longest, or (`fewest`) the one of fewest members: where each string
    costs a pass over the text (`Needles`), `(` beats ten words that may follow it."""
    key = ("fewest" if fewest else "literals", pattern, int(flags))  # kept on disk, as `starts`
    found = memo().get(key)
    if found is None:
        found = _literals(list(_parser.parse(pattern, flags)), fewest) or ()
        memo().put(key, found)
    return set(found) or None


def _literals(items: list[Any], fewest: bool = False) -> set[str] | None:
    """The best set of required strings of a sequence of parsed items: the one whose shortest member is
    longest (fewest members on a tie), or the one of fewest members (longest shortest on a tie). A run of
    literal characters is one candidate; a group, a branch whose every alternative has its own set, and a
    repeat that must match once are others."""
    c = _constants
    candidates: list[set[str]] = []
    run = ""
    for op, arg in [*items, (None, None)]:
        if op is c.LITERAL:
            run += chr(arg)
            continue
        if run:
            candidates.append({run})
            run = ""
        found: set[str] | None = None
        if op is c.SUBPATTERN:
            found = _literals(list(arg[-1]), fewest)
        elif op is c.BRANCH:
            sets = [_literals(list(branch), fewest) for branch in arg[1]]
            found = set().union(*sets) if all(sets) else None  # type: ignore[arg-type]
        elif op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT) and arg[0] >= 1:
            found = _literals(list(arg[2]), fewest)
        if found:
            candidates.append(found)
    if not candidates:
        return None
    if fewest:
        return max(candidates, key=lambda strings: (-len(strings), min(map(len, strings))))
    return max(candidates, key=lambda strings: (min(map(len, strings)), -len(strings)))


class Needles:
    """Strings looked for in a document's lines as `re.I` matches them (the required strings of the rules that
    may match mid-line): `lines(doc)` gives, for each string, the live lines that hold it, found by `str.find`
    in one case-folded copy of the text, each string's line list once.

    The fold is `str.lower`, made exact for `re.I` where the two differ for the characters of these strings:
    `İ` (whose `lower` is two characters) becomes `i`, and of each class of characters sre adds to simple case
    mapping (`ı` with `i`, `ſ` with `s`, `ς` with `σ`, …; `re._casefix`) every member becomes the smallest. So a
    line holds a string here exactly when `re.I` finds it there (a test checks every code point). Only the
    strings that hold no other are searched for; a longer one's lines are those of a shorter one it holds
    that hold it too."""

    def __init__(self, strings: Sequence[str]) -> None:
        table: dict[int, int] = {}
        for char in set("".join(strings).replace("\u0130", "i").lower()):
            codes = (ord(char), *_EXTRA_CASES.get(ord(char), ()))
            table.update((code, min(codes)) for code in codes if code != min(codes))
        self._table = table
        self._odd = [chr(code) for code in table]  # characters the fold maps after `lower`
        self.strings = list(dict.fromkeys(map(self.fold, strings)))  # folded, each once, in order
        shortest = [s for s in self.strings if not any(t != s and t in s for t in self.strings)]
        self._searched = shortest
        # each string, the index of the longest searched string it holds, whether lines must be checked for it
        self._base = [
            (s, shortest.index(max((t for t in shortest if t in s), key=len)), s not in shortest) for s in self.strings
        ]

    def ids(self, strings: Iterable[str]) -> tuple[int, ...]:
        """The indices of `strings` (as given to the constructor) in `strings`, folded."""
        return tuple(sorted({self.strings.index(self.fold(s)) for s in strings}))

    def fold(self, text: str) -> str:
        """`text` as these strings are compared with it: one character for one, case folded as `re.I` sees the
        characters of the strings."""
        if text.isascii():  # no ASCII character is moved by the table: a class's smallest member comes first
            return text.lower()
        if "\u0130" in text:
            text = text.replace("\u0130", "i")
        text = text.lower()
        if any(char in text for char in self._odd):
            text = text.translate(self._table)
        return text

    def lines(self, doc: Document, max_chars: int) -> list[list[int]]:
        """For each string, the live lines of `doc` of at most `max_chars` characters that hold it (ascending)."""
        found = doc.holding(self._searched, self.fold, max_chars) if self._searched else []
        lines, fold = doc.lines, self.fold
        return [
            [i for i in found[base] if string in fold(lines[i].text)] if check else found[base]
            for string, base, check in self._base
        ]
