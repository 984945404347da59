"""Boilerplate knowledge as data: the rule files shipped here (one per language, `any.toml` for rules that hold
no language) and the ones users add with `--rules FILE` or `rules = [...]` in `[tool.newsclean]`.

Each `[[rule]]` table is one kind of line (format: README, "Rules"). Filters ask `rules_for(filter, role)` for
theirs, in order: built-in files first (`FILE_ORDER`), then the user's files as given; within a file, as written.
Where two rules match one line, the first names it. A rule's id is `lang.kind` or `lang.kind.variant`: the
`kind` (`share-buttons` -> "share buttons") is the reason a removal gives, so that rules of one kind in several
languages explain themselves alike.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

# Built-in files in this order (a rule earlier in the order names a line that two rules match); any other
# built-in file follows, alphabetically.
FILE_ORDER = ("en", "de", "es", "fr", "it", "pl", "nl", "pt", "hu", "lv", "ru", "ar", "ja", "zh", "ko", "th", "any")
# filter -> its roles, the first being what a rule without a `role` is
ROLES: dict[str, tuple[str, ...]] = {
    "boilerplate": ("line", "anywhere"),  # a whole line of furniture; a line that holds the pattern's words
    "footer": ("end",),  # an end-of-article marker (also furniture when it ends nothing)
    "timestamp": ("relative", "month", "weekday", "label"),  # a relative time; the words of a date line
    "byline": ("agency", "intro", "credit"),  # a wire service; the word opening a byline, or an agency credit
    "related": ("label", "read-also"),  # a line heading a list of links; what opens a `Read more: …` teaser
}
MAX_PATTERN = 400  # characters: a longer pattern is several kinds of line (checked by the lint test)
_KEYS = {"id", "filter", "role", "lang", "pattern", "description", "remove", "keep"}
_REQUIRED = ("id", "filter", "lang", "pattern", "description")
_ID = re.compile(r"[a-z]+\.[a-z0-9-]+(?:\.[\w-]+)?")


class RulesError(ValueError):
    """A rules file that cannot be used, reported as `FILE: rule ID: MESSAGE`."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    filter: str
    role: str
    lang: str
    pattern: str
    description: str
    remove: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    source: str = ""  # the file it came from

    @property
    def kind(self) -> str:
        """`en.share-buttons.like-this` -> `share buttons`: what the removal's reason says."""
        return self.id.split(".")[1].replace("-", " ")

    def reason(self) -> str:
        """`share buttons [en.share-buttons.like-this]`: the kind, and the rule that fired."""
        return f"{self.kind} [{self.id}]"


def parse(text: str, source: str, *, compile_patterns: bool = True) -> list[Rule]:
    """The rules of one file's text (checked: known keys, required ones, a known filter and role, a pattern
    that compiles; the built-in files skip compiling every pattern at start-up: the lint test does it)."""
    if sys.version_info >= (3, 11):  # imported here: a run whose rules come from the cache needs no TOML
        import tomllib
    else:  # pragma: no cover - exercised on Python 3.10 only
        import tomli as tomllib
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"{source}: not valid TOML: {exc}") from None
    rules = []
    for table in data.get("rule", []):
        rid = table.get("id", "?")
        where = f"{source}: rule {rid}"
        unknown = set(table) - _KEYS
        if unknown:
            raise RulesError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
        missing = [key for key in _REQUIRED if not isinstance(table.get(key), str) or not table[key]]
        if missing:
            raise RulesError(f"{where}: needs {', '.join(missing)} (a non-empty string each)")
        if not _ID.fullmatch(rid) or not rid.startswith(table["lang"] + "."):
            raise RulesError(f"{where}: an id is `lang.kind` or `lang.kind.variant`, starting with its lang")
        roles = ROLES.get(table["filter"])
        if roles is None:
            raise RulesError(f"{where}: unknown filter {table['filter']!r} (rules serve: {', '.join(ROLES)})")
        role = table.get("role", roles[0])
        if role not in roles:
            raise RulesError(f"{where}: filter {table['filter']!r} has no role {role!r} ({', '.join(roles)})")
        try:
            if compile_patterns:
                re.compile(table["pattern"], re.I)
        except re.error as exc:
            raise RulesError(f"{where}: pattern does not compile: {exc}") from None
        examples = {key: tuple(table.get(key, ())) for key in ("remove", "keep")}
        if not all(isinstance(line, str) for lines in examples.values() for line in lines):
            raise RulesError(f"{where}: remove and keep are lists of strings")
        rules.append(
            Rule(
                rid,
                table["filter"],
                role,
                table["lang"],
                table["pattern"],
                table["description"],
                **examples,
                source=source,
            )
        )
    return rules


@cache
def builtin() -> tuple[Rule, ...]:
    """The rules shipped in this package, read once per process."""
    from newsclean.memo import memo

    cached = memo().get("rules")
    if cached is not None:
        return tuple(Rule(*fields) for fields in cached)
    folder = os.path.dirname(__file__)
    files = {name[:-5] for name in os.listdir(folder) if name.endswith(".toml")}
    ordered = [name for name in FILE_ORDER if name in files] + sorted(files - set(FILE_ORDER))
    rules = tuple(
        rule
        for name in ordered
        for rule in parse(Path(folder, f"{name}.toml").read_text("utf-8"), f"{name}.toml", compile_patterns=False)
    )
    memo().put("rules", tuple(tuple(getattr(rule, field) for field in Rule.__slots__) for rule in rules))
    return rules


@cache
def load(files: tuple[str, ...] = (), disabled: tuple[str, ...] = ()) -> tuple[Rule, ...]:
    """The built-in rules, then those of `files`, less the ids in `disabled`. An id defined twice, or a
    disabled id that no rule has, is an error (a typo would otherwise turn nothing off)."""
    rules = list(builtin())
    for path in files:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise RulesError(f"{path}: cannot read: {exc.strerror or exc}") from None
        rules += parse(text, path)
    seen: dict[str, Rule] = {}
    for rule in rules:
        if rule.id in seen:
            raise RulesError(f"{rule.source}: rule {rule.id}: id already used in {seen[rule.id].source}")
        seen[rule.id] = rule
    unknown = [rid for rid in disabled if rid not in seen]
    if unknown:
        raise RulesError(f"--disable-rule: no rule has the id {', '.join(unknown)}")
    off = set(disabled)
    return tuple(rule for rule in rules if rule.id not in off)


def rules_for(filter_name: str, role: str, files: Iterable[str] = (), disabled: Iterable[str] = ()) -> list[Rule]:
    """The rules one filter uses in one role, in order."""
    return [rule for rule in load(tuple(files), tuple(disabled)) if rule.filter == filter_name and rule.role == role]


def either(rules: Iterable[Rule]) -> str:
    """One pattern matching what any of `rules` matches (`(?!)`, matching nothing, for none)."""
    patterns = [rule.pattern for rule in rules]
    return "(?:" + "|".join(patterns) + ")" if patterns else "(?!)"
