"""Run the newsclean pipeline on Ray Data: read JSON lines, clean each record's text field, write JSON lines.

    import ray
    from newsclean.integrations.ray import clean_dataset

    ray.init()
    ds = ray.data.read_json("s3://bucket/crawl/*.jsonl")
    clean_dataset(ds, text_field="text", preset="balanced").write_json("s3://bucket/clean/")

or, from the shell, `python -m newsclean.integrations.ray IN_DIR_OR_FILE OUT_DIR [--text-field F]`.

Each record is cleaned exactly as `newsclean --input-format jsonl` cleans it (the same `process.clean_record`):
every field kept, the text field replaced by the clean text. `map_batches` runs a callable class, `Cleaner`,
so every Ray worker builds its pipeline once and reuses it for all its batches. Ray is imported only here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from newsclean.pipeline import Pipeline, build_pipeline
from newsclean.process import Options, clean_record
from newsclean.sources import Input


class Cleaner:
    """The per-worker state for `map_batches`: a pipeline and the options, built once per worker."""

    def __init__(
        self,
        text_field: str = "text",
        preset: str = "balanced",
        enable: Iterable[str] = (),
        disable: Iterable[str] = (),
        options: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.pipeline: Pipeline = build_pipeline(preset, enable=list(enable), disable=list(disable), options=options)
        self.opts = Options(output_format="jsonl", input_format="jsonl", text_field=text_field, preset=preset)

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


def run(source: str, destination: str, **cleaner: Any) -> None:
    """read_json(source) -> clean_dataset -> write_json(destination): one JSON lines file per block."""
    import ray

    clean_dataset(ray.data.read_json(source), **cleaner).write_json(destination)


def main(argv: list[str] | None = None) -> int:
    import argparse

    import ray

    parser = argparse.ArgumentParser(prog="python -m newsclean.integrations.ray", description=__doc__.split("\n")[0])
    parser.add_argument("source", help="JSON lines file or folder (anything ray.data.read_json reads)")
    parser.add_argument("destination", help="folder for the cleaned JSON lines")
    parser.add_argument("--text-field", default="text")
    parser.add_argument("--preset", default="balanced", choices=("precision", "balanced", "recall"))
    parser.add_argument("--num-cpus", type=int, default=None, help="local Ray: CPUs to use")
    args = parser.parse_args(argv)
    ray.init(num_cpus=args.num_cpus, include_dashboard=False)
    run(args.source, args.destination, text_field=args.text_field, preset=args.preset)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
