"""Any bytes in, no traceback out: hypothesis drives the fuzz target through the CLI, as file and stdin."""

from __future__ import annotations

import random
import tempfile

from fuzz.cli_target import check, load_corpus, mutate
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CORPUS = load_corpus()


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_through_the_cli(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check(data, folder)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.integers(min_value=0, max_value=2**32))
def test_mutated_articles_through_the_cli(seed: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        check(mutate(random.Random(seed), CORPUS), folder)
