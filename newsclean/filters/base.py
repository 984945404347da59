"""The Filter protocol: a small, pure, picklable object with a stable name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import ClassVar

from newsclean.document import Document


class Filter:
    """A step of the pipeline. Subclasses set `name` and `description` and implement `apply`.

    Options are plain constructor arguments; `presets` maps a preset name to the options it sets, so
    `--preset precision` can tighten every filter at once. A filter never does I/O.
    """

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""
    default: ClassVar[bool] = True  # part of the default pipeline
    presets: ClassVar[dict[str, dict[str, object]]] = {}

    def __call__(self, doc: Document) -> Document:
        self.apply(doc)
        return doc

    def apply(self, doc: Document) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({opts})"


class LineFilter(Filter):
    """A filter that judges each remaining line on its own: `reason(text)` says why it goes, or None."""

    def reason(self, text: str) -> str | None:
        raise NotImplementedError

    def apply(self, doc: Document) -> None:
        for i in doc.live():
            why = self.reason(doc.lines[i].text)
            if why:
                doc.remove(i, self.name, why)


class RuleSet:
    """Named whole-line patterns, tried as one regex: `match(text)` is the name of a rule the whole text
    matches, or None. One C-level match per line instead of one per rule."""

    def __init__(self, rules: Sequence[tuple[str, str]], flags: int = 0) -> None:
        self.names = [name for name, _ in rules]
        self.regex = re.compile("|".join(f"(?P<r{k}>{pattern})" for k, (_, pattern) in enumerate(rules)), flags)

    def match(self, text: str) -> str | None:
        found = self.regex.fullmatch(text)
        return self.names[int(found.lastgroup[1:])] if found and found.lastgroup else None


class PatternFilter(LineFilter):
    """Removes lines that match one of `rules` as a whole; the rule's name is the reason."""

    rules: ClassVar[RuleSet] = RuleSet([])
    max_chars: ClassVar[int] = 300

    def reason(self, text: str) -> str | None:
        if len(text) > self.max_chars:
            return None
        return self.rules.match(text.strip(" |"))  # `| Weitere Artikel |`: a table cell, as trafilatura writes it
