"""The rule files (newsclean/rules/*.toml): tests made from the rules' own examples, a lint, users' files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsclean.api import clean
from newsclean.cli import rules_app
from newsclean.document import Document, Line
from newsclean.filters.footer import Boilerplate, Footer
from newsclean.rules import FILE_ORDER, MAX_PATTERN, ROLES, Rule, RulesError, builtin, load, parse

RULES = builtin()
PROSE = "The minister said on Tuesday that prices had risen sharply over the past year across the country."


def removed(rule: Rule, text: str, filters: tuple[Boilerplate, Footer] | None = None) -> Line:
    """`text` inside a short article, after the filter that uses `rule`: the line as that filter left it."""
    boilerplate, footer = filters or (Boilerplate(), Footer())
    if rule.role == "end":  # an end marker: what follows it goes too
        doc = Document.from_text(f"A headline\n\n{PROSE}\n\n{PROSE}\n\n{text}\n\nMore")
        footer(doc)
        return doc.lines[3]
    doc = Document.from_text(f"A headline\n\n{PROSE}\n\n{text}\n\n{PROSE}")
    boilerplate(doc)
    return doc.lines[2]


@pytest.mark.parametrize("rule", RULES, ids=[rule.id for rule in RULES])
def test_every_remove_example_is_removed_by_its_rule(rule: Rule) -> None:
    for text in rule.remove:
        line = removed(rule, text)
        assert line.removed_by == rule.filter and line.reason.find(f"[{rule.id}]") >= 0, (text, line.reason)


def test_every_keep_example_survives_the_default_pipeline() -> None:
    keeps = [(rule.id, text) for rule in RULES for text in rule.keep]
    for rule_id, text in keeps:
        assert text in clean(f"A headline\n\n{PROSE}\n\n{text}\n\n{PROSE}").body, rule_id


def test_lint() -> None:
    ids = [rule.id for rule in RULES]
    assert len(ids) == len(set(ids))
    for rule in RULES:
        assert rule.remove, f"{rule.id}: a rule with no example of a line it removes is not done"
        assert len(rule.pattern) <= MAX_PATTERN, f"{rule.id}: one kind of line per rule"
        re.compile(rule.pattern, re.I)
        assert rule.role in ROLES[rule.filter]
        assert rule.source == f"{rule.lang}.toml" and rule.id.startswith(f"{rule.lang}.")
        assert rule.description and "\n" not in rule.description
    assert {rule.lang for rule in RULES} <= set(FILE_ORDER)


def test_no_boilerplate_pattern_is_left_in_python() -> None:
    """Knowledge is data: no long regex literal in the filters that read the rule files."""
    source = (Path(__file__).parent.parent / "newsclean" / "filters" / "footer.py").read_text("utf-8")
    assert all(len(literal) <= 300 for literal in re.findall(r'r"([^"\n]*)"', source))


def test_bad_files_say_what_is_wrong(tmp_path: Path) -> None:
    base = "id = 'xx.thing'\nfilter = 'boilerplate'\nlang = 'xx'\ndescription = 'x'\n"
    with pytest.raises(RulesError, match="does not compile"):
        parse(f"[[rule]]\n{base}pattern = '(?:a'\n", "bad.toml")
    with pytest.raises(RulesError, match="unknown key"):
        parse(f"[[rule]]\n{base}pattern = 'a'\nexample = 'a'\n", "bad.toml")
    with pytest.raises(RulesError, match="no role"):
        parse(f"[[rule]]\n{base}pattern = 'a'\nrole = 'end'\n", "bad.toml")
    with pytest.raises(RulesError, match="unknown filter"):
        parse(f"[[rule]]\n{base.replace('boilerplate', 'nope')}pattern = 'a'\n", "bad.toml")
    twice = tmp_path / "twice.toml"
    twice.write_text(f"[[rule]]\n{base.replace('xx', 'en').replace('en.thing', 'en.share-buttons')}pattern = 'a'\n")
    with pytest.raises(RulesError, match="already used"):
        load((str(twice),))
    with pytest.raises(RulesError, match="no rule has the id"):
        load((), ("en.no-such-rule",))


DUTCH = """\
[[rule]]
id = "nl.share-buttons.deel-dit-artikel"
filter = "boilerplate"
lang = "nl"
pattern = 'Deel\\s+dit\\s+artikel'
description = "Share button: `Deel dit artikel`"
remove = ["Deel dit artikel"]

