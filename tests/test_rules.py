"""RuleSet: dispatching a line to the rules that can start like it must give the answer of trying them all."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.filters.base import RuleSet, starts
from newsclean.filters.dates import _LABELS
from newsclean.filters.footer import _END, BOILERPLATE, END_MARKERS
from newsclean.filters.related import _HEADER


def reference(rules: RuleSet, text: str) -> str | None:
    """Every rule tried, in order, as one regex: the first rule that matches names the line."""
    parts = [f"(?P<r{k}>{pattern})" for k, (_, pattern) in enumerate(rules.rules)]
    found = re.compile("|".join(parts), rules.flags).fullmatch(text)
    return rules.names[int(found.lastgroup[1:])] if found and found.lastgroup else None


BOILER = RuleSet(BOILERPLATE + END_MARKERS, re.I)
# Lines made of the rules' own words, so that many of them match or nearly match a rule.
WORDS = ["Share", "this", "on", "Facebook", "Twitter", "Read", "more", "Related", "Source", "link", "Leave", "a",
         "Reply", "Most", "Read", "Advertisement", "Cookie", "Policy", "Tags", ":", "Teilen", "Lesen", "Sie", "auch",
         "©", "2023", "All", "rights", "reserved", "|", "Published", "Updated", "on", "Comments",
         "ẞ", "İ", "ſ", "K", " ", "\u00a0", "\t"]  # fmt: skip
lines = st.lists(st.sampled_from(WORDS), max_size=6).map(" ".join) | st.text(max_size=30)


@settings(max_examples=400, deadline=None)
@given(lines)
def test_dispatch_gives_the_answer_of_all_rules(text: str) -> None:
    for rules in (BOILER, _HEADER, _END, _LABELS):  # dispatched on two or three characters
        assert rules.match(text) == reference(rules, text)


def test_real_lines() -> None:
    assert BOILER.match("Source link") == "source link"
    assert BOILER.match("SHARE THIS ARTICLE") == reference(BOILER, "SHARE THIS ARTICLE") is not None
    assert BOILER.match("The ministry said on Tuesday that prices rose.") is None
    assert _HEADER.match("Most Read") == "label"


def test_starts_are_the_prefixes_matches_begin_with() -> None:
    assert starts("Source\\s+link", re.I) == {"so"}
    assert starts("(?:Foo|Bar)+x", re.I) == {"fo", "ba"}
    assert starts("a{0,3}b") == {"aa", "ab", "b"}
    assert "" in starts(".*reserved")  # a leading wildcard: tried on every line
    assert "" in starts("(?:a?)*b")  # a repeat that can match nothing ends the search as "anything"
