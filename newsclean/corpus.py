"""Corpus passes: decisions that need every document first (a site's template, near-duplicate clusters).

Every pass has one shape, datatrove's: the workers compute compact *facts* of each document (a `Collector`,
shipped to them with the options), the main process adds them in input order and decides once, and the
decision is then applied:

- `INPUT` facts (of a document as read, before cleaning) are collected in a pass over the inputs of its own;
  the decision changes the pipeline that then cleans every document (site templates);
- `OUTPUT` facts (of a document's clean text) are collected while the documents are cleaned; what is written
  waits in a spool on disk until the decision, which then changes what is written (dedup's cluster ids).

The next corpus-level feature is one more `CorpusPass`; `Batch` runs them all.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import IO, TYPE_CHECKING, Any, ClassVar, Protocol

if TYPE_CHECKING:
    from newsclean.document import Document
    from newsclean.pipeline import Pipeline

INPUT, OUTPUT = "input", "output"


class Collector(Protocol):
    """The worker side of a pass: small, picklable, no I/O. `text` is the clean text as written (OUTPUT
    stage) or "" (INPUT stage: the document is not cleaned yet)."""

    name: str

    def __call__(self, doc: Document, text: str) -> Any: ...


class CorpusPass:
    """The main-process side of a pass: `add` every document's facts in input order (the n-th call is
    document n: for an OUTPUT pass, the n-th line of the spool), `decide` once, then
    change the pipeline (INPUT passes) or each written line (OUTPUT passes)."""

    collector: Collector
    stage: ClassVar[str]

    def add(self, facts: Any) -> None:
        raise NotImplementedError

    def decide(self) -> str | None:
        """Decide from every fact added; a line for the user (stderr) or None."""
        raise NotImplementedError

    def pipeline(self, pipeline: Pipeline) -> Pipeline:
        """The pipeline that cleans the documents once the pass has decided (INPUT passes)."""
        return pipeline

    def output(self, index: int, line: bytes) -> bytes | None:
        """What is written for document `index` (one JSON line), or None to leave it out (OUTPUT passes)."""
        return line

    def close(self) -> None:
        """Remove what the pass keeps on disk (called at the end of a batch, also after an error)."""


class Spool:
    """What is written for every document, held in a temporary file until the OUTPUT passes decide: memory
    holds only their facts. Each document's output is stored with its length, so a text document of many lines
    comes back whole; `replay` gives back (index, output) in input order."""

    def __init__(self, tmp_dir: str | None = None) -> None:
        import tempfile

        self.file: IO[bytes] = tempfile.TemporaryFile(dir=tmp_dir)  # noqa: SIM115 (deleted when closed, or at exit)
        self.count = 0

    def document(self, text: str, *, separate: bool) -> None:
        self.raw(text.encode("utf-8", "replace"))

    def raw(self, data: bytes) -> None:
        self.file.write(len(data).to_bytes(8, "little") + data)
        self.count += 1

    def flush(self) -> None:
        return None

    def replay(self) -> Iterator[tuple[int, bytes]]:
        self.file.seek(0)
        for index in range(self.count):
            size = int.from_bytes(self.file.read(8), "little")
            yield index, self.file.read(size)

    def close(self) -> None:
        self.file.close()


LEARN_FROM = 3  # inputs from which a batch of plain files is worth an INPUT pass (a site needs 3 stories)


def could_learn(paths: list[str], input_format: str) -> bool:
    """Whether inputs can hold a corpus to learn from: a folder, a JSON lines or WARC file, or at least
    LEARN_FROM files; not stdin (it can be read only once). A pre-commit run on a file or two then does not even
    import the learning."""
    from newsclean.sources import is_jsonl, is_warc

    files = [path for path in paths if path != "-"]
    if input_format in ("jsonl", "warc") and files:
        return True
    return len(files) >= LEARN_FROM or any(os.path.isdir(path) or is_jsonl(path) or is_warc(path) for path in files)
