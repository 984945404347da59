"""Batches through the CLI: folders, globs, .gz, -o mirroring, JSON lines datasets, parallel order,
--check / --diff / --in-place and their exit codes."""

from __future__ import annotations

import gzip
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEEDS, run_cli

DIRTY = (SEEDS / "000_kxan.txt").read_bytes()
CLEANED = (SEEDS / "expected" / "000_kxan.txt").read_bytes()
DIRTY_2 = (SEEDS / "002_history.txt").read_bytes()
CLEANED_2 = (SEEDS / "expected" / "002_history.txt").read_bytes()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    (root / "sub" / "deeper").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / ".git").mkdir()
    (root / "a.txt").write_bytes(DIRTY)
    (root / "sub" / "b.text").write_bytes(DIRTY_2)
    (root / "sub" / "deeper" / "c.txt.gz").write_bytes(gzip.compress(DIRTY))
    (root / ".hidden" / "skip.txt").write_bytes(DIRTY)
    (root / ".git" / "skip.txt").write_bytes(DIRTY)
    (root / "notes.md").write_bytes(DIRTY)
    return root


def _lines(result: subprocess.CompletedProcess[bytes]) -> list[str]:
    return result.stderr.decode().splitlines()


def test_folder_is_walked_in_order_skipping_hidden_and_other_types(corpus: Path) -> None:
    result = run_cli("--format", "jsonl", "-q", str(corpus))
    assert result.returncode == 0, result.stderr
    sources = [json.loads(line)["source"] for line in result.stdout.decode().splitlines()]
    assert sources == [str(corpus / "a.txt"), str(corpus / "sub" / "b.text"), str(corpus / "sub/deeper/c.txt.gz")]


def test_gzip_inputs_are_read_transparently(corpus: Path) -> None:
    result = run_cli(str(corpus / "sub" / "deeper" / "c.txt.gz"))
    assert result.stdout == CLEANED


def test_glob_and_exclude(corpus: Path) -> None:
    globs = ("--glob", "*.text", "--glob", "*.gz")
    result = run_cli("--format", "jsonl", "-q", *globs, "--exclude", "deeper", str(corpus))
    sources = [json.loads(line)["source"] for line in result.stdout.decode().splitlines()]
    assert sources == [str(corpus / "sub" / "b.text")]


def test_a_file_named_twice_is_cleaned_once(corpus: Path) -> None:
    result = run_cli("--format", "jsonl", "-q", str(corpus / "a.txt"), str(corpus), str(corpus / "a.txt"))
    sources = [json.loads(line)["source"] for line in result.stdout.decode().splitlines()]
    assert sources.count(str(corpus / "a.txt")) == 1 and len(sources) == 3


