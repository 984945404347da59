"""RuleSet: dispatching a line to the rules that can start like it must give the answer of trying them all."""

from __future__ import annotations

import _sre
import re
import sys
from collections import defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.document import Document
from newsclean.filters.base import _EXTRA_CASES, CELL, STRIPPED, Needles, RuleSet, _fold, starts
from newsclean.filters.dates import clock, timestamp_kind
from newsclean.filters.features import cell_text
from newsclean.filters.footer import _compiled
from newsclean.filters.related import labels
from newsclean.rules import rules_for

_WHOLE = [(rule.id, rule.pattern) for rule in rules_for("boilerplate", "line") + rules_for("footer", "end")]
_END_MARKERS = [(rule.id, rule.pattern) for rule in rules_for("footer", "end")]
BOILER = _compiled((), ()).whole
_END = _compiled((), ()).end
BOILER_2 = RuleSet(_WHOLE, re.I, length=2)
_HEADER = labels().header
_LABELS = clock().labels
_STARTS = clock()._starts
# each rule set with the rules as written (before RuleSet splits them into their alternatives)
WRITTEN = [
    (BOILER, _WHOLE),
    (BOILER_2, _WHOLE),
    (_HEADER, _HEADER.rules),  # each rule one alternative
    (_END, _END_MARKERS),
    (_LABELS, _LABELS.rules),
]


def reference(rules: tuple[tuple[str, str], ...] | list[tuple[str, str]], flags: int, text: str) -> str | None:
    """Every rule tried, in order, as one regex: the first rule that matches names the line."""
    parts = [f"(?:{pattern})" for _, pattern in rules]
    for (name, _), part in zip(rules, parts, strict=True):
        if re.compile(part, flags).fullmatch(text):
            return name
    return None


# Lines made of the rules' own words, so that many of them match or nearly match a rule.
WORDS = ["Share", "this", "on", "Facebook", "Twitter", "Read", "more", "Related", "Source", "link", "Leave", "a",
         "Reply", "Most", "Read", "Advertisement", "Cookie", "Policy", "Tags", ":", "Teilen", "Lesen", "Sie", "auch",
         "©", "2023", "All", "rights", "reserved", "|", "Published", "Updated", "on", "Comments",
         "Pın", "it", "Lıes", "𝟓", "min", "read", "ẞ", "İ", "ſ", "K", " ", "\u00a0", "\t"]  # fmt: skip
lines = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join) | st.text(max_size=30)


@settings(max_examples=400, deadline=None)
@given(lines)
def test_dispatch_gives_the_answer_of_all_rules(text: str) -> None:
    for rules, written in WRITTEN:  # dispatched on two or three characters
        assert rules.match(text) == reference(written, rules.flags, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(lines | st.sampled_from(["Source link", " Leave a Reply", "| Most Read |", "3 hours ago"])))
def test_a_gate_finds_every_line_a_rule_can_match(texts: list[str]) -> None:
    """`RuleSet.gate` passes over lines in C: it must keep every line `match` names (and a timestamp)."""
    doc = Document.from_text("\n".join(texts))
    for rules, lead, strip in [(_END, STRIPPED, str.strip), (_HEADER, CELL, cell_text), (BOILER, CELL, cell_text)]:
        gate = rules.gate(lead)
        assert gate is not None
        found = set(doc.scan(gate))
        assert {i for i, line in enumerate(doc.lines) if rules.match(strip(line.text))} <= found
    found = set(doc.scan(_STARTS.gate(STRIPPED)))  # type: ignore[arg-type]
    assert {i for i, line in enumerate(doc.lines) if timestamp_kind(line.text)} <= found


def test_a_gate_on_real_lines() -> None:
    doc = Document.from_text("Officials said so.\n  Source link\n| Trending |\nÜber uns\n\n3 hours ago\nPrices rose.")
    ends, labels = doc.scan(_END.gate(STRIPPED)), doc.scan(_HEADER.gate(CELL))  # type: ignore[arg-type]
    assert 1 in ends and 2 in labels  # `  Source link`, `| Trending |`
    assert 0 not in ends and 5 not in ends and 0 not in labels and 5 not in labels  # prose
    assert 3 in ends and 3 in labels  # `Ü`: not ASCII, left to `match`
    assert 4 in doc.scan(_STARTS.gate(STRIPPED))  # type: ignore[arg-type]


