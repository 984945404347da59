"""Hostile input, each case by name: any bytes in, a correct result or one clear line out, never a traceback."""

from __future__ import annotations

import gzip
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEEDS, run_cli

from newsclean import clean
from newsclean.writers import format_text

DIRTY = (SEEDS / "000_kxan.txt").read_bytes()
CLEANED = (SEEDS / "expected" / "000_kxan.txt").read_bytes()
ARTICLE = "Grüße aus München\n\nDie Straße ist schön, sagte die Ministerin am Dienstag in Berlin.\n"


def _one_error(result: subprocess.CompletedProcess[bytes], path: Path | str, reason: str) -> None:
    assert result.returncode == 2
    assert result.stderr.decode() == f"newsclean: {path}: {reason}\n"
    assert result.stdout == b""


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty input"),
        (b"  \n\t\n   \n", "no text (only whitespace)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8, "binary file (PNG image), not text"),
        (
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nstream\n" + bytes(range(256)) * 8,
            "binary file (PDF document), not text",
        ),
        (gzip.compress(bytes(range(256)) * 8), "binary file (gzip data), not text"),
        (random.Random(7).randbytes(4000), "binary file, not text"),
        (b"\xff\xfe" + random.Random(8).randbytes(4000), "binary file, not text"),
    ],
)
def test_unusable_files_get_one_line(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    _one_error(run_cli(str(path)), path, reason)


def test_gzip_file_holding_binary_data(tmp_path: Path) -> None:
    path = tmp_path / "page.txt.gz"
    path.write_bytes(gzip.compress(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8))
    _one_error(run_cli(str(path)), path, "binary file (PNG image), not text")


def test_corrupt_gzip_file(tmp_path: Path) -> None:
    path = tmp_path / "page.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage that is not deflate data")
    _one_error(run_cli(str(path)), path, "not a valid gzip file")


def test_nul_bytes_inside_text_are_dropped() -> None:
    data = ARTICLE.replace("Straße", "Stra\x00ße").encode()
    result = run_cli(stdin=data)
    assert result.returncode == 0
    assert result.stdout.decode() == ARTICLE


def test_invalid_utf8_in_the_middle_of_utf8() -> None:
    data = ("Ein Titel über München\n\n" + "Die Straße ist schön, sagte sie. " * 30 + "\n\n").encode()
    result = run_cli(stdin=data + b"Kaputt: \xff\xfe\xc3\x28 hier.\n\n" + b"Ende gut, alles gut.")
    assert result.returncode == 0
    assert "Die Straße ist schön" in result.stdout.decode() and "Ende gut, alles gut." in result.stdout.decode()


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_and_without_bom(codec: str) -> None:
    record = json.loads(run_cli("--format", "jsonl", stdin=ARTICLE.encode(codec)).stdout)
    assert record["title"] == "Grüße aus München"
    assert ARTICLE.encode(codec).decode(record["encoding"]).lstrip("\ufeff") == ARTICLE


def test_a_100_mb_file_that_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "one-line.txt"
    line = "word " * 20_000_000
    path.write_text(line)
    result = run_cli("--format", "jsonl", str(path))
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert len(record["text"]) == len(line.rstrip())


def test_a_million_short_lines(tmp_path: Path) -> None:
    path = tmp_path / "million.txt"
    path.write_text("".join(f"Line {n}: the committee met again today.\n" for n in range(1_000_000)))
    result = run_cli(str(path))
    assert result.returncode == 0
    assert result.stdout.count(b"\n") == 1_000_000 + 1  # title, blank line, then every other line kept


def test_file_disappearing_between_listing_and_reading(tmp_path: Path) -> None:
    from newsclean.pipeline import default_pipeline
    from newsclean.process import Options, clean_source
    from newsclean.sources import Source, expand

    (tmp_path / "gone.txt").write_bytes(DIRTY)
    (source,) = list(expand([str(tmp_path)]))
    assert isinstance(source, Source)
    (tmp_path / "gone.txt").unlink()
    result = clean_source(default_pipeline(), Options(), source)
    assert result.error == f"{tmp_path / 'gone.txt'}: no such file"


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsclean import sources

    path = tmp_path / "secret.txt"
    path.write_bytes(DIRTY)
    if os.geteuid() != 0:
        path.chmod(0)
        _one_error(run_cli(str(path)), path, "permission denied")
        return

    def denied(*args: object, **kwargs: object) -> None:  # root reads everything: simulate the OS refusing
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(sources, "open", denied, raising=False)
    with pytest.raises(sources.InputError, match="permission denied"):
        sources.read_input(str(path))


