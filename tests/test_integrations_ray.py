"""newsclean.integrations.ray: the pipeline on a local Ray instance gives exactly the command line's records."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from conftest import FIXTURES, SEEDS, run_cli

ray = pytest.importorskip("ray")

from newsclean.dedup import Params  # noqa: E402

DOCUMENTS = 300


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, object_store_memory=200 * 2**20)
    yield ray
    ray.shutdown()


def _dataset(path: Path) -> None:
    """A few hundred records: the seed articles and variations of them, some with a title field, one clean."""
    rng = random.Random(3)
    seeds = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    with open(path, "w", encoding="utf-8") as out:
        for n in range(DOCUMENTS):
            lines = rng.choice(seeds).split("\n")
            start = rng.randrange(0, 4)
            text = "\n".join(lines[:1] + lines[1 + start :])
            record = {"id": f"r{n:04d}", "text": text, "n": n}
            if n % 5 == 0:
                record["title"] = lines[0]
            if n == 7:
                record["text"] = "Already clean: nothing to remove here."
            out.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_ray_data_pipeline_equals_the_command_line(local_ray, tmp_path: Path) -> None:
    from newsclean.integrations.ray import run

    source = tmp_path / "in.jsonl"
    _dataset(source)
    local = run_cli("-q", "--format", "jsonl", "--input-format", "jsonl", str(source))
    assert local.returncode == 0, local.stderr
    expected = {r["id"]: r for r in map(json.loads, local.stdout.decode().splitlines())}

    run(str(source), str(tmp_path / "out"), text_field="text")
    got = {}
    for part in sorted((tmp_path / "out").glob("*.json*")):
        for line in part.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            got[record["id"]] = {k: v for k, v in record.items() if v is not None or k in expected[record["id"]]}
    assert len(got) == DOCUMENTS
    assert got == expected
    assert got["r0007"]["text"] == "Already clean: nothing to remove here."
    assert got["r0001"]["text"] != json.loads(source.read_text(encoding="utf-8").splitlines()[1])["text"]


def test_ray_dedup_gives_exactly_the_clusters_of_newsclean_dedup(local_ray, tmp_path: Path) -> None:
    from newsclean.integrations.ray import run

    source = tmp_path / "in.jsonl"
    _dataset(source)
    local = run_cli("dedup", "-q", "--input-format", "jsonl", str(source))
    assert local.returncode == 0, local.stderr
    expected = {r["id"]: r["cluster"] for r in map(json.loads, local.stdout.decode().splitlines())}
    assert len(set(expected.values())) < DOCUMENTS / 2  # variations of a few seeds: large clusters

    run(str(source), str(tmp_path / "out"), text_field="text", dedup=Params())
    got = {}
    for part in sorted((tmp_path / "out").glob("*.json*")):
        for line in part.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert "_position" not in record and "_minhash" not in record
            got[record["id"]] = record["cluster"]
    assert got == expected


def test_templates_learned_on_ray_remove_what_the_command_line_removes(local_ray, tmp_path: Path) -> None:
    """Records of three sites (a `site` field) sharing each site's template: learned on Ray, cleaned on Ray,
    record for record what `newsclean` gives the same file."""
    from newsclean.integrations.ray import learn_templates, run

    corpus = FIXTURES / "templates" / "corpus"
    source = tmp_path / "sites.jsonl"
    with open(source, "w", encoding="utf-8") as out:
        for n, page in enumerate(sorted(corpus.glob("*/*.txt"))):
            out.write(json.dumps({"id": f"p{n:02d}", "site": page.parent.name, "text": page.read_text()}) + "\n")
    local = run_cli("-q", "--format", "jsonl", str(source))
    assert local.returncode == 0, local.stderr
    expected = {r["id"]: r for r in map(json.loads, local.stdout.decode().splitlines())}
    assert not any("Poll: Should the harbor ferry" in r["text"] for r in expected.values())

    learned = learn_templates(ray.data.read_json(str(source)))
    assert sorted(learned.sites) == ["harbor-times.example", "plains-courier.example", "valley-ledger.example"]
    assert learned.sites["harbor-times.example"].stories == 5
    run(str(source), str(tmp_path / "out"), text_field="text")
    got = {}
    for part in sorted((tmp_path / "out").glob("*.json*")):
        for line in part.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            got[record["id"]] = record
    assert got == expected