def test_real_lines() -> None:
    assert BOILER.match("Source link") == "en.source-link"
    assert BOILER.match("SHARE THIS ARTICLE") == "en.share-buttons"
    assert BOILER.match("Pın it") == "en.share-buttons"  # dotless ı: re.I matches it to i, casefolding does not
    assert BOILER.match("𝟓 min read") == "en.reading-time"  # a digit outside the BMP
    assert BOILER.match("The ministry said on Tuesday that prices rose.") is None
    assert _HEADER.match("Most Read") == "en.related-label.most-read"


def test_starts_are_the_prefixes_matches_begin_with() -> None:
    assert starts("Source\\s+link", re.I) == {"so"}
    assert starts("(?:Foo|Bar)+x", re.I) == {"fo", "ba"}
    assert starts("a{0,3}b") == {"aa", "ab", "b"}
    assert "" in starts(".*reserved")  # a leading wildcard: tried on every line
    assert "" in starts("(?:a?)*b")  # a repeat that can match nothing ends the search as "anything"


def test_characters_equal_under_ignorecase_fold_alike() -> None:
    """Every pair of characters `re.I` matches to each other folds to the same dispatch character."""
    groups: dict[int, set[str]] = defaultdict(set)
    for code in range(sys.maxunicode + 1):
        if not 0xD800 <= code <= 0xDFFF:
            groups[_sre.unicode_tolower(code)].add(chr(code))
    candidates = [chars for chars in groups.values() if len(chars) > 1]
    candidates.append({"ı", "i", "I", "İ"})  # sre's extra case equivalences (re._casefix)
    for chars in candidates:
        for a in chars:
            regex = re.compile(re.escape(a), re.I)
            assert all(_fold(a) == _fold(b) for b in chars if regex.fullmatch(b)), a


def test_the_word_shortcut_gives_what_the_syntax_tree_gives() -> None:
    from re import _parser  # type: ignore[attr-defined]

    from newsclean.filters.base import _starts

    for rules, _ in WRITTEN:
        for _, pattern in rules.rules:
            parsed = _starts(list(_parser.parse(pattern, rules.flags)), rules.length)
            assert starts(pattern, rules.flags, rules.length) == parsed, pattern


def test_needles_fold_finds_what_ignorecase_finds() -> None:
    """A character holds a mid-line rule's string's character after `Needles.fold` exactly when `re.I` matches
    the two: checked over every code point, for the characters of every built-in `anywhere` rule's strings and
    for those sre gives extra case equivalents (`ı`, `ſ`, `ς`, …)."""
    everything = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)
    used = "".join(_compiled((), ()).needles.strings)
    chars = sorted({*used, *used.upper(), *map(chr, _EXTRA_CASES), "İ", "Σ"})
    needles = Needles(chars)
    folded = needles.fold(everything)
    assert len(folded) == len(everything)
    for char in chars:
        by_re = {m.start() for m in re.finditer(re.escape(char), everything, re.I)}
        by_fold = {m.start() for m in re.finditer(re.escape(needles.fold(char)), folded)}
        assert by_re == by_fold, char


def test_needles_lines() -> None:
    doc = Document.from_text("All rights reSERVED\nnothing\nRESERVED twice: reserved\nPın it\nNewsletter\nPin")
    doc.remove(5, "x", "gone")
    needles = Needles(["Reserved", "Pin", "rights reserved", "news"])
    assert needles.lines(doc, 400) == [[0, 2], [3], [0], [4]]
    assert needles.lines(doc, 20) == [[0], [3], [0], [4]]  # a longer line is left out
    assert needles.ids(["PIN", "reserved"]) == (0, 1)


def test_fewest_required_strings() -> None:
    from newsclean.filters.base import required_literals

    caption = r"[^()]{1,250}\((?:Fotos?|Photos?|Bild|Quelle)\s*:[^()]{1,80}\)\.?"
    assert required_literals(caption, re.I) == {"Foto", "Photo", "Bild", "Quelle"}
    assert required_literals(caption, re.I, fewest=True) == {"("}  # one pass over the text, not four
    assert required_literals(r".{0,80}All\s+rights\s+reserved", re.I, fewest=True) == {"reserved"}
