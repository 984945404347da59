from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SEEDS = FIXTURES / "seeds"


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path = ROOT) -> subprocess.CompletedProcess[bytes]:
    """Run `python -m newsclean ARGS` as a user would, capturing bytes."""
    return subprocess.run(
        [sys.executable, "-m", "newsclean", *args], input=stdin, capture_output=True, cwd=cwd, timeout=120
    )


@pytest.fixture
def cli():
    return run_cli


def apply(filter_obj, text: str):
    """Run one filter over text and return the Document."""
    from newsclean.document import Document

    return filter_obj(Document.from_text(text))


def removed(filter_obj, text: str) -> list[str]:
    return [line.text for line in apply(filter_obj, text).removals()]