def test_broken_symlink_and_symlink_loop(tmp_path: Path) -> None:
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "good.txt").write_bytes(DIRTY)
    result = run_cli(str(tmp_path / "broken.txt"), str(tmp_path / "loop.txt"), str(tmp_path / "good.txt"))
    assert result.returncode == 2
    assert result.stderr.decode().splitlines()[:2] == [
        f"newsclean: {tmp_path / 'broken.txt'}: broken symbolic link",
        f"newsclean: {tmp_path / 'loop.txt'}: symbolic link loop",
    ]
    assert result.stdout == CLEANED


def test_symlink_loop_in_a_folder_tree_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "tree" / "sub").mkdir(parents=True)
    (tmp_path / "tree" / "sub" / "a.txt").write_bytes(DIRTY)
    (tmp_path / "tree" / "sub" / "up").symlink_to(tmp_path / "tree", target_is_directory=True)
    (tmp_path / "tree" / "sub" / "broken.txt").symlink_to(tmp_path / "missing.txt")
    result = run_cli("-q", str(tmp_path / "tree"))
    assert result.returncode == 2
    assert result.stderr.decode() == f"newsclean: {tmp_path / 'tree' / 'sub' / 'broken.txt'}: broken symbolic link\n"
    assert result.stdout == CLEANED


def test_a_path_that_does_not_exist(tmp_path: Path) -> None:
    _one_error(run_cli(str(tmp_path / "missing.txt")), tmp_path / "missing.txt", "no such file or directory")


def test_a_directory_where_a_file_is_expected(tmp_path: Path) -> None:
    result = run_cli("--config", str(tmp_path), stdin=DIRTY)
    assert result.returncode == 2
    assert result.stderr.decode().startswith(f"newsclean: {tmp_path}: cannot read config: Is a directory")
    (tmp_path / "out.txt").write_text("a file")
    result = run_cli(str(SEEDS / "000_kxan.txt"), "-o", str(tmp_path / "out.txt"))
    assert result.returncode == 2
    assert (
        result.stderr.decode()
        == f"newsclean: {tmp_path / 'out.txt'}: -o/--output-dir needs a folder, and this is a file\n"
    )
    assert (tmp_path / "out.txt").read_text() == "a file"


def _install_plugin(folder: Path, body: str) -> dict[str, str]:
    """A third-party filter package on PYTHONPATH, registered through the `newsclean.filters` entry point."""
    (folder / "boom_plugin.py").write_text("from newsclean.filters import Filter\n" + body)
    info = folder / "boom_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: boom-plugin\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text("[newsclean.filters]\nboom = boom_plugin:Boom\n")
    return {**os.environ, "PYTHONPATH": str(folder)}


def test_internal_error_is_one_line_and_verbose_adds_the_traceback(tmp_path: Path) -> None:
    env = _install_plugin(
        tmp_path,
        "class Boom(Filter):\n    name = 'boom'\n    description = 'fails'\n    default = False\n"
        "    def apply(self, doc):\n        raise RuntimeError('filter bug')\n",
    )
    args = [
        sys.executable,
        "-m",
        "newsclean",
        "--enable",
        "boom",
        str(SEEDS / "000_kxan.txt"),
        str(SEEDS / "002_history.txt"),
    ]
    plain = subprocess.run(args, capture_output=True, env=env, timeout=60)
    assert plain.returncode == 2
    assert plain.stderr.decode().splitlines() == [
        f"newsclean: {SEEDS / '000_kxan.txt'}: internal error: RuntimeError: filter bug",
        f"newsclean: {SEEDS / '002_history.txt'}: internal error: RuntimeError: filter bug",
        "newsclean: 0 documents, 0 lines removed, 2 failed",
    ]
    verbose = subprocess.run([*args, "--verbose"], capture_output=True, env=env, timeout=60)
    assert "Traceback (most recent call last)" in verbose.stderr.decode()
    assert "raise RuntimeError('filter bug')" in verbose.stderr.decode()


