"""The page-dump detector: whole-page text dumps lose the page around the article; clean text is untouched."""

from __future__ import annotations

import pytest
from conftest import FIXTURES, run_cli

from newsclean import clean
from newsclean.document import Document
from newsclean.filters.dump import PageDump, detect_languages, stoplists
from newsclean.pipeline import build_pipeline

DUMPS = FIXTURES / "dumps"
PAIRS = sorted(p.stem for p in DUMPS.glob("*.txt"))

# Real navigation lines from the dump of a news page.
MENU = ["Zum Inhalt springen", "ZEIT ONLINE", "Menu Schließen", "Abo", "Shop", "Jobs", "Politik", "Gesellschaft"]
MENU += ["Wirtschaft", "Kultur", "Wissen", "Digital", "Campus", "Arbeit", "Sport", "Anmelden / Registrieren"]
ARTICLE = [
    # a real line of the article on that page:
    "Touristen und Börsenhändler waren überrascht, als sich plötzlich mit Kunstblut besudelte Gestalten auf das "
    "Pflaster vor der New Yorker Börse warfen.",
    # and two of our own in the same style:
    "Die Gruppe wollte damit zeigen, wie eng die Banken der Stadt mit den Unternehmen verbunden sind, die Kohle, "
    "Öl und Gas fördern und verbrennen.",
    "Schon in der Woche davor hatten sich in mehreren Städten Demonstranten vor den Filialen einer großen Bank "
    "versammelt, die solche Projekte seit Jahren finanziert.",
]
FOOTER = ["Impressum", "AGB", "Datenschutz", "Mediadaten", "Presse", "Karriere", "Hilfe", "Nach oben"]


def _dump() -> str:
    return "\n\n".join(["Bohren, bis es heiß wird | ZEIT ONLINE", *MENU, *ARTICLE, *FOOTER])


def test_menu_and_footer_lines_are_removed_and_the_article_kept() -> None:
    doc = clean(_dump())
    assert doc.body == "\n\n".join(ARTICLE)
    removed = {line.text: line for line in doc.removals()}
    assert removed["Zum Inhalt springen"].removed_by == "dump"
    assert removed["Zum Inhalt springen"].reason == "before main block (short: 3 words)"
    assert removed["Nach oben"].reason == "after main block (short: 2 words)"
    assert doc.title == "Bohren, bis es heiß wird"


def test_a_long_line_without_stopwords_reports_its_density() -> None:
    links = "About | Recipes | Growing guides | Shop | Contact | Privacy | Terms | Sitemap | RSS | Jobs | Events"
    doc = clean(_dump() + "\n\n" + links)
    line = next(line for line in doc.lines if line.text == links)
    assert line.removed_by == "dump"
    assert "stopword density 0.00" in line.reason and "German" in line.reason


def test_a_short_line_inside_the_article_is_kept() -> None:
    text = "\n\n".join(
        ["Bohren, bis es heiß wird | ZEIT ONLINE", *MENU, ARTICLE[0], "Die Rolle der Banken", *ARTICLE[1:]]
    )
    assert "Die Rolle der Banken" in clean(text).body


def test_clean_article_is_not_a_dump() -> None:
    article = "Ad sales boost Time Warner profit\n\n" + "\n\n".join(ARTICLE)
    doc = clean(article)
    assert doc.to_text() == article
    assert doc.counts() == {}


def test_results_list_after_a_clean_article_is_kept() -> None:
    """A sports story ending in a fixture list has many short lines, but no page navigation before the text."""
    fixtures = [f"Team {n} v Team {n + 1}" for n in range(20)]
    article = "Cup draw made\n\n" + "\n\n".join([*ARTICLE, *fixtures])
    assert clean(article).to_text() == article


def test_html_input_is_left_alone() -> None:
    doc = Document.from_text(_dump(), input_format="html")
    PageDump()(doc)
    assert doc.removals() == []


def test_presets_move_the_thresholds() -> None:
    precision, balanced, recall = (
        next(f for f in build_pipeline(p).filters if f.name == "dump") for p in ("precision", "balanced", "recall")
    )
    assert precision.min_junk_lines > balanced.min_junk_lines > recall.min_junk_lines
    assert precision.penalty < balanced.penalty < recall.penalty


