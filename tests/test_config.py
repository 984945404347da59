"""[tool.newsclean] in the nearest pyproject.toml, --config, precedence, and errors that name the key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEEDS, run_cli

from newsclean.config import ConfigError, find_pyproject, load_config

DIRTY_2 = (SEEDS / "002_history.txt").read_bytes()


def _project(tmp_path: Path, config: str) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(f"[project]\nname = 'data'\n\n[tool.newsclean]\n{config}\n")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "a.txt").write_bytes(DIRTY_2)
    return tmp_path / "articles" / "a.txt"


def test_nearest_pyproject_is_found_upwards_from_the_input(tmp_path: Path) -> None:
    article = _project(tmp_path, 'disable = ["byline"]')
    assert find_pyproject([str(article)]) == tmp_path / "pyproject.toml"
    result = run_cli(str(article))
    assert "\nAssociated Press\n" in result.stdout.decode()


def test_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.newsclean]\ndisable = ['byline']\n")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    assert find_pyproject([str(repo)]) is None


def test_command_line_beats_config(tmp_path: Path) -> None:
    article = _project(tmp_path, 'disable = ["byline"]\nformat = "jsonl"')
    record = json.loads(run_cli(str(article)).stdout)  # format from config
    assert record["author"] is None
    result = run_cli("--enable", "byline", "--format", "text", str(article))
    assert "Associated Press" not in result.stdout.decode()


def test_extra_patterns_remove_a_users_own_boilerplate(tmp_path: Path) -> None:
    article = _project(tmp_path, 'extra-patterns = ["Discover Related", "History of this .*"]\ndisable = ["related"]')
    record = json.loads(run_cli("--format", "jsonl", "--explain", str(article)).stdout)
    removed = {r["text"]: r["filter"] for r in record["removals"]}
    assert removed["History of this topic"] == "user-patterns"
    assert removed["Discover Related"] == "user-patterns"


def test_per_filter_options(tmp_path: Path) -> None:
    text = "A title for the test\n\n" + "".join(f"Headline {n} about talks\n{n} months ago\n" for n in range(1, 4))
    (tmp_path / ".git").mkdir()
    (tmp_path / "a.txt").write_text(text)
    assert run_cli(str(tmp_path / "a.txt")).stdout.decode() == "A title for the test\n"
    (tmp_path / "pyproject.toml").write_text("[tool.newsclean.options.related]\nmin_pairs = 4\n")
    assert "Headline 1 about talks" in run_cli(str(tmp_path / "a.txt")).stdout.decode()


def test_explicit_config_file(tmp_path: Path) -> None:
    (tmp_path / "newsclean.toml").write_text('disable = ["byline"]\n')
    result = run_cli("--config", str(tmp_path / "newsclean.toml"), stdin=DIRTY_2)
    assert "\nAssociated Press\n" in result.stdout.decode()


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("presets = 'fast'", "[tool.newsclean]: unknown key 'presets' (allowed: preset, format, input-format,"),
        ("preset = 'fast'", "preset = 'fast' is not allowed (choose from precision, balanced, recall)"),
        ("disable = 'byline'", "[tool.newsclean]: disable must be a list of strings, not 'byline'"),
        ("disable = ['nope']", "unknown filter 'nope' (known: "),
        ("jobs = 0", "[tool.newsclean]: jobs must be a whole number >= 1, not 0"),
        ("extra-patterns = ['(']", "extra pattern '(' is not a valid regular expression"),
        ("[tool.newsclean.options.related]\nmin_pair = 2", "bad options for filter 'related'"),
    ],
)
def test_bad_config_is_an_error_naming_file_and_key(tmp_path: Path, config: str, message: str) -> None:
    article = _project(tmp_path, config)
    result = run_cli(str(article))
    assert result.returncode == 2
    error = result.stderr.decode()
    assert error.startswith(f"newsclean: {tmp_path / 'pyproject.toml'}: ")
    assert message in error
    assert result.stdout == b""


def test_invalid_toml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "bad.toml").write_text("disable = [\n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(tmp_path / "bad.toml")
