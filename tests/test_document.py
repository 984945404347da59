"""Document: lines, paragraphs, the removal trace and the whole-text searches filters use."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean.document import Document

ID_LINE = re.compile(r"\n(?=[0-9a-f.]{12,}(?:\n|\Z))")


def test_lines_paragraphs_and_numbers() -> None:
    doc = Document.from_text("Title  \n\nFirst line\nsecond line\n\n\n\tThird \r\nend")
    assert [(line.text, line.para, line.number) for line in doc.lines] == [
        ("Title", 0, 1),
        ("First line", 1, 3),
        ("second line", 1, 4),
        ("\tThird", 2, 7),
        ("end", 2, 8),
    ]


def test_scan_and_containing_find_live_lines_only() -> None:
    doc = Document.from_text("see http://x.com/?a=1\n6489b3d5873571.38868013\nplain\nhttp again\nab\n0123456789abcdef")
    assert doc.containing("http") == [0, 3]
    assert doc.scan(ID_LINE) == [1, 5]
    doc.remove(3, "test", "gone")
    doc.remove(5, "test", "gone")
    assert doc.containing("http") == [0]
    assert doc.scan(ID_LINE) == [1]
    assert doc.live() == [0, 1, 2, 4]


def test_an_edit_is_seen_by_later_searches() -> None:
    doc = Document.from_text("a http link\nplain")
    assert doc.containing("http") == [0]
    assert doc.scan(ID_LINE) == []
    doc.edit(0, "a link", "test", "edited")
    assert doc.containing("http") == []
    doc.edit(1, "6489b3d5873571.38868013", "test", "edited")
    assert doc.scan(ID_LINE) == [1]  # found once per edit, not kept from before it


def test_empty_document() -> None:
    doc = Document.from_text("")
    assert doc.scan(ID_LINE) == [] and doc.containing("x") == [] and doc.live() == []


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="ab \t|x", min_size=1, max_size=8), max_size=12), st.sets(st.integers(0, 11)))
def test_containing_is_the_lines_that_contain(texts: list[str], removed: set[int]) -> None:
    doc = Document.from_text("\n".join(texts))
    for i in removed & set(range(len(doc.lines))):
        doc.remove(i, "test", "gone")
    for needle in ("a", "ab", "x|", " "):
        assert doc.containing(needle) == [i for i in doc.live() if needle in doc.lines[i].text]
    starting = re.compile(r"\n(?=[ab])")
    assert doc.scan(starting) == [i for i in doc.live() if doc.lines[i].text[:1] in ("a", "b")]


def test_extracted_blocks_lose_their_invisible_characters_and_blank_blocks() -> None:
    doc = Document.from_blocks(["Zero\u200bwidth  joined", "", "\ufeffA   page's   text", "\x00\u2060"])
    assert [(line.text, line.para, line.number) for line in doc.lines] == [
        ("Zerowidth joined", 0, 1),
        ("A page's text", 1, 3),
    ]
    assert [line.text for line in Document.from_blocks(["Plain  text", "Next"]).lines] == ["Plain text", "Next"]
