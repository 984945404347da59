"""Run the newsclean pipeline on Ray Data: read JSON lines, clean each record's text field, write JSON lines.

    import ray
    from newsclean.integrations.ray import clean_dataset

    ray.init()
    ds = ray.data.read_json("s3://bucket/crawl/*.jsonl")
    clean_dataset(ds, text_field="text", preset="balanced").write_json("s3://bucket/clean/")

or, from the shell, `python -m newsclean.integrations.ray IN_DIR_OR_FILE OUT_DIR [--text-field F] [--dedup]`.

Each record is cleaned exactly as `newsclean --input-format jsonl` cleans it (the same `process.clean_record`):
every field kept, the text field replaced by the clean text. `map_batches` runs a callable class, `Cleaner`,
so every Ray worker builds its pipeline once and reuses it for all its batches. Ray is imported only here.

`learn_templates(ds)` learns each site's template (see newsclean/templates.py): the facts of every record in
`map_batches` on the workers, counted on the driver by the command line's own `templates.Learner` (its memory
bounded by partition files on disk), so `clean_dataset(ds, templates=...)` removes the same lines as
`newsclean` does from the same records. A record's site comes from its fields (`site_field`, `site`, `domain`,
`url`): a Ray dataset has no folders.

`dedup_dataset(ds)` clusters near-duplicates as `newsclean dedup` does, with the same engine pieces
(newsclean/lsh.py), so the same records get the same `cluster`:

1. `map_batches(Signer)`: each record's MinHash signature of its text field, with its position in the dataset.
2. `map_batches(band_rows)`: one row per (window, document) with the window's three values (numpy, not a
   Python dict per row as `flat_map` would make: there are 85 per document).
3. `groupby(window, first value).map_groups(group_pairs)`: `lsh.bucket_pairs` on each group, whose result
   depends only on the group, hence the same candidates as the local run.
4. Two `join`s bring each candidate pair its two signatures; `verify` keeps the pairs whose estimated
   containment passes the threshold.
5. The verified pairs are few (about one per duplicate), so the connected components are a union-find on the
   driver; the `cluster` column is joined back on the position and the records are sorted into dataset order.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from newsclean.dedup import Params, signature
from newsclean.pipeline import Pipeline, build_pipeline
from newsclean.process import Options, clean_record
from newsclean.sources import Input

if TYPE_CHECKING:
    from newsclean.templates import Templates


class Cleaner:
    """The per-worker state for `map_batches`: a pipeline and the options, built once per worker."""

    def __init__(
        self,
        text_field: str = "text",
        preset: str = "balanced",
        enable: Iterable[str] = (),
        disable: Iterable[str] = (),
        options: dict[str, dict[str, Any]] | None = None,
        templates: Templates | None = None,
        site_field: str | None = None,
    ) -> None:
        self.pipeline: Pipeline = build_pipeline(
            preset, enable=list(enable), disable=list(disable), options=options, templates=templates
        )
        self.opts = Options(
            output_format="jsonl", input_format="jsonl", text_field=text_field, preset=preset, site_field=site_field
        )

    def clean(self, record: dict[str, Any]) -> dict[str, Any]:
        """One record, cleaned as the command line cleans a JSON lines record (unchanged when nothing is to clean;
        a record without a text field passes through as it is)."""
        text = record.get(self.opts.text_field)
        if not isinstance(text, str):
            return record
        # A column store has no "absent": a row of a batch with a `title` column has title None where the
        # JSON line had no title. Cleaned as absent, like the command line cleans that line.
        given = {key: value for key, value in record.items() if value is not None or key != "title"}
        result = clean_record(self.pipeline, self.opts, Input("ray", text, given, "text"))
        if result.error or not result.changed or result.record_line is None:
            return record
        return {**record, **json.loads(result.record_line)}

    def __call__(self, batch: Any) -> Any:
        """A pyarrow Table in, a pyarrow Table out (batch_format="pyarrow" keeps every field's type)."""
        import pyarrow as pa

        rows = [self.clean(row) for row in batch.to_pylist()]
        return pa.Table.from_pylist(rows, schema=batch.schema)


def clean_dataset(ds: Any, *, concurrency: int | None = None, batch_size: int = 256, **cleaner: Any) -> Any:
    """`ds.map_batches(Cleaner, ...)`: a Ray Dataset of cleaned records (lazy, like every Ray Data step).

    `cleaner` takes Cleaner's arguments (text_field, preset, enable, disable, options); `concurrency` is the
    number of Cleaner actors (default: one less than Ray's CPUs, leaving one for reading and writing)."""
    import ray

    if concurrency is None:
        concurrency = max(1, int(ray.cluster_resources().get("CPU", 1)) - 1)
    return ds.map_batches(
        Cleaner,
        fn_constructor_kwargs=cleaner,
        batch_format="pyarrow",
        batch_size=batch_size,
        concurrency=concurrency,
    )


POSITION, MINHASH, SHINGLES = "_position", "_minhash", "_shingles"  # the columns dedup adds, then drops
DEFAULT = Params()


class Signer:
    """For `map_batches`: the MinHash signature (a fixed-size list of uint32) and shingle count of each record's
    text field, as `newsclean dedup` signs a cleaned record (no text field, or not a string: an empty text)."""

    def __init__(self, text_field: str = "text", params: Params = DEFAULT) -> None:
        self.text_field, self.params = text_field, params

    def __call__(self, batch: Any) -> Any:
        import numpy as np
        import pyarrow as pa

        texts = batch.column(self.text_field).to_pylist() if self.text_field in batch.column_names else []
        texts += [None] * (batch.num_rows - len(texts))
        signed = [signature(text if isinstance(text, str) else "", self.params) for text in texts]
        values = np.stack([v for v, _ in signed]) if signed else np.empty((0, self.params.num_perm), np.uint32)
        minhashes = pa.FixedSizeListArray.from_arrays(pa.array(values.ravel()), self.params.num_perm)
        batch = batch.append_column(MINHASH, minhashes)
        return batch.append_column(SHINGLES, pa.array([size for _, size in signed], pa.int64()))


def band_rows(batch: dict[str, Any], num_perm: int) -> dict[str, Any]:
    """For `map_batches` (numpy format): each document with words gives one row per window: its number, the
    window's values k0, k1, k2 and the document's position."""
    import numpy as np

    from newsclean.lsh import windows

    live = batch[SHINGLES] > 0
    values = np.stack(batch[MINHASH][live]) if live.any() else np.empty((0, num_perm), np.uint32)
    positions = batch[POSITION][live]
    spans = windows(num_perm)
    out: dict[str, Any] = {"window": np.repeat(np.arange(len(spans), dtype=np.int32), len(positions))}
    for level in range(len(spans[0])):
        out[f"k{level}"] = np.concatenate([values[:, cols[level]] for cols in spans]) if spans else values[:, 0]
    out[POSITION] = np.tile(positions, len(spans))
    return out


def group_pairs(group: dict[str, Any]) -> dict[str, Any]:
    """For `map_groups`: the candidate pairs of one (window, first value) group, by `lsh.bucket_pairs`."""
    import numpy as np

    from newsclean.lsh import ROWS, bucket_pairs

    keys = np.stack([group[f"k{level}"] for level in range(ROWS)], axis=1)
    a, b = bucket_pairs(keys, group[POSITION].astype(np.int64))
    return {"a": a, "b": b}


def verify(batch: dict[str, Any], threshold: float) -> dict[str, Any]:
    """For `map_batches` after the joins: the pairs whose estimated containment reaches the threshold."""
    import numpy as np

    from newsclean.lsh import containments

    if not len(batch["a"]):
        return {"a": batch["a"], "b": batch["b"]}
    near = containments(np.stack(batch["sig_a"]), batch["size_a"], np.stack(batch["sig_b"]), batch["size_b"])
    keep = near >= threshold
    return {"a": batch["a"][keep], "b": batch["b"][keep]}


def dedup_dataset(ds: Any, *, text_field: str = "text", params: Params = DEFAULT, partitions: int = 8) -> Any:
    """The records of `ds`, each with a `cluster` column: the position (0-based, in dataset order) of the first
    record of its near-duplicate cluster, exactly as `newsclean dedup` numbers them. Run it on cleaned records
    (`clean_dataset`) to compare what `newsclean dedup` compares. Positions follow the dataset's order, so the
    current DataContext is set to preserve order. Executes the signature and pair stages (materialize)."""
    import numpy as np
    import pyarrow as pa
    import ray

    from newsclean.lsh import UnionFind, unique_pairs

    ray.data.DataContext.get_current().execution_options.preserve_order = True
    ds = ds.materialize()
    n = ds.count()
    positions = ray.data.range(n).rename_columns({"id": POSITION})
    signed = (
        ds.zip(positions)
        .map_batches(
            Signer,
            fn_constructor_kwargs={"text_field": text_field, "params": params},
            batch_format="pyarrow",
            concurrency=1,
        )
        .materialize()
    )
    sigs = signed.select_columns([POSITION, MINHASH, SHINGLES])
    candidates = (
        sigs.map_batches(band_rows, fn_kwargs={"num_perm": params.num_perm}, batch_format="numpy")
        .groupby(["window", "k0"])
        .map_groups(group_pairs, batch_format="numpy")
    )
    side = {
        "a": {POSITION: "a", MINHASH: "sig_a", SHINGLES: "size_a"},
        "b": {POSITION: "b", MINHASH: "sig_b", SHINGLES: "size_b"},
    }
    joined = candidates.join(sigs.rename_columns(side["a"]), "inner", partitions, on=("a",))
    joined = joined.join(sigs.rename_columns(side["b"]), "inner", partitions, on=("b",))
    found = UnionFind(n)
    for batch in joined.map_batches(
        verify, fn_kwargs={"threshold": params.threshold}, batch_format="numpy"
    ).iter_batches(batch_format="numpy"):
        if len(batch["a"]):
            found.union(*unique_pairs(batch["a"].astype(np.int64), batch["b"].astype(np.int64)))
    labels = ray.data.from_arrow(pa.table({POSITION: np.arange(n, dtype=np.int64), "cluster": found.labels()}))
    clustered = signed.drop_columns([MINHASH, SHINGLES]).join(labels, "inner", partitions, on=(POSITION,))
    return clustered.sort(POSITION).drop_columns([POSITION])


# ---------------------------------------------------------------------------------------------- site templates
def _facts_schema() -> Any:
    import pyarrow as pa

    return pa.schema(
        [("site", pa.string()), ("keys", pa.list_(pa.uint64())), ("long", pa.list_(pa.bool_())), ("page", pa.uint64())]
    )


class LineFactsOf:
    """The per-worker state for the templates' first pass: each record's line facts (site, line hashes, long
    flags, the hash of its long lines), computed by the command line's own reading of a record."""

    def __init__(self, text_field: str = "text", site_field: str | None = None) -> None:
        from newsclean.process import LEARN
        from newsclean.templates import LineFacts

        self.pipeline = build_pipeline()
        self.opts = Options(input_format="jsonl", text_field=text_field, site_field=site_field, mode=LEARN)
        self.opts = replace(self.opts, collect=(LineFacts(),))

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa

        rows: dict[str, list[Any]] = {"site": [], "keys": [], "long": [], "page": []}
        for record in batch.to_pylist():
            text = record.get(self.opts.text_field)
            if not isinstance(text, str):
                continue
            given = {key: value for key, value in record.items() if value is not None or key != "title"}
            facts = clean_record(self.pipeline, self.opts, Input("ray", text, given, "text")).facts.get("template")
            if facts is None:
                continue
            site, keys, long, page = facts
            for column, value in zip(rows, (site, keys.tolist(), long.tolist(), page), strict=True):
                rows[column].append(value)
        return pa.Table.from_pydict(rows, schema=_facts_schema())


def learn_templates(ds: Any, *, text_field: str = "text", site_field: str | None = None, **options: Any) -> Any:
    """Learn every site's template from a Ray Dataset of records: the facts of each record in `map_batches`
    (on the workers, like cleaning), then the same `templates.Learner` as the command line on the driver, fed
    batch by batch: its memory is bounded (hashes counted in partition files), and its result does not depend
    on the order of the records. Returns a `templates.Templates` for `clean_dataset(ds, templates=...)`."""
    import numpy as np

    from newsclean.templates import Learner

    kwargs = {"text_field": text_field, "site_field": site_field}
    facts = ds.map_batches(LineFactsOf, fn_constructor_kwargs=kwargs, batch_format="pyarrow", **options)
    learner = Learner()
    try:
        for batch in facts.iter_batches(batch_format="pyarrow"):
            for row in batch.to_pylist():
                keys = np.asarray(row["keys"], dtype=np.uint64)
                learner.add((row["site"], keys, np.asarray(row["long"], dtype=np.bool_), row["page"]))
        learner.decide()
        return learner.templates
    finally:
        learner.close()


def run(source: str, destination: str, *, dedup: Params | None = None, templates: bool = True, **cleaner: Any) -> None:
    """read_json(source) [-> learn_templates] -> clean_dataset [-> dedup_dataset] -> write_json(destination):
    one JSON lines file per block. Templates are learned as `newsclean` learns them from a JSON lines file."""
    import ray

    ds = ray.data.read_json(source)
    if templates:
        found = learn_templates(ds, text_field=cleaner.get("text_field", "text"), site_field=cleaner.get("site_field"))
        cleaner = {**cleaner, "templates": found}
    ds = clean_dataset(ds, **cleaner)
    if dedup is not None:
        ds = dedup_dataset(ds, text_field=cleaner.get("text_field", "text"), params=dedup)
    ds.write_json(destination)


def main(argv: list[str] | None = None) -> int:
    import argparse

    import ray

    parser = argparse.ArgumentParser(prog="python -m newsclean.integrations.ray", description=__doc__.split("\n")[0])
    parser.add_argument("source", help="JSON lines file or folder (anything ray.data.read_json reads)")
    parser.add_argument("destination", help="folder for the cleaned JSON lines")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--preset", default="balanced", choices=("precision", "balanced", "recall"))
    parser.add_argument("--num-cpus", type=int, default=None, help="local Ray: CPUs to use")
    parser.add_argument("--dedup", action="store_true", help="add each record's near-duplicate `cluster`")
    parser.add_argument("--no-templates", action="store_true", help="do not learn and remove site templates")
    parser.add_argument("--site-field", default=None, help="the field naming a record's site [site, domain, url]")
    parser.add_argument("--threshold", type=float, default=Params().threshold, help="containment (with --dedup)")
    args = parser.parse_args(argv)
    dedup = Params(threshold=args.threshold) if args.dedup else None
    ray.init(num_cpus=args.num_cpus, include_dashboard=False)
    run(
        args.source,
        args.destination,
        text_field=args.text_field,
        preset=args.preset,
        dedup=dedup,
        templates=not args.no_templates,
        site_field=args.site_field,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
