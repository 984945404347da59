"""Fuzz target: arbitrary bytes through the whole command line, as a file and as stdin, in-process.

The invariant: exit 0 (cleaned) or 2 (refused), one `newsclean: SOURCE: reason` line per refused input (and
at most a couple of warnings, such as an HTML page with no article text), never a traceback. Used by
tests/test_fuzz.py (a short run) and runnable for minutes on its own:

    python tests/fuzz/cli_target.py --inputs 100000
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time

from typer.testing import CliRunner

from newsclean.cli import app

RUNNER = CliRunner()
SEEDS = os.path.join(os.path.dirname(__file__), "..", "..", "fixtures", "seeds")


def check(data: bytes, folder: str, *, html: bool = False) -> None:
    """Run one input through the CLI twice (file and stdin) and assert the invariant."""
    path = os.path.join(folder, "input.html" if html else "input.txt")
    with open(path, "wb") as handle:
        handle.write(data)
    for args, stdin in ((["-j", "1", "--format", "jsonl", path], None), (["-j", "1", "-"], data)):
        result = RUNNER.invoke(app, args, input=stdin)
        assert result.exit_code in (0, 2), (result.exit_code, data[:200], result.output[-2000:])
        assert result.exception is None or isinstance(result.exception, SystemExit), (data[:200], result.exception)
        lines = result.stderr.splitlines()
        warnings = [line for line in lines if line.startswith("newsclean: ") and ": warning: " in line]
        errors = [line for line in lines if line.startswith("newsclean: ") and line not in warnings]
        assert "Traceback" not in result.stderr, result.stderr
        assert len(errors) == (result.exit_code == 2), (data[:200], result.stderr)
        assert len(warnings) <= 2, (data[:200], result.stderr)


def mutate(rng: random.Random, corpus: list[bytes]) -> bytes:
    """Byte-level mutations of real articles, plus pure noise: what a scrape can hand over."""
    base = bytearray(rng.choice(corpus))
    kind = rng.randrange(6)
    if kind == 0:
        return rng.randbytes(rng.randrange(0, 2000))
    for _ in range(rng.randrange(1, 20)):
        position = rng.randrange(len(base) + 1)
        choice = rng.randrange(4)
        if choice == 0 and base:
            del base[position : position + rng.randrange(1, 200)]
        elif choice == 1:
            base[position:position] = rng.randbytes(rng.randrange(1, 30))
        elif choice == 2:
            other = rng.choice(corpus)
            start = rng.randrange(len(other) + 1)
            base[position:position] = other[start : start + rng.randrange(1, 500)]
        else:
            base[position:position] = rng.choice([b"\x00", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\f", b"\n\n"])
    if kind == 1:
        return bytes(base).decode("utf-8", "replace").encode(rng.choice(["utf-16", "cp1252", "latin-1"]), "replace")
    return bytes(base)


def load_corpus() -> list[bytes]:
    return [open(os.path.join(SEEDS, n), "rb").read() for n in sorted(os.listdir(SEEDS)) if n.endswith(".txt")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rng, corpus = random.Random(args.seed), load_corpus()
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for n in range(1, args.inputs + 1):
            check(mutate(rng, corpus), folder)
            if n % 5000 == 0:
                print(f"{n} inputs, {time.perf_counter() - start:.0f}s, no failure", flush=True)
    print(f"done: {args.inputs} inputs (x2: file and stdin) in {time.perf_counter() - start:.0f}s, no failure")


if __name__ == "__main__":
    main()
