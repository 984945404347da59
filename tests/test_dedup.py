"""newsclean dedup (newsclean/dedup.py): signatures of the clean text, containment, clusters, --keep, and the CLI."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest
from conftest import FIXTURES, ROOT, SEEDS, run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from newsclean import clean, lsh
from newsclean.dedup import Clusters, Params, containment, shingles, signature

KXAN = str(SEEDS / "000_kxan.txt")  # the AP story as KXAN ran it
HISTORY = str(SEEDS / "002_history.txt")  # the same story, condensed, on another site
CRITICS = str(FIXTURES / "dedup" / "blinken_trip_critics.txt")  # same topic, a different story
MEETING = str(FIXTURES / "dedup" / "blinken_xi_meeting.txt")  # same topic, a third story


def _records(result: subprocess.CompletedProcess[bytes]) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.decode().splitlines()]


def _clusters(result: subprocess.CompletedProcess[bytes]) -> list[tuple[str, int]]:
    return [(r["source"], r["cluster"]) for r in _records(result)]


def test_one_story_from_two_sites_is_one_cluster_and_same_topic_stories_are_not() -> None:
    result = run_cli("dedup", "-q", KXAN, CRITICS, HISTORY, MEETING)
    assert _clusters(result) == [(KXAN, 0), (CRITICS, 1), (HISTORY, 0), (MEETING, 3)]


def test_records_are_the_usual_jsonl_records_plus_cluster() -> None:
    plain = _records(run_cli("--format", "jsonl", KXAN, HISTORY))
    deduped = _records(run_cli("dedup", "-q", KXAN, HISTORY))
    assert deduped == [{**record, "cluster": 0} for record in plain]


def test_keep_first_and_longest() -> None:
    first = run_cli("dedup", "-q", "--keep", "first", HISTORY, CRITICS, KXAN, MEETING)
    assert _clusters(first) == [(HISTORY, 0), (CRITICS, 1), (MEETING, 3)]
    longest = run_cli("dedup", "-q", "--keep", "longest", HISTORY, CRITICS, KXAN, MEETING)
    assert _clusters(longest) == [(CRITICS, 1), (KXAN, 0), (MEETING, 3)]


def test_summary_line() -> None:
    result = run_cli("dedup", "--keep", "first", KXAN, HISTORY, CRITICS)
    assert result.stderr.decode().splitlines()[-1] == (
        "newsclean: 3 documents in 2 clusters: 1 near-duplicates, 1 left out (--keep first)"
    )


def test_jsonl_input_keeps_every_field_and_is_compared_on_the_clean_text_field(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "lang": "en", "body": Path(KXAN).read_text(encoding="utf-8")},
        {"id": "b", "lang": "en", "body": Path(MEETING).read_text(encoding="utf-8")},
        {"id": "c", "lang": "en", "body": Path(HISTORY).read_text(encoding="utf-8")},
    ]
    data = tmp_path / "data.jsonl"
    data.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    records = _records(run_cli("dedup", "-q", "--text-field", "body", str(data)))
    assert [(r["id"], r["lang"], r["cluster"]) for r in records] == [("a", "en", 0), ("b", "en", 1), ("c", "en", 0)]
    clean = _records(run_cli("-q", "--text-field", "body", str(data)))
    assert [r["body"] for r in records] == [r["body"] for r in clean]


def test_stdin_and_a_threshold_above_the_pair_splits_it() -> None:
    assert _clusters(run_cli("dedup", "-q", "--threshold", "0.9", KXAN, HISTORY)) == [(KXAN, 0), (HISTORY, 1)]
    one = run_cli("dedup", "-q", "-", stdin=Path(KXAN).read_bytes())
    assert _clusters(one) == [("-", 0)]


def test_bad_inputs_are_reported_and_the_rest_is_clustered(tmp_path: Path) -> None:
    result = run_cli("dedup", "-q", KXAN, str(tmp_path / "missing.txt"), HISTORY)
    assert result.returncode == 2
    assert [(r["source"], r["cluster"]) for r in map(json.loads, result.stdout.decode().splitlines())] == [
        (KXAN, 0),
        (HISTORY, 0),
    ]
    assert f"newsclean: {tmp_path / 'missing.txt'}: no such file or directory" in result.stderr.decode()


def test_missing_numpy_is_one_line() -> None:
    code = "import sys; sys.modules['numpy'] = None; from newsclean.cli import main; main()"
    result = subprocess.run(
        [sys.executable, "-c", code, "dedup", KXAN], capture_output=True, cwd=ROOT, timeout=60, check=False
    )
    assert result.returncode == 2
    assert result.stderr.decode() == "newsclean: dedup needs numpy: pip install 'numpy>=1.24'\n"


def test_help_and_a_plain_run_import_none_of_the_heavy_extras() -> None:
    code = (
        "import sys\nfrom newsclean.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('datasketch', 'warcio', 'ray', 'numpy') if m in sys.modules), file=sys.stderr)"
    )
    for args in (["--help"], [KXAN], ["dedup", "--help"]):
        result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, cwd=ROOT, timeout=60)
        assert result.stderr.decode().splitlines()[-1] == "[]", args


# ------------------------------------------------------------------------------------------ the measure
def test_shingles_are_word_pairs() -> None:
    assert shingles("One two, THREE") == {b"one two", b"two three"}
    assert shingles("Alone") == {b"alone"}
    assert shingles("  ") == set()


def test_containment_estimate_is_close_to_the_exact_value() -> None:
    words = [f"w{i}" for i in range(600)]
    long_text = " ".join(words)
    short_text = " ".join(words[:200] + [f"x{i}" for i in range(200)])  # 199 of its 399 pairs are in long_text
    a, size_a = signature(long_text)
    b, size_b = signature(short_text)
    assert (size_a, size_b) == (599, 399)
    assert containment(a, size_a, b, size_b) == pytest.approx(199 / 399, abs=0.08)
    assert containment(a, size_a, a, size_a) == 1.0
    assert containment(a, size_a, *signature("")) == 0.0


def test_clusters_are_connected_groups_named_by_their_first_member() -> None:
    base = [f"story{i} word{i % 7}" for i in range(300)]
    texts = [
        " ".join(base),  # 0
        " ".join(f"other{i}" for i in range(300)),  # 1
        " ".join(base[:150]),  # 2: condensed reprint of 0 (the first half)
        "",  # 3: nothing to compare
        " ".join(base[150:] + ["extra"] * 3),  # 4: the second half of 0, with its own ending
        " ".join(f"other{i}" for i in range(300)),  # 5: exact copy of 1
    ]
    clusters = Clusters(Params())
    for text in texts:
        clusters.add(*signature(text))
    assert clusters.assign() == [0, 1, 0, 3, 0, 1]


def test_params_are_checked() -> None:
    with pytest.raises(ValueError, match="threshold"):
        Params(threshold=0)
    with pytest.raises(ValueError, match="num_perm"):
        Params(num_perm=8)


def test_the_fixtures_through_the_python_api_spilled_one_document_per_chunk(tmp_path: Path) -> None:
    texts = [clean(Path(p).read_text(encoding="utf-8")).body for p in (KXAN, CRITICS, HISTORY, MEETING)]
    with Clusters(Params(tmp_dir=str(tmp_path)), chunk=1) as clusters:
        for text in texts:
            clusters.add(*signature(text))
        assert clusters.folder is not None and Path(clusters.folder).parent == tmp_path
        assert clusters.assign() == [0, 1, 0, 3]
        assert list(tmp_path.iterdir()) == []  # assign() removed the folder
        assert clusters.assign() == [0, 1, 0, 3]
        with pytest.raises(RuntimeError, match="no more documents"):
            clusters.add(*signature(texts[0]))


def test_temporary_files_are_removed_when_clustering_fails(tmp_path: Path, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise MemoryError("simulated")

    monkeypatch.setattr(lsh, "bucket_pairs", broken)
    clusters = Clusters(Params(tmp_dir=str(tmp_path)), chunk=2)
    for n in range(5):
        clusters.add(*signature(f"text number {n} of five"))
    assert len(list(tmp_path.iterdir())) == 1
    with pytest.raises(MemoryError):
        clusters.assign()
    assert list(tmp_path.iterdir()) == []


@lru_cache(maxsize=1)
def _corpus() -> list[tuple[np.ndarray, int]]:
    """Sixty documents: stories, reprints of them (halves, edited copies), near-empty and empty texts."""
    rng = random.Random(5)
    vocab = [f"w{i}" for i in range(400)]
    docs: list[str] = []
    for _ in range(30):
        story = [rng.choice(vocab) for _ in range(rng.randint(20, 120))]
        docs.append(" ".join(story))
        kind = rng.random()
        if kind < 0.3:
            docs.append(" ".join(story[: len(story) // 2]))
        elif kind < 0.6:
            docs.append(" ".join(w if rng.random() > 0.05 else rng.choice(vocab) for w in story))
        elif kind < 0.8:
            docs.append(rng.choice(["", "alone", "two words"]))
        else:
            docs.append(" ".join(rng.choice(vocab) for _ in range(50)))
    rng.shuffle(docs)
    return [signature(text) for text in docs]


@settings(max_examples=25, deadline=None)
@given(st.integers(1, 70), st.integers(1, 70), st.sampled_from([2**20, 2**28]))
def test_clusters_do_not_depend_on_chunks_passes_or_the_budget(chunk: int, pass_docs: int, memory: int) -> None:
    signed = _corpus()
    reference = Clusters(Params())
    for values, size in signed:
        reference.add(values, size)
    expected = reference.assign()
    with Clusters(Params(memory=memory), chunk=chunk, pass_docs=pass_docs) as clusters:
        for values, size in signed:
            clusters.add(values, size)
        got = clusters.assign()
    assert got == expected
    assert all(cluster <= n and got[cluster] == cluster for n, cluster in enumerate(got))  # ids: first positions
    assert len(set(got)) < len(got)  # the corpus has duplicates, and they were found


def test_every_pair_that_passes_the_estimate_is_in_one_cluster() -> None:
    """On the small corpus the windows find every pair above the threshold (checked against all pairs)."""
    signed = _corpus()
    clusters = Clusters(Params())
    for values, size in signed:
        clusters.add(values, size)
    got = clusters.assign()
    for i, (a, size_a) in enumerate(signed):
        for j in range(i + 1, len(signed)):
            if containment(a, size_a, *signed[j]) >= Params().threshold:
                assert got[i] == got[j], (i, j)
