"""Site templates (newsclean/templates.py, filters/template.py): learned from a corpus, applied from a file."""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURES, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsclean import templates
from newsclean.api import load
from newsclean.templates import Learner, LineFacts, Templates, TemplatesError, line_key

CORPUS = FIXTURES / "templates" / "corpus"  # three sites; a wire story on all three, twice on one
EXPECTED = FIXTURES / "templates" / "expected"
POLL = "Poll: Should the harbor ferry run on Sundays?"
WIRE = "storm-power.txt"


def _site_lines(site: Path) -> tuple[set[str], set[str]]:
    """The lines of a site's inputs that every page has (its template) and the others (articles and titles)."""
    counts = Counter(line for page in site.glob("*.txt") for line in set(page.read_text().splitlines()) if line)
    pages = len(list(site.glob("*.txt")))
    return {line for line, n in counts.items() if n == pages}, {line for line, n in counts.items() if n < pages}


def test_a_site_template_goes_and_every_sentence_of_every_story_stays(tmp_path: Path) -> None:
    result = run_cli(str(CORPUS), "-o", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for site in sorted(CORPUS.iterdir()):
        template, article = _site_lines(site)
        for page in site.glob("*.txt"):
            out = (tmp_path / site.name / page.name).read_text()
            assert out == (EXPECTED / site.name / page.name).read_text()
            kept = set(out.splitlines())
            assert not template & kept, page
            assert {line for line in page.read_text().splitlines() if line in article} <= kept, page


def test_the_wire_story_printed_on_three_sites_and_twice_on_one_keeps_its_sentences(tmp_path: Path) -> None:
    run_cli(str(CORPUS), "-o", str(tmp_path))
    story = (CORPUS / "plains-courier.example" / WIRE).read_text().splitlines()
    paragraphs = [line for line in story if line.startswith(("PORTLAND", "Utility", "“We", "Schools", "The governor"))]
    assert len(paragraphs) == 5
    copies = [*tmp_path.glob(f"*/{WIRE}"), tmp_path / "harbor-times.example" / "storm-power-update.txt"]
    assert len(copies) == 4
    for copy in copies:
        assert set(paragraphs) <= set(copy.read_text().splitlines()), copy


def test_without_templates_the_template_stays() -> None:
    result = run_cli("--no-templates", str(CORPUS / "harbor-times.example"))
    assert POLL in result.stdout.decode()
    assert POLL not in run_cli(str(CORPUS / "harbor-times.example")).stdout.decode()


def test_explain_and_summary_name_the_template() -> None:
    result = run_cli("--explain", str(CORPUS / "harbor-times.example"))
    err = result.stderr.decode()
    assert f"ferry-schedule.txt:23: template: in 6 of 6 documents (5 stories) from harbor-times.example: {POLL}" in err
    assert "newsclean: learned the templates of 1 site (13 lines) from 6 documents" in err
    assert err.splitlines()[-1].startswith("newsclean: 6 documents, 78 lines removed (template 78")


def test_learn_writes_a_file_a_person_can_read_and_apply(tmp_path: Path) -> None:
    target = tmp_path / "templates.json"
    result = run_cli("templates", "learn", str(CORPUS), "-o", str(target), "-q")
    assert result.returncode == 0, result.stderr
    data = json.loads(target.read_text())
    assert sorted(data["sites"]) == ["harbor-times.example", "plains-courier.example", "valley-ledger.example"]
    harbor = data["sites"]["harbor-times.example"]
    assert (harbor["documents"], harbor["stories"]) == (6, 5)  # the wire story and its update are one story
    assert {"text": POLL, "documents": 6, "stories": 5} in harbor["lines"]
    # applied to one file, no learning: the same result as the batch gave it
    page = CORPUS / "harbor-times.example" / "lighthouse.txt"
    alone = run_cli("--templates", str(target), str(page))
    assert alone.stdout.decode() == (EXPECTED / "harbor-times.example" / "lighthouse.txt").read_text()
    # stdin has no folder: --site names the site
    piped = run_cli("--templates", str(target), "--site", "harbor-times.example", stdin=page.read_bytes())
    assert piped.stdout == alone.stdout
    # a reviewer removes a line from the file: it is no longer removed
    harbor["lines"] = [line for line in harbor["lines"] if line["text"] != POLL]
    target.write_text(json.dumps(data))
    assert POLL in run_cli("--templates", str(target), str(page)).stdout.decode()


def test_a_templates_file_from_the_config_applies_and_cleaning_again_changes_nothing(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(CORPUS, repo / "data")
    (repo / ".git").mkdir()
    run_cli("templates", "learn", str(repo / "data"), "-o", str(repo / "templates.json"), "-q")
    (repo / "pyproject.toml").write_text('[tool.newsclean]\ntemplates = "templates.json"\n')
    first = run_cli("--in-place", "-q", "data", cwd=repo)
    assert first.returncode == 1, first.stderr
    for page in (repo / "data").rglob("*.txt"):
        assert page.read_text() == (EXPECTED / page.relative_to(repo / "data")).read_text()
    again = run_cli("--check", "data", cwd=repo)
    assert again.returncode == 0, again.stderr


def test_check_and_in_place_learn_nothing_unless_asked(tmp_path: Path) -> None:
    site = tmp_path / "harbor-times.example"
    shutil.copytree(CORPUS / "harbor-times.example", site)
    one = site / "lighthouse.txt"
    alone = run_cli("--diff", str(one)).stdout
    assert run_cli("--diff", str(site)).stdout.decode().count("+++") == 6
    together = run_cli("--diff", str(one), str(site / "school-budget.txt"), str(site / "harbor-dredging.txt")).stdout
    assert together.startswith(alone)  # the staged neighbours change nothing in a file's result
    learned = run_cli("--diff", "--learn-templates", str(site)).stdout.decode()
    assert f"-{POLL}" in learned and f"-{POLL}" not in run_cli("--diff", str(site)).stdout.decode()


def test_output_is_the_same_for_any_number_of_jobs() -> None:
    outputs = {jobs: run_cli("-j", str(jobs), "--format", "jsonl", str(CORPUS)).stdout for jobs in (1, 2, 3)}
    assert outputs[1] == outputs[2] == outputs[3]


def test_site_of_a_record_a_page_and_a_file(tmp_path: Path) -> None:
    rows = [
        {"text": "A", "site": "www.Example.com"},
        {"text": "B", "domain": "example.org"},
        {"text": "C", "url": "https://news.example.net/a?x=1"},
        {"text": "D", "publisher": "paper.example"},
    ]
    rows = [{**row, "text": f"Title {n}\n\nShared promo line\n\nStory {n}"} for row in rows for n in range(3)]
    data = tmp_path / "feed" / "data.jsonl"
    data.parent.mkdir()
    data.write_text("".join(json.dumps(row) + "\n" for row in rows))
    learned = tmp_path / "t.json"
    run_cli("templates", "learn", "-q", str(data), "-o", str(learned))
    sites = sorted(json.loads(learned.read_text())["sites"])
    assert sites == ["example.com", "example.org", "feed", "news.example.net"]
    run_cli("templates", "learn", "-q", "--site-field", "publisher", str(data), "-o", str(learned))
    assert "paper.example" in json.loads(learned.read_text())["sites"]
    page = json.loads(run_cli("--format", "jsonl", str(FIXTURES / "html" / "news_page.html")).stdout)
    assert page["site"] == "riverside-gazette.example"  # the canonical URL's host, not the folder
    text = json.loads(run_cli("--format", "jsonl", str(CORPUS / "harbor-times.example" / WIRE)).stdout)
    assert text["site"] == "harbor-times.example"  # the folder


def test_a_bad_templates_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "t.json"
    bad.write_text('{"sites": {}}')
    result = run_cli("--templates", str(bad), str(CORPUS / "harbor-times.example" / "lighthouse.txt"))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        f'newsclean: {bad}: not a templates file (expected {{"newsclean-templates": 1, "sites": …}})\n'
    )
    with pytest.raises(TemplatesError, match="cannot read templates"):
        Templates.load(str(tmp_path / "missing.json"))


def test_templates_learn_needs_files() -> None:
    result = run_cli("templates", "learn", stdin=b"text")
    assert result.returncode == 2
    assert result.stderr.decode() == "newsclean: templates learn needs files or folders: stdin can be read only once\n"


def test_dedup_learns_templates_too_and_clusters_the_wire_copies() -> None:
    records = [json.loads(line) for line in run_cli("dedup", "-q", str(CORPUS)).stdout.splitlines()]
    assert not any(POLL in r["text"] for r in records)
    wire = {r["cluster"] for r in records if r["source"].endswith(("storm-power.txt", "storm-power-update.txt"))}
    assert len(wire) == 1


# ---------------------------------------------------------------------------------------------- the learner
def _learn(pages: list[tuple[str, str]], **thresholds: object) -> Templates:
    """Learn from (site, text) pages as the batch does: their facts, in order."""
    learner = Learner(templates.Thresholds(**thresholds))  # type: ignore[arg-type]
    try:
        for site, text in pages:
            doc = load(text)
            doc.set_meta("site", site)
            learner.add(LineFacts(thresholds=learner.thresholds)(doc, ""))
        learner.decide()
        return learner.templates
    finally:
        learner.close()


def _story(n: int) -> list[str]:
    return [f"Paragraph {k} of story number {n} tells what happened in the town on day {n}." for k in (1, 2, 3)]


def _page(n: int, *extra: str) -> str:
    return "\n\n".join([f"Title {n}", "Menu", *_story(n), *extra])


def test_a_line_in_two_of_three_stories_is_template_and_copies_count_once() -> None:
    learned = _learn([("s", _page(1, "Share this")), ("s", _page(2, "Share this")), ("s", _page(3))])
    site = learned.sites["s"]
    assert (site.documents, site.stories) == (3, 3)
    assert {line_key("Menu"), line_key("share this")} == set(site.lines)
    # the same page three times is one story: nothing is template
    assert not _learn([("s", _page(1, "Share this"))] * 3).sites


def test_a_story_printed_twice_on_a_site_is_one_story() -> None:
    update = "\n\n".join([_page(1, "Share this"), "An update paragraph added later to the story, with more words."])
    learned = _learn([("s", _page(1, "Share this")), ("s", update), ("s", _page(2)), ("s", _page(3))])
    assert learned.sites["s"].stories == 3
    assert line_key("Share this") not in learned.sites["s"].lines  # only in one story (twice)
    assert line_key(_story(1)[0]) not in learned.sites["s"].lines


def test_sites_are_learned_apart_and_small_sites_not_at_all() -> None:
    learned = _learn([("a", _page(1)), ("a", _page(2)), ("a", _page(3)), ("b", _page(4)), ("b", _page(5))])
    assert set(learned.sites) == {"a"}  # two stories are not enough to tell a template


def test_shares_keep_a_big_sites_recurring_lines() -> None:
    pages = [("s", _page(n, "A columnist bio line that recurs" if n < 3 else "Menu two")) for n in range(40)]
    site = _learn(pages).sites["s"]
    assert line_key("Menu") in site.lines and line_key("Menu two") in site.lines  # on 40 and 37 of 40 stories
    assert line_key("A columnist bio line that recurs") not in site.lines  # on 3: under a tenth of the stories


def test_partitions_split_when_large_give_the_same_templates(monkeypatch: pytest.MonkeyPatch) -> None:
    pages = [("s", _page(n, f"Menu {n % 3}", "Footer")) for n in range(30)]
    whole = _learn(pages)
    monkeypatch.setattr(templates, "MAX_PAIRS", 7)
    monkeypatch.setattr(templates, "_FLUSH", 5)
    assert _learn(pages) == whole


lines = st.text(alphabet="abc de", min_size=1, max_size=12).filter(str.strip)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from("xy"), st.lists(lines, min_size=1, max_size=6)), min_size=1, max_size=12))
def test_a_line_of_one_page_is_never_template(pages: list[tuple[str, list[str]]]) -> None:
    """Whatever the corpus, a line that only one page of a site has (or only copies of one page) is never
    learned as the site's template."""
    learned = _learn([(site, "\n\n".join(["title", *body])) for site, body in pages])
    for site, body in pages:
        for line in body:
            key = line_key(line)
            holders = {tuple(b) for s, b in pages if s == site and key in map(line_key, b)}
            if len(holders) == 1 and key is not None and learned.get(site) is not None:
                assert key not in learned.sites[site].lines


