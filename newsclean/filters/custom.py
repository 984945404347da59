"""Boilerplate patterns a user adds for their own sources (`extra-patterns` in the config)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsclean.filters.base import LineFilter


class UserPatterns(LineFilter):
    """Lines matching, as a whole, one of the regular expressions a user configured for their sources.

    Removes: `Listen to this article` with `extra-patterns = ["Listen to this article"]`
    """

    name = "user-patterns"
    description = "Whole lines matching your own regular expressions (`extra-patterns` in the config)."
    default = False  # on when patterns are configured

    def __init__(self, patterns: Sequence[str] = ()) -> None:
        self.patterns = list(patterns)
        self._compiled: list[re.Pattern[str]] = []
        for pattern in self.patterns:
            try:
                self._compiled.append(re.compile(pattern))
            except re.error as exc:
                raise ValueError(f"extra pattern {pattern!r} is not a valid regular expression: {exc}") from None

    def reason(self, text: str) -> str | None:
        stripped = text.strip()
        for pattern in self._compiled:
            if pattern.fullmatch(stripped):
                return f"matches extra pattern {pattern.pattern!r}"
        return None