def test_language_is_the_stoplist_with_most_hits() -> None:
    from collections import Counter

    words = Counter(" ".join(ARTICLE).lower().split())
    languages, rate = detect_languages(words)
    assert "German" in languages and rate > 0.2
    assert all(isinstance(words, frozenset) for words in stoplists().values())


def test_cleaning_a_dump_twice_changes_nothing() -> None:
    once = clean(_dump()).to_text()
    assert clean(once).to_text() == once


@pytest.mark.parametrize("name", PAIRS)
def test_dump_fixture_matches_expected(name: str) -> None:
    result = run_cli(f"fixtures/dumps/{name}.txt")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == (DUMPS / "expected" / f"{name}.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", PAIRS)
def test_dump_fixture_expected_is_a_fixed_point(name: str) -> None:
    expected = (DUMPS / "expected" / f"{name}.txt").read_bytes()
    assert run_cli(stdin=expected).stdout == expected


SECOND_HALF = [
    "Die Polizei trug die Demonstranten nach einer Stunde von der Straße, und die Börse öffnete wie an jedem "
    "anderen Tag, als wäre nichts geschehen.",
    "Die Veranstalter kündigten an, dass sie in den kommenden Wochen auch vor den Zentralen anderer Banken in der "
    "Stadt auftreten wollen, bis sich etwas ändert.",
]
TABLE = [f"{2010 + n}: {12 + n},{n} Mrd. Dollar" for n in range(12)]


def test_a_second_half_after_a_table_joins_the_article() -> None:
    text = "\n\n".join(["Bohren, bis es heiß wird | ZEIT ONLINE", *MENU, *ARTICLE, *TABLE, *SECOND_HALF, *FOOTER])
    body = clean(text).body
    assert all(line in body for line in ARTICLE + SECOND_HALF)
    assert "Impressum" not in body


def test_prose_after_a_comments_heading_does_not_join_the_article() -> None:
    comments = ["12 Kommentare", "Anna", "vor 2 Stunden", *SECOND_HALF]
    doc = Document.from_text("\n\n".join([*MENU, *ARTICLE, *TABLE, *comments, *FOOTER]))
    PageDump()(doc)  # the dump filter alone: in the pipeline the footer filter may take the comments first
    assert all(line in doc.body for line in ARTICLE)
    line = next(line for line in doc.lines if line.text == SECOND_HALF[0])
    assert line.removed_by == "dump" and line.reason.startswith("after main block (good")
    doc = Document.from_text("\n\n".join([*MENU, *ARTICLE, *TABLE, *SECOND_HALF, *FOOTER]))
    PageDump()(doc)
    assert all(line in doc.body for line in ARTICLE + SECOND_HALF)


# A subscription box of our own in the style of German news sites: furniture between a lead and the article.
PAYWALL = ["Mit Abo weiterlesen", "Digital-Abo", "Jahresabo", "99,00 EUR", "im 1. Jahr", "Jederzeit kündbar"]
PAYWALL += ["Monatsabo", "1,00 EUR", "im 1. Monat", "Jetzt testen", "Bereits Abonnent? Einloggen", "Zum Angebot"]
LEAD = (
    "Vor der New Yorker Börse warfen sich Demonstranten mit Kunstblut auf das Pflaster, um gegen die Banken der "
    "Stadt zu protestieren, die Kohle, Öl und Gas finanzieren."
)
TEASER = (
    "Im Stadtpark von Hamburg haben Gärtner in diesem Frühjahr mehr als zweitausend neue Tulpenzwiebeln gesetzt, "
    "die ab April blühen sollen."
)
LONG = (
    ARTICLE
    + SECOND_HALF
    + [
        "Auf der anderen Straßenseite blieben Passanten stehen, fotografierten die Demonstranten auf dem Pflaster und "
        "fragten die Polizisten, was hier gegen die Banken eigentlich vor sich gehe.",
        "Eine Sprecherin der Gruppe sagte später, die Banken der Stadt hätten allein im vergangenen Jahr Milliarden in "
        "neue Kohle-, Öl- und Gasprojekte gesteckt, und das wolle man nicht länger hinnehmen.",
    ]
)


