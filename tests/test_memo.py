"""The start-up cache: results derived from the built-in rules, kept on disk between runs."""

from __future__ import annotations

from pathlib import Path

from newsclean.filters.base import required_literals, starts
from newsclean.memo import Memo
from newsclean.rules import builtin, parse


def test_a_memo_is_read_back(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "derived.marshal"
    memo = Memo(str(path))
    memo.put(("starts", "a|b", 2, 3), (2, "a\\0b"))
    memo.save()
    assert Memo(str(path)).get(("starts", "a|b", 2, 3)) == (2, "a\\0b")
    path.write_bytes(b"not marshal")
    assert Memo(str(path)).data == {}  # a broken file is ignored
    (tmp_path / "file").write_text("")
    blocked = Memo(str(tmp_path / "file" / "derived.marshal"))  # its folder cannot be made: a file is there
    blocked.put("key", 1)
    blocked.save()  # says nothing


def test_the_cached_rules_are_the_files() -> None:
    folder = Path(__file__).parent.parent / "newsclean" / "rules"
    parsed = [rule for rule in builtin() if rule.source == "en.toml"]
    assert parsed == parse((folder / "en.toml").read_text("utf-8"), "en.toml")


def test_cached_derivations_give_what_computing_gives() -> None:
    assert starts(r"\s*(?:Foo|Bar)", 0, 3) == starts(r"\s*(?:Foo|Bar)", 0, 3)
    assert "fo" in {prefix[:2] for prefix in starts(r"\s*(?:Foo|Bar)", 2, 3) if prefix}
    assert required_literals(r".{0,80}All\s+rights\s+reserved") == {"reserved"}
