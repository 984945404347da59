"""The hooks in .pre-commit-hooks.yaml, run by real pre-commit (`try-repo` against this checkout) in a
temporary git repository holding a dirty article."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SEEDS

DIRTY = (SEEDS / "000_kxan.txt").read_bytes()
CLEANED = (SEEDS / "expected" / "000_kxan.txt").read_bytes()


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("pre-commit-home")


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


def _repo(tmp_path: Path) -> Path:
    repo = tmp_path / "data"
    repo.mkdir()
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.com")
    _git(repo, "config", "user.name", "Test")
    (repo / "articles").mkdir()
    (repo / "articles" / "blinken.txt").write_bytes(DIRTY)
    (repo / "page.html").write_text("<html><body><p>Not a hook file type.</p></body></html>")
    _git(repo, "add", ".")
    return repo


def _try_repo(repo: Path, hook: str, home: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(ROOT), hook, "--all-files"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_fixing_hook_fails_once_fixes_the_file_then_passes(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = _repo(tmp_path)
    first = _try_repo(repo, "newsclean", pre_commit_home)
    assert first.returncode == 1, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout
    assert (repo / "articles" / "blinken.txt").read_bytes() == CLEANED
    _git(repo, "add", ".")
    second = _try_repo(repo, "newsclean", pre_commit_home)
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Passed" in second.stdout


def test_check_hook_fails_and_changes_nothing(tmp_path: Path, pre_commit_home: Path) -> None:
    repo = _repo(tmp_path)
    result = _try_repo(repo, "newsclean-check", pre_commit_home)
    assert result.returncode == 1
    assert "would clean articles/blinken.txt" in result.stdout
    assert (repo / "articles" / "blinken.txt").read_bytes() == DIRTY
