"""Bounded time: every rule is linear on adversarial lines. A line 10x longer may take ~10x longer, never
the 100x or more of a backtracking regex. Measured as a ratio inside the test, with generous bounds."""

from __future__ import annotations

import time

import pytest

from newsclean import clean

# Lines built to make nested or overlapping quantifiers backtrack: long runs of what a rule looks for,
# with the last character wrong. Each is placed as the first line (title rules), inside the body, and as
# a whole document of such lines.
FAMILIES = {
    "letters": lambda n: "a" * n + "!",
    "byline": lambda n: "By " + "Jane " * n + "doe,",
    "relative time": lambda n: "1 year, " * n + "agox",
    "date": lambda n: "June 14, 2023 " * n + "x",
    "tracking url": lambda n: "https://x.com/a?" + "utm_source=a&" * n + "#",
    "dashes": lambda n: " - " * n + "x",
    "title separators": lambda n: "Word " * n + "– KXAN Austin | " * n,
    "dateline": lambda n: "WASHINGTON, " * n + "(AP) x",
    "capitals": lambda n: "Related Posts " * n + ":",
    "digits": lambda n: "1" * n + "a" * n,
    "hex and dots": lambda n: "6489b3d5873571." * n,
    "spaces": lambda n: "x" + " " * n + "y",
    "quotes": lambda n: "“" * n + "’" * n,
}


def _seconds(text: str) -> float:
    """CPU seconds (less disturbed by other processes than wall time), best of 5 after a warm-up run that
    pays for the regexes compiled on first use."""
    clean(text)
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        clean(text)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_ten_times_longer_takes_at_most_about_ten_times_longer(family: str) -> None:
    make = FAMILIES[family]

    def document(n: int) -> str:
        line = make(n)
        return f"{line}\n\nThe committee met on Tuesday, officials said.\n\n{line}\n" + f"{make(n // 100 or 1)}\n" * 50

    small, large = _seconds(document(2_000)), _seconds(document(20_000))
    assert large < max(small, 0.002) * 40, f"{family}: {small:.4f}s -> {large:.4f}s"
    assert large < 5, f"{family}: {large:.2f}s for a 10x line"