def test_third_party_filter_from_an_entry_point(tmp_path: Path) -> None:
    env = _install_plugin(
        tmp_path,
        "class Boom(Filter):\n    name = 'boom'\n    description = 'drops lines with WASHINGTON'\n"
        "    default = False\n"
        "    def apply(self, doc):\n"
        "        for i in doc.live():\n"
        "            if 'WASHINGTON' in doc.lines[i].text:\n"
        "                doc.remove(i, self.name, 'test plugin')\n",
    )
    listing = subprocess.run([sys.executable, "-m", "newsclean", "filters"], capture_output=True, env=env)
    assert "boom             drops lines with WASHINGTON (off by default)" in listing.stdout.decode()
    off = subprocess.run([sys.executable, "-m", "newsclean", str(SEEDS / "000_kxan.txt")], capture_output=True, env=env)
    assert b"WASHINGTON (AP)" in off.stdout
    on = subprocess.run(
        [sys.executable, "-m", "newsclean", "--enable", "boom", str(SEEDS / "000_kxan.txt")],
        capture_output=True,
        env=env,
    )
    assert on.returncode == 0 and b"WASHINGTON" not in on.stdout


# ------------------------------------------------------------------------------------------ no data loss
def test_sigkill_during_in_place_leaves_every_file_whole(tmp_path: Path) -> None:
    """Kill -9 an --in-place run at random moments: each file is its original bytes or fully cleaned, and the
    next run finishes the job and leaves no temporary file behind."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    seed2 = (SEEDS / "002_history.txt").read_bytes()
    originals = {}
    for n in range(600):
        data = (DIRTY if n % 2 else seed2) + f"\n\nUpdate {n}: officials confirmed the trip on Friday.\n".encode()
        (folder / f"{n:04d}.txt").write_bytes(data)
        originals[f"{n:04d}.txt"] = data
    cleaned = {name: format_text(clean(data)).encode() for name, data in originals.items()}
    rng = random.Random(2026)
    for _ in range(4):
        proc = subprocess.Popen(
            [sys.executable, "-m", "newsclean", "--in-place", "-q", "-j", "2", str(folder)], start_new_session=True
        )
        time.sleep(rng.uniform(0.3, 1.2))
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        for path in folder.glob("*.txt"):
            assert path.read_bytes() in (originals[path.name], cleaned[path.name]), path.name
    result = run_cli("--in-place", "-q", str(folder))
    assert result.returncode in (0, 1)
    assert {p.name: p.read_bytes() for p in folder.glob("*.txt")} == cleaned
    assert [p.name for p in folder.iterdir() if not p.name.endswith(".txt")] == []


DEEP_SENTENCE = "Deep inside the page, the article's only sentence still waits for its reader at the bottom."


def test_deeply_nested_html_still_gives_its_text(tmp_path: Path) -> None:
    """lxml keeps 255 levels of nesting; the text under 10,000 is found by the streaming fallback."""
    page = tmp_path / "deep.html"
    page.write_text(f"<html><body>{'<div>' * 10_000}<p>{DEEP_SENTENCE}</p>{'</div>' * 10_000}</body></html>")
    result = run_cli("--format", "jsonl", str(page))
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["text"], record["extraction"]) == (DEEP_SENTENCE, "flat-text")


def test_slow_extraction_times_out_falls_back_and_the_batch_goes_on(tmp_path: Path) -> None:
    """A page that keeps trafilatura busy (simulated: the extraction sleeps) is cut off by --timeout, falls back
    to its visible text with a warning, and the next page is still cleaned."""
    slow, fine = tmp_path / "a_slow.html", tmp_path / "b_fine.html"
    for page in (slow, fine):
        page.write_text(f"<html><body><article><p>{page.stem}: {DEEP_SENTENCE}</p></article></body></html>")
    code = (
        "import sys, time, newsclean.extract as ex\n"
        "real = ex._trafilatura\n"
        "def slow(tree, comments, preset):\n"
        "    if 'a_slow' in ''.join(tree.itertext()):\n"
        "        time.sleep(60)\n"
        "    return real(tree, comments, preset)\n"
        "ex._trafilatura = slow\n"
        "from newsclean.cli import main\n"
        f"sys.argv = ['newsclean', '-j', '1', '--timeout', '0.5', '--format', 'jsonl', {str(slow)!r}, {str(fine)!r}]\n"
        "main()\n"
    )
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, timeout=120)
    assert time.monotonic() - start < 30
    assert result.returncode == 0, result.stderr
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["extraction"] == "visible-text" and first["text"] == f"a_slow: {DEEP_SENTENCE}"
    assert first["warnings"] == ["extraction took over 0.5s; fell back to the visible text"]
    assert second["extraction"] == "trafilatura" and second["text"] == f"b_fine: {DEEP_SENTENCE}"
    assert result.stderr.decode().startswith(f"newsclean: {slow}: warning: extraction took over 0.5s")
