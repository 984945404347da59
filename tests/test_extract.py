"""HTML pages: detection, decoding, extraction with trafilatura, metadata, fallbacks, then the text filters.

The pages in fixtures/html/ are small, hand-written reproductions of the structures real pages have: a nav, an
article, a related list, comments, a footer and a cookie banner; a page in cp1252 that says so in a meta charset;
one that says nothing; broken markup; a script-only page with no article at all; and an article its broken
markup puts inside an <aside> (trafilatura's default focus finds only the header's slogan).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import FIXTURES, ROOT, run_cli

import newsclean.extract
from newsclean import clean
from newsclean.extract import extract

HTML = FIXTURES / "html"
PAGES = sorted(p.stem for p in HTML.glob("*.html"))


@pytest.mark.parametrize("name", PAGES)
@pytest.mark.parametrize("fmt", ["txt", "jsonl"])
def test_page_output_matches_expected(name: str, fmt: str) -> None:
    result = run_cli("--format", "text" if fmt == "txt" else "jsonl", f"fixtures/html/{name}.html")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == (HTML / "expected" / f"{name}.{fmt}").read_text(encoding="utf-8")


def _record(*args: str, stdin: bytes | None = None) -> dict:
    result = run_cli("--format", "jsonl", *args, stdin=stdin)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_news_page_keeps_the_article_and_drops_every_kind_of_furniture() -> None:
    record = _record("fixtures/html/news_page.html")
    text = record["text"]
    assert text.startswith("RIVERSIDE — The city council voted 7-2")
    assert "Shop owners divided" in text  # a subheading inside the article stays
    assert text.endswith("the city's transport department said.")
    for furniture in ("cookies", "Home", "Most Read", "Riverside schools", "Comments", "Finally!", "Leave a Reply",
                      "Share this", "subscribe", "©", "Privacy"):  # fmt: skip
        assert furniture not in text, furniture
    assert record["title"] == "City council approves new bike lanes on Main Street"
    assert (record["sitename"], record["author"], record["date"]) == (
        "Riverside Gazette", "Maria Lopez", "2024-03-12T09:30:00Z"
    )  # fmt: skip
    assert record["url"] == "https://www.riverside-gazette.example/news/2024/03/12/bike-lanes"  # no utm_source
    assert (record["hostname"], record["language"], record["dateline"]) == (
        "www.riverside-gazette.example",
        "en",
        "RIVERSIDE",
    )
    assert (record["input_format"], record["extraction"]) == ("html", "trafilatura")


def test_comments_are_kept_on_request() -> None:
    assert "Finally!" not in _record("fixtures/html/news_page.html")["text"]
    assert "Finally! I have been waiting" in _record("--comments", "fixtures/html/news_page.html")["text"]


def test_meta_charset_decides_the_encoding() -> None:
    record = _record("fixtures/html/cp1252_meta.html")
    assert record["encoding"] == "cp1252"
    assert "“We were not consulted at all,” said Renée Dubois" in record["text"]
    assert record["title"] == "Café owners fear the “new rules”" and record["sitename"] == "Le Petit Journal"


def test_page_without_charset_is_detected_from_its_bytes() -> None:
    record = _record("fixtures/html/no_charset.html")
    assert (HTML / "no_charset.html").read_bytes().decode(record["encoding"]) == (
        HTML / "no_charset.html"
    ).read_bytes().decode("latin-1")
    assert "Place du Marché" in record["text"]


def test_broken_markup_still_gives_the_article() -> None:
    record = _record("fixtures/html/broken.html")
    assert record["text"].startswith("A winter storm knocked out power")
    assert "Schools in three districts will stay closed on Wednesday, officials said." in record["text"]
    assert "Advertisement" not in record["text"]


def test_page_with_no_article_warns_on_stderr_and_flags_the_record() -> None:
    result = run_cli("--format", "jsonl", "fixtures/html/empty_body.html")
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert record["text"] == "" and record["warnings"]
    assert result.stderr.decode().startswith("newsclean: fixtures/html/empty_body.html: warning: ")


def test_html_is_detected_by_content_on_stdin_and_in_a_txt_file(tmp_path) -> None:
    page = (HTML / "news_page.html").read_bytes()
    assert _record("-", stdin=page)["input_format"] == "html"
    saved = tmp_path / "page.txt"
    saved.write_bytes(page)
    assert _record(str(saved))["input_format"] == "html"


def test_input_format_text_forces_the_text_path() -> None:
    record = _record("--input-format", "text", "fixtures/html/broken.html")
    assert record["input_format"] == "text"
    assert "<p>" in record["text"]


def test_plain_text_run_does_not_import_trafilatura() -> None:
    code = (
        "import sys; from newsclean.cli import main; sys.argv = ['newsclean', 'fixtures/seeds/000_kxan.txt'];\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('trafilatura' in sys.modules, 'lxml' in sys.modules, file=sys.stderr)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT, timeout=120)
    assert result.stderr.decode().strip().endswith("False False")


PAGE = (HTML / "broken.html").read_text(encoding="utf-8")


def test_extraction_falls_back_to_the_baseline_when_trafilatura_finds_nothing(monkeypatch) -> None:
    monkeypatch.setattr("newsclean.extract._trafilatura", lambda tree, comments, preset: "")
    found = extract(PAGE)
    assert found.path == "baseline" and not found.warnings
    assert "Wind gusts reached 90 kilometres an hour" in found.text


def test_the_pages_code_goes_before_extraction_but_not_its_structured_data(monkeypatch) -> None:
    body = " ".join(["The harbour council approved the new ferry timetable on Tuesday evening."] * 8)
    article = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Ferry timetable",
                          "author": {"@type": "Person", "name": "Ana Ruiz"}, "articleBody": body})  # fmt: skip
    page = (
        f'<html><head><script type="application/ld+json">{article}</script><style>p {{ color: red }}</style></head>'
        "<body><nav><a href='/'>Home</a></nav><svg><title>Share on Facebook</title></svg>"
        "<div><span>Tides <script>var tides = 1;</script>are high today.</span></div></body></html>"
    )
    given: list[str] = []
    real = newsclean.extract._trafilatura

    def seen(tree, comments, preset):
        given.append(" ".join(tree.text_content().split()))
        return real(tree, comments, preset)

    monkeypatch.setattr("newsclean.extract._trafilatura", seen)
    found = extract(page)
    assert found.meta["author"] == "Ana Ruiz"  # read from the JSON-LD
    assert body in found.text  # trafilatura (its baseline rescue) still reads the JSON-LD
    assert "articleBody" in given[0] and "Tides are high today." in given[0]  # the text after a script stays
    assert "var tides" not in given[0] and "Share on Facebook" not in given[0] and "color: red" not in given[0]


def test_an_extraction_of_a_few_words_is_retried_in_recall_mode() -> None:
    found = extract((HTML / "article_in_aside.html").read_text(encoding="utf-8"))
    assert found.path == "trafilatura-recall"
    assert "The harbour council voted on Tuesday evening" in found.text
    assert found.text.rstrip().endswith("a request the council will consider next month.")
    assert "Your daily guide to the harbour." not in found.text


def test_the_recall_retry_is_the_balanced_presets_and_a_timeout_in_it_keeps_the_first_text(monkeypatch) -> None:
    page = (HTML / "article_in_aside.html").read_text(encoding="utf-8")
    assert extract(page, preset="precision").path != "trafilatura-recall"
    first = "Your daily guide to the harbour, its ferries, its tides and its people."

    def slow_recall(tree, comments, preset):
        if preset == "recall":
            raise newsclean.extract.ExtractionTimeout
        return first

    monkeypatch.setattr("newsclean.extract._trafilatura", slow_recall)
    found = extract(page)
    assert (found.path, found.text) == ("trafilatura", first)
    assert found.warnings == ["extraction's retry in recall mode took over 20s; kept the first extraction"]


def test_an_article_found_at_once_is_extracted_once(monkeypatch) -> None:
    presets: list[str] = []
    real = newsclean.extract._trafilatura

    def counted(tree, comments, preset):
        presets.append(preset)
        return real(tree, comments, preset)

    monkeypatch.setattr("newsclean.extract._trafilatura", counted)
    assert extract((HTML / "news_page.html").read_text(encoding="utf-8")).path == "trafilatura"
    assert presets == ["balanced"]


def test_extraction_that_fails_falls_back_to_the_visible_text_with_a_warning(monkeypatch) -> None:
    def broken(tree, comments, preset):
        raise ValueError("trafilatura cannot handle this page")

    monkeypatch.setattr("newsclean.extract._trafilatura", broken)
    found = extract(PAGE)
    assert found.path == "visible-text"
    assert found.warnings == ["extraction failed; fell back to the visible text"]
    assert "Schools in three districts will stay closed" in found.text


@pytest.mark.parametrize("preset", ["precision", "balanced", "recall"])
def test_presets_all_keep_the_article(preset: str) -> None:
    doc = clean((HTML / "news_page.html").read_bytes(), preset=preset)
    assert "Construction is expected to begin in June" in doc.body
    assert "Leave a Reply" not in doc.body


def test_metadata_from_the_whole_page() -> None:
    """An empty <title> falls back to the h1; a page the parser hands back as a fragment keeps its language."""
    from trafilatura.utils import load_html

    from newsclean.extract import page_metadata

    page = "<html><head><title>   </title></head><body><h1>Real headline</h1><p>x</p></body></html>"
    assert page_metadata(load_html(page)) == {"title": "Real headline"}
    page = "<?xml version='1.0'?><html lang='fr'><body><div><p>Texte</p></div></body></html>"
    assert page_metadata(load_html(page)) == {"language": "fr"}


def test_metadata_from_the_pages_schema_org_article() -> None:
    """JSON-LD names the authors, the publication day and the publisher where the meta tags do not; objects
    that are not the article (the site, a breadcrumb) are skipped, broken JSON is ignored."""
    from trafilatura.utils import load_html

    from newsclean.extract import page_metadata

    ld = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "Not the publisher", "author": {"name": "Nobody"}},
            {
                "@type": ["NewsArticle"],
                "author": [{"@type": "Person", "name": "Jane  Doe"}, {"@type": "Person", "name": "Li Wei"}],
                "datePublished": "20180619T055000+0900",
                "publisher": {"@type": "Organization", "name": "Daily Example"},
            },
        ],
    }
    page = (
        "<html><head><title>T</title><meta name='author' content='Site Staff'>"
        "<script type='application/ld+json'>{broken</script>"
        f"<script type='application/ld+json'>{json.dumps(ld)}</script></head><body><p>x</p></body></html>"
    )
    meta = page_metadata(load_html(page))
    assert meta["author"] == "Jane Doe, Li Wei"
    assert meta["date"] == "2018-06-19T05:50:00+09:00"
    assert meta["sitename"] == "Daily Example"


def test_dates_in_machine_formats_and_urls() -> None:
    from newsclean.extract import iso_date, url_date

    assert iso_date("2018/06/18") == "2018-06-18"
    assert iso_date("2023-11-06T13:00:15Z") == "2023-11-06T13:00:15Z"
    assert iso_date("20181319") == "20181319"  # no month 13: left as it is
    assert iso_date("Saturday, December 27, 2014") == "Saturday, December 27, 2014"
    assert url_date("http://www.news.cn/fortune/2023-11/17/c_1129981476.htm") == "2023-11-17"
    assert url_date("https://example.com/2014/12/27/story.html") == "2014-12-27"
    assert url_date("https://example.com/2014/12/") is None
    assert url_date("https://example.com/a/12345678901/") is None
    page = "<html><head><link rel='canonical' href='https://example.com/2014/12/27/story'></head><body>x</body></html>"
    from trafilatura.utils import load_html

    from newsclean.extract import page_metadata

    assert page_metadata(load_html(page))["date"] == "2014-12-27"


def test_a_paragraph_that_is_only_a_link_to_another_story_goes() -> None:
    """Another story's headline set as a paragraph between the article's goes, with its reason; a paragraph
    with a link inside, and a sentence that is all link, stay."""
    prose = "The council met on Tuesday to vote on the budget for the coming year, and the vote was close."
    paragraphs = [
        f"<p>{prose}</p>",
        "<p><strong><a href='/politics/budget'>GOV. MURPHY BUDGET FEATURES SPENDING HIKES, NEW TAXES</a></strong></p>",
        "<p>Read <a href='/report.pdf'>the full report</a> on the city's website before the next meeting.</p>",
        "<p><a href='/x'>The mayor said the budget would pass by the end of the month.</a></p>",
        f"<p>{prose.replace('Tuesday', 'Friday')}</p>",
    ]
    page = f"<html><body><article>{''.join(paragraphs)}</article></body></html>"
    doc = clean(page, input_format="html")
    assert "GOV. MURPHY" not in doc.body
    assert "the full report on the city's website" in doc.body
    assert "The mayor said the budget would pass" in doc.body
    (line,) = (line for line in doc.lines if line.removed_by == "link-paragraph")
    assert line.text.startswith("GOV. MURPHY") and line.reason == "a paragraph that is only a link"
    assert clean(page, input_format="html", disable=["link-paragraph"]).body.count("GOV. MURPHY") == 1
    # a link to another site is the article's source; a box's link does not take the article's subheading
    source = "<p><a href='https://www.cnn.com/2014/gen'>The generation we love to dump on</a></p>"
    heading = "<h2>What the budget means for buses</h2>"
    aside = "<aside><p><a href='/buses'>What the budget means for buses</a></p></aside>"
    page = f"<html><body><article>{paragraphs[0]}{source}{heading}{paragraphs[4]}</article>{aside}</body></html>"
    body = clean(page, input_format="html").body
    assert "The generation we love to dump on" in body and "What the budget means for buses" in body


def _lead_page(lead: str, *, after: str = "") -> str:
    body = "".join(
        f"<p>Paragraph {i} of the story says what happened at the council meeting on Tuesday, and what the mayor "
        "answered to the residents who came.</p>"
        for i in range(6)
    )
    return (
        "<html><head><title>Council closes the bridge</title></head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></header>"
        f"<div class='article-header'><h1>Council closes the old bridge</h1>{lead}<div class='byline'>By Jane Doe</div>"
        f"</div><div class='article-body'>{body}</div>{after}</body></html>"
    )


STANDFIRST = "The old bridge will close for a year of repairs, the council decided on Tuesday after a long debate."


def test_the_standfirst_an_extractor_left_out_opens_the_text() -> None:
    text = extract(_lead_page(f"<div class='article__lead'>{STANDFIRST}</div>")).text
    assert text.startswith(STANDFIRST + "\nParagraph 0 of the story")
    assert text.count(STANDFIRST) == 1
    # named otherwise, it is not the standfirst: a caption, or a teaser of another story after the article
    assert STANDFIRST not in extract(_lead_page(f"<div class='lead-image__caption'>{STANDFIRST}</div>")).text
    teaser = f"<aside><div class='teaser'>{STANDFIRST}</div></aside>"
    assert STANDFIRST not in extract(_lead_page("", after=teaser)).text


def test_a_list_of_key_points_before_the_text_opens_it_one_point_a_line() -> None:
    points = [
        "The council voted to close the old bridge for a year of repairs.",
        "Residents will have to take a detour of twenty minutes until the work is done.",
    ]
    box = f"<div class='RenderKeyPoints-list'><ul>{''.join(f'<li>{point}</li>' for point in points)}</ul></div>"
    text = extract(_lead_page(box)).text
    assert text.startswith("\n".join(points) + "\nParagraph 0 of the story")


@pytest.mark.parametrize(
    "ld",
    ['{"@type": {"x": 1}}', '{"@type": [["NewsArticle"]]}', '[1, "x", null]', '{"@graph": "x"}', "{broken"],
)
def test_hostile_json_ld_never_breaks_a_page(ld: str) -> None:
    page = f"<html><head><script type='application/ld+json'>{ld}</script></head><body><p>{'Text. ' * 20}</p></body>"
    assert "Text." in clean(page + "</html>", input_format="html").body


def test_the_first_json_ld_article_is_the_pages() -> None:
    from trafilatura.utils import load_html

    from newsclean.extract import page_metadata

    own = {"@type": "NewsArticle", "datePublished": "2024-03-01", "author": [{"name": "A B"}, {"name": "A B"}]}
    other = {"@type": "NewsArticle", "datePublished": "1999-09-09", "author": {"name": "Other Person"}}
    scripts = "".join(f"<script type='application/ld+json'>{json.dumps(item)}</script>" for item in (own, other))
    meta = page_metadata(load_html(f"<html><head>{scripts}</head><body><p>x</p></body></html>"))
    assert (meta["author"], meta["date"]) == ("A B", "2024-03-01")


@pytest.mark.parametrize(
    "lead",
    [
        "<div class='teaser'><p>Elsewhere: a new school opens in the north, with a pool and a garden.</p></div>",
        "<div class='summary' style='display: none'>" + STANDFIRST + "</div>",
        "<div class='author-description'>Jane Doe has covered the old bridge and the council for ten years.</div>",
    ],
)
def test_what_is_not_the_standfirst_stays_out(lead: str) -> None:
    """Another story's teaser (no word of this one), a hidden summary, an author's box."""
    text = extract(_lead_page(lead)).text
    assert text.startswith("Paragraph 0 of the story")


def test_the_standfirst_follows_the_article_headline_not_the_sites_logo() -> None:
    logo = "<header><h1 class='site-logo'>Valley News</h1><div class='site-description'>Independent news from the"
    logo += " valley since 1890, every council meeting and every bridge.</div></header>"
    page = _lead_page(f"<div class='article__lead'>{STANDFIRST}</div>").replace("<header>", logo + "<header>", 1)
    text = extract(page).text
    assert text.startswith(STANDFIRST) and "since 1890" not in text


def test_a_box_around_the_first_paragraph_is_not_a_standfirst() -> None:
    box = "<div class='article-intro'><span class='byline'>By Jane Doe</span><span>Share this</span><p>"
    box += "Paragraph 0 of the story says what happened at the council meeting on Tuesday.</p></div>"
    text = extract(_lead_page(box)).text
    assert not text.startswith("By Jane Doe")


def test_embedded_posts_go_on_request() -> None:
    prose = "The council met on Tuesday to vote on the budget for the coming year, and the vote was close."
    tweet = (
        "<blockquote class='twitter-tweet'><p lang='en'>The vote was close tonight, and the bridge will close.</p>"
        "&mdash; Jane Doe (@janedoe) <a href='https://twitter.com/x/status/1'>March 1, 2024</a></blockquote>"
    )
    page = f"<html><body><article><p>{prose}</p>{tweet}<p>{prose.replace('Tuesday', 'Friday')}</p></article>"
    page += "</body></html>"
    kept = clean(page, input_format="html").body
    assert "(@janedoe)" in kept  # off by default: a quoted post may be the story's
    doc = clean(page, input_format="html", enable=["embed"])
    assert "(@janedoe)" not in doc.body and "The vote was close tonight" not in doc.body
    assert {line.reason for line in doc.lines if line.removed_by == "embed"} == {"an embedded social post"}


def test_a_json_ld_author_given_by_reference_is_found_in_the_graph() -> None:
    from trafilatura.utils import load_html

    from newsclean.extract import page_metadata

    graph = {
        "@graph": [
            {"@type": "NewsArticle", "author": {"@id": "https://x.org/#/person/1"}, "datePublished": "2024-02-28"},
            {"@type": "Person", "@id": "https://x.org/#/person/1", "name": "Jason Miciak"},
        ]
    }
    page = f"<html><head><script type='application/ld+json'>{json.dumps(graph)}</script></head><body>x</body></html>"
    assert page_metadata(load_html(page))["author"] == "Jason Miciak"


def _widget_page(*, wrapper: str = "") -> str:
    story = "".join(
        f"<p>Paragraph {i} of the story says what happened at the council meeting on Tuesday, and what the mayor "
        "answered to the residents who came to ask about the bridge.</p>"
        for i in range(5)
    )
    signup = (
        "<div class='subscribe-form'><form action='?newsletter'><p>We send this newsletter once a week, and you can "
        "leave it at any time.</p><button type='submit'>Confirm</button></form></div>"
    )
    cookies = "<div id='privacy-notice' class='cookiemsg'><p>This portal uses cookies. By using it you agree.</p></div>"
    modal = "<div class='modal fade'><div class='modal-content'><p>Thanks for signing up!</p></div></div>"
    shop = (
        "<form class='productform'><p>"
        + " ".join(["This thick blanket is embroidered with the name of your cat and sewn in two layers."] * 3)
        + "</p><button>Add to cart</button></form>"
    )
    article = f"<article><h1>Council votes on the bridge</h1>{story}{signup}</article>"
    body = f"{article}{shop}{modal}{cookies}"
    if wrapper:
        body = f"<{wrapper}>{body}</{wrapper.split()[0]}>"
    return f"<html><body>{body}</body></html>"


def test_the_text_of_forms_dialogs_and_notices_is_marked_in_any_language() -> None:
    """What only a form, a button, a dialog or a box named cookie/newsletter/modal holds is the page's widget
    text, when the extraction holds some (an extractor's fallback took the whole body); prose in a form (a shop's
    product text) and text the article also holds are not."""
    from trafilatura.utils import load_html

    from newsclean.extract import widget_texts

    fallback = "Council votes on the bridge\nParagraph 0 of the story\nConfirm\nThanks for signing up!"
    widgets = widget_texts(load_html(_widget_page()), fallback)
    assert "we send this newsletter once a week, and you can leave it at any time." in widgets
    assert {"confirm", "thanks for signing up!", "this portal uses cookies. by using it you agree."} <= widgets
    assert not any("blanket" in text for text in widgets) and "add to cart" in widgets  # its button is one
    assert not any("council" in text for text in widgets)
    # an extraction that holds none of it (trafilatura's own path drops forms and buttons): no search
    assert widget_texts(load_html(_widget_page()), "Council votes on the bridge\nParagraph 0 of the story") == set()
    # a wrapper around the whole page (ASP.NET's form, a `div.modal-open`) holds the article: it is no widget, and
    # the widgets inside it still are
    for wrapper in ("form", "div class='page' role='dialog'", "div class='modal-open'"):
        widgets = widget_texts(load_html(_widget_page(wrapper=wrapper)), fallback)
        assert not any("council" in text or "paragraph" in text for text in widgets)
        assert {"confirm", "thanks for signing up!"} <= widgets


def _story(n: int = 7) -> str:
    return "".join(
        f"<p>Step {i}: bake the cookies for twelve minutes, and let them cool on the rack before you ice them.</p>"
        for i in range(n)
    )


@pytest.mark.parametrize(
    "page",
    [
        # a post's tags among its classes (WordPress), with a comment thread longer than the post
        f"<html><body><div class='post type-post tag-cookies'><h2>Our best cookies</h2>{_story()}</div>"
        + "<ol class='comments'>"
        + "<li>I baked them twice and my children loved every one of them.</li>" * 30
        + "</ol></body></html>",
        # a paywall wrapper: a hint inside another word
        f"<html><body><div class='subscriber-content'>{_story()}</div></body></html>",
        # the story in a box named modal, the headline outside, and a script larger than the page's text
        "<html><body><h1>Our best cookies</h1><div class='modal' role='dialog'>"
        + _story(3)
        + "</div><script>"
        + "var x = 1; " * 2000
        + "</script><button>Confirm</button></body></html>",
        # an accordion: its buttons are the questions of a FAQ; a lightbox: its caption is the picture's
        "<html><body><h2>Questions</h2><button aria-expanded='false'>How long do the cookies keep?</button>"
        "<div role='dialog'><figure><img src='a.jpg'><figcaption>The cookies on the rack.</figcaption></figure>"
        "</div><button>Confirm</button></body></html>",
    ],
)
def test_article_text_is_never_a_widget(page: str) -> None:
    from trafilatura.utils import load_html

    from newsclean.extract import widget_texts

    text = "Confirm\nHow long do the cookies keep?\nThe cookies on the rack.\n" + "\n".join(
        f"Step {i}: bake the cookies for twelve minutes, and let them cool on the rack before you ice them."
        for i in range(7)
    )
    widgets = widget_texts(load_html(page), text)
    assert not any("step" in part or "keep?" in part or "rack." in part for part in widgets)


def test_a_widget_line_the_article_also_holds_stays() -> None:
    from trafilatura.utils import load_html

    from newsclean.extract import widget_texts

    said = "The mayor said the bridge would open next spring."
    page = (
        f"<html><body><article><h1>Bridge</h1>{_story()}<p>{said}</p></article><div class='newsletter'><p>{said}</p>"
        "<p>Sign up for the weekly newsletter.</p></div></body></html>"
    )
    widgets = widget_texts(load_html(page), f"{said}\nSign up for the weekly newsletter.")
    assert "sign up for the weekly newsletter." in widgets and said.casefold() not in widgets


def test_widget_lines_go_with_their_reason_and_the_rest_stays() -> None:
    from newsclean.document import Document
    from newsclean.pipeline import default_pipeline

    lines = [
        "Council votes on the bridge",
        "The council met on Tuesday to vote on the bridge, and the vote was close after a long debate.",
        "Confirm",
        "We send this newsletter once a week, and you can leave it at any time.",
        "The mayor said the bridge would open next spring, after the works on the river bank are done.",
    ]
    widgets = frozenset({"confirm", "we send this newsletter once a week, and you can leave it at any time."})
    doc = default_pipeline()(Document.from_blocks(lines, input_format="html", widgets=widgets))
    assert doc.body.split("\n\n") == [lines[1], lines[4]]
    assert {line.reason for line in doc.lines if line.removed_by == "widget"} == {"text of a form, dialog or notice"}
    assert default_pipeline()(Document.from_blocks(lines, input_format="html")).body.count("Confirm") == 1