def test_pages_extracted_in_the_learning_pass_give_the_same_output(tmp_path: Path) -> None:
    site = tmp_path / "riverside-gazette.example"
    site.mkdir()
    for n in range(3):
        shutil.copy(FIXTURES / "html" / "news_page.html", site / f"page{n}.html")
    learned = run_cli("--format", "jsonl", str(site))
    assert learned.returncode == 0, learned.stderr
    assert learned.stdout == run_cli("--format", "jsonl", "--no-templates", str(site)).stdout  # copies: one story


def test_a_story_updated_again_and_again_keeps_its_paragraphs() -> None:
    """Six versions of one live story among five other stories: one story, so its paragraphs are not template."""
    versions = [
        ("s", _page(1, *(f"Update {k}: the river rose another foot overnight, the mayor said." for k in range(n))))
        for n in range(6)
    ]
    learned = _learn([*versions, *(("s", _page(n)) for n in range(2, 7))])
    assert learned.sites["s"].stories == 6
    assert line_key("Menu") in learned.sites["s"].lines
    assert not {line_key(line) for line in _story(1)} & set(learned.sites["s"].lines)


def test_a_quote_in_two_of_three_stories_of_a_small_site_stays() -> None:
    quote = "“We cannot keep patching the same potholes every spring,” said the mayor at the meeting."
    learned = _learn([("s", _page(1, quote)), ("s", _page(2, quote)), ("s", _page(3))])
    assert line_key(quote) not in learned.sites["s"].lines