def test_a_lead_set_off_by_a_paywall_box_stays_when_it_speaks_of_the_article() -> None:
    """Too short to join the article by its length alone (the article is four times longer), but about the same."""
    text = "\n\n".join(["Bohren, bis es heiß wird | ZEIT ONLINE", *MENU, LEAD, *PAYWALL, *LONG, *FOOTER])
    doc = clean(text)
    assert doc.body == "\n\n".join([LEAD, *LONG])
    assert all(line.removed_by == "dump" for line in doc.lines if line.text in PAYWALL)


def test_a_distant_teaser_on_another_subject_goes() -> None:
    text = "\n\n".join(["Bohren, bis es heiß wird | ZEIT ONLINE", *MENU, TEASER, *PAYWALL, *LONG, *FOOTER])
    doc = clean(text)
    assert doc.body == "\n\n".join(LONG)
    line = next(line for line in doc.lines if line.text == TEASER)
    assert line.removed_by == "dump" and line.reason.startswith("before main block (good")


def test_text_without_navigation_before_it_is_not_a_page_dump() -> None:
    """Text an extractor already gave has no menu above the article: the lists, headings and copyright after
    it are not the dump filter's to cut (they may be the article's: results, ingredients, a table), even
    repeated; only a page that opens with navigation is a dump."""
    sections = MENU[2:14]
    for tail in (
        [*sections, "Impressum", *sections],
        ["Das könnte Sie auch interessieren", *sections],
        [*sections, "© 2020 ZEIT ONLINE"],
    ):
        doc = Document.from_text("\n\n".join(["Bohren, bis es heiß wird", *ARTICLE, *tail]))
        PageDump()(doc)
        assert doc.removals() == []
        doc = Document.from_text("\n\n".join([*MENU, "Bohren, bis es heiß wird", *ARTICLE, *tail]))
        PageDump()(doc)
        assert doc.body == "\n\n".join(["Bohren, bis es heiß wird", *ARTICLE])


def test_teasers_under_a_related_heading_inside_the_block_go() -> None:
    """The teasers under `Verwandte Themen` read like prose and stand close enough to join the block: the heading
    ends it. A question heading in the same place is the article's own subheading and stays."""
    related = ["Verwandte Themen", TEASER, "Mehr", TEASER.replace("Hamburg", "Bremen")]
    doc = Document.from_text("\n\n".join([*MENU, *LONG, *related, *FOOTER]))
    PageDump()(doc)
    assert doc.body == "\n\n".join(LONG)
    heading = next(line for line in doc.lines if line.text == "Verwandte Themen")
    assert heading.removed_by == "dump" and heading.reason.startswith("after main block (short")
    shared = [*MENU, *LONG, "Teilen Sie diesen Artikel", TEASER, *FOOTER]
    doc = Document.from_text("\n\n".join(shared))
    PageDump()(doc)
    assert doc.body == "\n\n".join(LONG)
    doc = Document.from_text("\n\n".join([*MENU, *LONG, "Was empfehlen die Veranstalter?", *SECOND_HALF, *FOOTER]))
    PageDump()(doc)
    assert doc.body == "\n\n".join([*LONG, "Was empfehlen die Veranstalter?", *SECOND_HALF])


def test_an_english_page_is_not_read_with_a_stoplist_of_another_script() -> None:
    """jusText's Marathi list holds `the`, `industry`, `data` and `market`: on a business page it out-scored
    English, every English line looked like furniture, and a whole Reuters story was cut."""
    from collections import Counter

    from newsclean.filters.dump import detect_languages, stoplists

    text = (
        "The former chief financial officer of the company will plead guilty to perjury charges in New York, "
        "according to a report on Monday. Industry data showed the market for the group's shares fell on the news, "
        "and a lawyer for the former officer did not respond to a request for comment on the plea and the data."
    )
    languages, _ = detect_languages(Counter(text.lower().split()))
    assert languages and all("English" in name for name in languages)
    assert not {"the", "industry", "data"} & stoplists()["Marathi"]
    assert "dhe" in stoplists()["Albanian"] and "и" in stoplists()["Russian"]  # lists keep their own words
