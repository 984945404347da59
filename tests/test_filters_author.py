from __future__ import annotations

from newsclean import clean
from newsclean.document import Document
from newsclean.filters.author import AuthorNotes

BODY = [
    "The council voted on Tuesday to close the old bridge for repairs that will take most of the year.",
    "Residents said the detour would add twenty minutes to their commute, and shop owners feared the worst.",
    "“We will get through it,” said Maria Lopez, who runs the bakery on the corner of Main Street.",
    "Work starts in May.",
]
BIO = "Chris Pandolfo is a writer for Fox News Digital. Send tips to chris.pandolfo@fox.com."


def _removed(lines: list[str], author: str, sitename: str = "") -> list[str]:
    doc = Document.from_text("\n\n".join(lines))
    doc.set_meta("author", author)
    doc.set_meta("sitename", sitename)
    return [line.text for line in AuthorNotes()(doc).removals()]


def test_a_note_about_the_author_at_the_end_or_the_top_goes() -> None:
    assert _removed([*BODY, BIO], "Chris Pandolfo") == [BIO]
    assert _removed([BIO, *BODY], "Jane Doe, Chris Pandolfo") == [BIO]
    assert _removed([*BODY, "Chris Pandolfo contributed reporting from Trenton."], "Chris Pandolfo") == [
        "Chris Pandolfo contributed reporting from Trenton."
    ]


def test_the_authors_name_inside_the_article_or_someone_elses_at_the_end_stays() -> None:
    middle = [BODY[0], BIO, *BODY[1:], "The bridge opened in 1931."]
    assert _removed(middle, "Chris Pandolfo") == []
    assert _removed([*BODY, "Maria Lopez said she would keep the bakery open."], "Chris Pandolfo") == []


def test_one_word_authors_and_the_site_are_not_names() -> None:
    assert _removed([*BODY, "Reuters contributed to this report."], "Reuters") == []
    assert _removed([*BODY, "Daily Example is a member of the press council."], "Daily Example", "Daily Example") == []


def test_short_documents_are_left_alone() -> None:
    assert _removed(["Chris Pandolfo on the bridge.", "Work starts in May."], "Chris Pandolfo") == []


def test_in_the_pipeline_the_author_from_the_page_finds_the_note() -> None:
    paragraphs = "".join(f"<p>{line}</p>" for line in [*BODY, BIO])
    page = f"<html><head><meta name='author' content='Chris Pandolfo'></head><body><article>{paragraphs}</article>"
    doc = clean(page + "</body></html>", input_format="html")
    assert "is a writer for Fox News Digital" not in doc.body
    assert doc.body.endswith("Work starts in May.")


def test_cleaning_twice_changes_nothing_more() -> None:
    credit = "Chris Pandolfo contributed reporting from Trenton."
    lines = [*BODY, credit, "Work on the roads starts in June.", BIO, BIO.replace("tips", "news")]
    doc = Document.from_text("\n\n".join(lines))
    doc.set_meta("author", "Chris Pandolfo")
    first = [line.text for line in AuthorNotes()(doc).removals()]
    again = Document.from_text(doc.body)
    again.set_meta("author", "Chris Pandolfo")
    assert [line.text for line in AuthorNotes()(again).removals()] == []
    assert credit in first and BIO in first


def test_a_longer_name_or_an_interview_line_is_not_a_note() -> None:
    assert _removed([*BODY, "Ann Leeds, the council's treasurer, said the bridge would cost more."], "Ann Lee") == []
    assert _removed([*BODY, "Chris Pandolfo: What happens to the bakery now?"], "Chris Pandolfo") == []