def test_output_dir_mirrors_the_tree(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean"
    result = run_cli(str(corpus), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == [
        "a.txt",
        "sub/b.txt",
        "sub/deeper/c.txt",
    ]
    assert (out / "a.txt").read_bytes() == CLEANED
    assert (out / "sub" / "b.txt").read_bytes() == CLEANED_2
    assert _lines(result)[-1].startswith("newsclean: 3 documents, ")
    assert (corpus / "a.txt").read_bytes() == DIRTY  # inputs untouched


def test_output_dir_in_jsonl_writes_one_jsonl_per_input(corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "clean"
    run_cli(str(corpus / "a.txt"), "-o", str(out), "--format", "jsonl")
    assert json.loads((out / "a.jsonl").read_text())["sitename"] == "KXAN Austin"


def test_output_dir_never_overwrites_an_input(corpus: Path) -> None:
    result = run_cli(str(corpus / "a.txt"), "-o", str(corpus))
    assert result.returncode == 2
    assert "would overwrite an input" in result.stderr.decode()
    assert (corpus / "a.txt").read_bytes() == DIRTY


def test_check_lists_files_that_would_change_and_changes_nothing(corpus: Path) -> None:
    (corpus / "clean.txt").write_bytes(CLEANED)
    result = run_cli("--check", str(corpus))
    assert result.returncode == 1
    assert _lines(result)[:3] == [
        f"newsclean: would clean {corpus / 'a.txt'}",
        f"newsclean: would clean {corpus / 'sub' / 'b.text'}",
        f"newsclean: would clean {corpus / 'sub' / 'deeper' / 'c.txt.gz'}",
    ]
    assert result.stdout == b""
    assert (corpus / "a.txt").read_bytes() == DIRTY


def test_check_passes_on_clean_files(tmp_path: Path) -> None:
    (tmp_path / "clean.txt").write_bytes(CLEANED)
    result = run_cli("--check", str(tmp_path / "clean.txt"))
    assert result.returncode == 0
    assert _lines(result) == ["newsclean: 1 document, 0 would change, 0 lines removed, 0 failed"]


def test_diff_shows_what_would_change(corpus: Path) -> None:
    result = run_cli("--diff", str(corpus / "a.txt"))
    assert result.returncode == 0  # like black: --diff alone reports, --check decides
    diff = result.stdout.decode()
    assert diff.startswith(f"--- {corpus / 'a.txt'} (original)\n+++ {corpus / 'a.txt'} (cleaned)\n")
    assert "\n-6489b3d5873571.38868013\n" in diff and "\n-Source link\n" in diff
    assert run_cli("--diff", "--check", str(corpus / "a.txt")).returncode == 1


def test_in_place_rewrites_changed_files_keeps_permissions_and_is_idempotent(corpus: Path) -> None:
    (corpus / "clean.txt").write_bytes(CLEANED)
    os.chmod(corpus / "a.txt", 0o640)
    clean_mtime = (corpus / "clean.txt").stat().st_mtime_ns
    result = run_cli("--in-place", str(corpus))
    assert result.returncode == 1
    assert (corpus / "a.txt").read_bytes() == CLEANED
    assert stat.S_IMODE((corpus / "a.txt").stat().st_mode) == 0o640
    assert gzip.decompress((corpus / "sub" / "deeper" / "c.txt.gz").read_bytes()) == CLEANED
    assert (corpus / "clean.txt").stat().st_mtime_ns == clean_mtime  # untouched files are not rewritten
    assert not [p for p in corpus.rglob("*") if "newsclean-tmp" in p.name]
    again = run_cli("--in-place", str(corpus))
    assert again.returncode == 0
    assert _lines(again)[-1].startswith("newsclean: 4 documents, 0 cleaned")


def test_in_place_leaves_failing_files_untouched(tmp_path: Path) -> None:
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (tmp_path / "a.txt").write_bytes(DIRTY)
    result = run_cli("--in-place", str(tmp_path))
    assert result.returncode == 2
    assert (tmp_path / "binary.txt").read_bytes() == b"\x89PNG\r\n\x1a\n" + bytes(100)
    assert (tmp_path / "a.txt").read_bytes() == CLEANED


def test_in_place_refuses_stdin_and_conflicting_modes(tmp_path: Path) -> None:
    assert run_cli("--in-place", stdin=DIRTY).returncode == 2
    result = run_cli("--in-place", "--check", str(tmp_path))
    assert result.returncode == 2
    assert "cannot be combined" in result.stderr.decode()


# ------------------------------------------------------------------------------------------ JSON lines
def _dataset(path: Path) -> list[dict]:
    records = [
        {"id": "kxan", "text": DIRTY.decode(), "url": "https://www.kxan.com/x", "meta": {"lang": "en"}},
        {"id": "clean", "text": CLEANED.decode().rstrip("\n"), "url": None, "meta": {}},
        {"id": "titled", "title": DIRTY_2.decode().splitlines()[0], "text": DIRTY_2.decode(), "meta": {}},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return records


def test_jsonl_dataset_keeps_every_other_field(tmp_path: Path) -> None:
    records = _dataset(tmp_path / "data.jsonl")
    result = run_cli("--input-format", "jsonl", str(tmp_path / "data.jsonl"))
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [{k: v for k, v in r.items() if k != "text"} for r in out] == [
        {k: v for k, v in r.items() if k != "text"} for r in records
    ]
    assert out[0]["text"] == CLEANED.decode().rstrip("\n")
    assert out[1]["text"] == records[1]["text"]
    assert out[2]["text"].startswith("WASHINGTON —")  # the record has a title field: text holds the body


def test_jsonl_from_stdin_with_another_text_field(tmp_path: Path) -> None:
    data = json.dumps({"body": DIRTY.decode(), "n": 1}) + "\n"
    result = run_cli("--input-format", "jsonl", "--text-field", "body", stdin=data.encode())
    assert json.loads(result.stdout) == {"body": CLEANED.decode().rstrip("\n"), "n": 1}


def test_bad_jsonl_records_are_reported_with_their_line(tmp_path: Path) -> None:
    (tmp_path / "data.jsonl").write_text('{"text": "A title\\n\\nSome body text."}\n{oops\n{"other": 1}\n')
    result = run_cli(str(tmp_path / "data.jsonl"))
    assert result.returncode == 2
    assert _lines(result)[:2] == [
        f"newsclean: {tmp_path / 'data.jsonl'}:2: not a JSON object",
        f"newsclean: {tmp_path / 'data.jsonl'}:3: no 'text' text field",
    ]
    assert len(result.stdout.decode().splitlines()) == 1


def test_jsonl_in_place_rewrites_only_changed_records(tmp_path: Path) -> None:
    path = tmp_path / "data.jsonl"
    _dataset(path)
    original = path.read_bytes().splitlines(keepends=True)
    assert run_cli("--in-place", str(path)).returncode == 1
    rewritten = path.read_bytes().splitlines(keepends=True)
    assert rewritten[1] == original[1]  # an unchanged record keeps its exact bytes
    assert json.loads(rewritten[0])["text"] == CLEANED.decode().rstrip("\n")
    assert run_cli("--in-place", str(path)).returncode == 0


# ------------------------------------------------------------------------------------------ parallel
def test_five_thousand_files_same_output_with_one_or_two_jobs(tmp_path: Path) -> None:
    root = tmp_path / "big"
    for n in range(5000):
        folder = root / f"{n % 50:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{n:05d}.txt").write_bytes(DIRTY if n % 3 else DIRTY_2 + f"\n\nExtra line {n}.".encode())
    one = run_cli("--format", "jsonl", "-j", "1", str(root))
    two = run_cli("--format", "jsonl", "-j", "2", str(root))
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    assert len(one.stdout.splitlines()) == 5000
    assert json.loads(one.stdout.splitlines()[-1])["source"] == str(root / "49" / "04999.txt")


def test_closed_pipe_in_a_parallel_batch_ends_quietly(corpus: Path) -> None:
    files = " ".join([str(corpus / "a.txt")] * 1 + [str(corpus)])
    for n in range(300):
        (corpus / f"copy{n}.txt").write_bytes(DIRTY)
    proc = subprocess.run(
        f"{sys.executable} -m newsclean -j 2 {files} | head -n 1",
        shell=True,
        capture_output=True,
        timeout=120,
    )
    assert proc.stdout.decode().startswith("Blinken heads to China")
    assert b"Traceback" not in proc.stderr and b"Broken pipe" not in proc.stderr


def _stderr_on_a_terminal(*args: str, env: dict[str, str] | None = None) -> str:
    """Run the CLI with stderr on a pseudo-terminal, as a user at a shell sees it."""
    import pty

    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsclean", *args],
        stdout=subprocess.DEVNULL,
        stderr=slave,
        env={**os.environ, "COLUMNS": "100", **(env or {})},
    )
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=120)
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_for_large_batches(tmp_path: Path) -> None:
    for n in range(40):
        (tmp_path / f"a{n:02d}.txt").write_bytes(DIRTY)
    shown = _stderr_on_a_terminal(str(tmp_path), "-o", str(tmp_path / "out"))
    assert "40/40" in shown
    assert shown.rstrip().endswith(
        "newsclean: 40 documents, 240 lines removed (footer 160, tracking-id 40, title 40), 0 failed"
    )
    quiet = _stderr_on_a_terminal(str(tmp_path), "-o", str(tmp_path / "out2"), "-q")
    assert quiet == ""


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    for n in range(40):
        (tmp_path / f"a{n:02d}.txt").write_bytes(DIRTY)
    result = run_cli(str(tmp_path), "-o", str(tmp_path / "out"))
    assert _lines(result) == [
        "newsclean: 40 documents, 240 lines removed (footer 160, tracking-id 40, title 40), 0 failed"
    ]


def test_no_color_turns_off_colour_codes(tmp_path: Path) -> None:
    for n in range(40):
        (tmp_path / f"a{n:02d}.txt").write_bytes(DIRTY)
    shown = _stderr_on_a_terminal(str(tmp_path), "-o", str(tmp_path / "out"), env={"NO_COLOR": "1"})
    assert "40/40" in shown
    assert "\x1b[90m" not in shown and "\x1b[38;" not in shown