[[rule]]
id = "nl.source-link"
filter = "footer"
role = "end"
lang = "nl"
pattern = 'Bronvermelding'
description = "End marker: `Bronvermelding`, the link to the source"
remove = ["Bronvermelding"]
"""


def test_a_users_rules_file_is_the_whole_change(tmp_path: Path) -> None:
    """A Dutch file, data only, handled as its English counterparts are: as a filter option, on the command
    line (`--rules`) and in the config (`rules = [...]`)."""
    path = tmp_path / "nl.toml"
    path.write_text(DUTCH, encoding="utf-8")
    filters = (Boilerplate(rules=[str(path)]), Footer(rules=[str(path)]))
    for rule in parse(DUTCH, str(path)):
        for text in rule.remove:
            assert f"[{rule.id}]" in removed(rule, text, filters).reason
    english = next(rule for rule in RULES if rule.id == "en.share-buttons")
    assert removed(english, "Share this", filters).reason == "share buttons [en.share-buttons]"
    assert removed(english, "Deel dit artikel").removed_by is None  # without the file


def test_cli_rules_disable_rule_and_config(tmp_path: Path) -> None:
    from newsclean.cli import app

    (tmp_path / "nl.toml").write_text(DUTCH, encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text(f"A headline\n\n{PROSE}\n\nDeel dit artikel\n\nShare this\n\n{PROSE}\n", encoding="utf-8")
    runner = CliRunner()
    out = runner.invoke(app, ["--rules", str(tmp_path / "nl.toml"), "--explain", str(article)])
    assert out.exit_code == 0 and "Deel dit artikel" not in out.stdout
    assert "boilerplate: share buttons [nl.share-buttons.deel-dit-artikel]: Deel dit artikel" in out.output
    out = runner.invoke(app, ["--disable-rule", "en.share-buttons", str(article)])
    assert out.exit_code == 0 and "Share this" in out.stdout and "Deel dit artikel" in out.stdout
    assert runner.invoke(app, ["--disable-rule", "en.nope", str(article)]).exit_code == 2
    (tmp_path / "pyproject.toml").write_text('[tool.newsclean]\nrules = ["nl.toml"]\n', encoding="utf-8")
    (tmp_path / ".git").mkdir()
    out = runner.invoke(app, [str(article)])
    assert out.exit_code == 0 and "Deel dit artikel" not in out.stdout


def test_jsonl_removals_name_the_rule() -> None:
    import json

    from newsclean.writers import format_jsonl

    doc = clean(f"A headline\n\n{PROSE}\n\nShare this\n\nPrices fell again on Wednesday, officials said.")
    record = json.loads(format_jsonl(doc, explain=True))
    assert record["removed"] == {"boilerplate": 1}
    assert {"share buttons [en.share-buttons]"} == {
        r["reason"] for r in record["removals"] if r["filter"] == "boilerplate"
    }


def test_newsclean_rules_lists_every_rule(tmp_path: Path) -> None:
    out = CliRunner().invoke(rules_app, [])
    assert out.exit_code == 0 and len(out.stdout.splitlines()) == len(RULES)
    assert out.stdout.splitlines()[0].split()[:3] == ["en.comment-form", "boilerplate:line", "en"]
    (tmp_path / "nl.toml").write_text(DUTCH, encoding="utf-8")
    out = CliRunner().invoke(rules_app, ["--rules", str(tmp_path / "nl.toml")])
    assert "nl.share-buttons.deel-dit-artikel" in out.stdout
