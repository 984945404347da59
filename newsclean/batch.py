"""Many inputs: list them, clean them in a process pool in input order, report and summarise.

The main process lists the inputs and writes what goes to stdout; workers run `process.clean_source` /
`process.clean_record`. Results come back in input order whatever the number of workers, and no more than a
few chunks are in flight at once, so memory stays flat on endless JSON lines streams.
"""

from __future__ import annotations

import os
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import islice
from typing import IO, TYPE_CHECKING, Any, TypeVar

from newsclean.atomic import AtomicFile, remove_stale_temps
from newsclean.corpus import INPUT, OUTPUT, CorpusPass, Spool, could_learn
from newsclean.pipeline import Pipeline
from newsclean.process import (
    CHECK,
    DIFF,
    IN_PLACE,
    LEARN,
    WRITE,
    Options,
    Result,
    clean_page,
    clean_record,
    clean_source,
    output_path,
)
from newsclean.sources import STDIN, InputError, Source, expand, is_jsonl, is_warc, read_records, read_warc

if TYPE_CHECKING:
    from concurrent.futures import Executor

R = TypeVar("R")


class Runner:
    """Maps a function over items in order, inline or in a process pool, with a bounded number in flight.

    `fn(*context, item)` is called for each item. The context (the pipeline and options, which carry a corpus
    pass's decision: a site templates table can be large) is sent to each worker once, when its pool starts,
    not with every chunk; a new context starts a new pool."""

    def __init__(self, jobs: int) -> None:
        self.jobs = max(1, jobs)
        self._pool: Executor | None = None
        self._context: tuple[Any, ...] | None = None

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def map(
        self,
        fn: Callable[..., R],
        items: Iterable[Any],
        *,
        context: tuple[Any, ...] = (),
        chunk: int = 16,
        parallel: bool = True,
    ) -> Iterator[R]:
        if self.jobs == 1 or not parallel:
            yield from (fn(*context, item) for item in items)
            return
        if self._pool is None or self._context is not context:
            if self._pool is not None:
                self._pool.shutdown()
            import multiprocessing  # here: a run in one process does not pay for importing them
            from concurrent.futures import ProcessPoolExecutor

            mp_context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
            self._pool = ProcessPoolExecutor(
                self.jobs, mp_context=mp_context, initializer=_install, initargs=(context,)
            )
            self._context = context
        pending: deque[Any] = deque()
        iterator = iter(items)
        while batch := list(islice(iterator, chunk)):
            pending.append(self._pool.submit(_map_all, fn, batch))
            while len(pending) >= self.jobs * 3:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


_installed: tuple[Any, ...] = ()  # in a worker: the context its pool was started with


def _install(context: tuple[Any, ...]) -> None:
    global _installed
    _installed = context


def _map_all(fn: Callable[..., R], batch: list[Any]) -> list[R]:
    return [fn(*_installed, item) for item in batch]


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


@dataclass
class Summary:
    documents: int = 0
    failed: int = 0
    changed: int = 0
    removed: Counter[str] = field(default_factory=Counter)

    def add(self, result: Result) -> None:
        """Count a result; its failure, if any, too."""
        if result.error:
            self.failed += 1
            return
        self.documents += 1
        self.changed += result.changed
        self.removed.update(result.counts)

    def line(self, mode: str) -> str:
        parts = [f"{self.documents} document{'s' * (self.documents != 1)}"]
        if mode in (CHECK, DIFF):
            parts.append(f"{self.changed} would change")
        elif mode == IN_PLACE:
            parts.append(f"{self.changed} cleaned")
        total = sum(self.removed.values())
        per_filter = ", ".join(f"{name} {n}" for name, n in self.removed.most_common())
        parts.append(f"{total} line{'s' * (total != 1)} removed" + (f" ({per_filter})" if per_filter else ""))
        parts.append(f"{self.failed} failed")
        return ", ".join(parts)


BATCH_PROGRESS = 20  # inputs from which a progress bar is shown on a terminal


class Batch:
    """One run of the command line over its inputs: cleaning, stdout, messages on stderr, the summary.

    `passes` are corpus passes (see corpus.py): INPUT passes each read every input once before the cleaning
    and change the pipeline; OUTPUT passes collect facts of every clean document while the output waits in a
    spool, then decide what is written."""

    def __init__(
        self,
        pipeline: Pipeline,
        opts: Options,
        *,
        jobs: int = 1,
        quiet: bool = False,
        verbose: bool = False,
        passes: Sequence[CorpusPass] = (),
        tmp_dir: str | None = None,
    ) -> None:
        self.pipeline, self.opts, self.jobs = pipeline, opts, jobs
        self.quiet, self.verbose = quiet, verbose
        self.passes, self.tmp_dir = list(passes), tmp_dir
        self.summary = Summary()
        self.out: _Stdout | Spool = _Stdout()
        self._holding = [p for p in self.passes if p.stage == OUTPUT]
        self._decided: list[str] = []  # what the OUTPUT passes decided, said after the summary
        self._ctx: tuple[Pipeline, Options] | None = None

    def run(self, paths: list[str], globs: Iterable[str] = (), exclude: Iterable[str] = (), clean: bool = True) -> int:
        """Clean every input in order; return the exit status (0 nothing to change, 1 changed, 2 failures).
        With `clean` False only the INPUT passes run (`newsclean templates learn`)."""
        opts = self.opts
        listed = list(expand(paths, globs, exclude))
        sources = [s for s in listed if not isinstance(s, InputError)]
        for error in listed:
            if isinstance(error, InputError):
                self.fail(str(error))
        if opts.mode == IN_PLACE:
            remove_stale_temps({os.path.dirname(s.path) for s in sources})
        self._cleans = clean
        cache = None
        if any(p.stage == INPUT for p in self.passes):  # pages extracted once, for every pass
            from newsclean.spill import Scratch

            cache = Scratch(self.tmp_dir, "newsclean-pages-")  # removed at the end, on an error or SIGTERM
            self.opts = replace(opts, cache=cache.path)
        try:
            with Runner(self.jobs) as runner:
                for corpus_pass in self.passes:
                    if corpus_pass.stage == INPUT:
                        self._learn(corpus_pass, sources, runner)
                if clean:
                    self._clean(sources, runner)
        finally:
            for corpus_pass in self.passes:
                corpus_pass.close()
            if cache:
                cache.close()
            self.opts = opts
        if clean and not self.quiet and (len(listed) > 1 or opts.mode != WRITE or opts.output_dir or self._records):
            self.say(self.summary.line(opts.mode))
        for message in self._decided:
            self.say(message)
        if self.summary.failed:
            return 2
        return 1 if self.summary.changed and opts.mode in (CHECK, IN_PLACE) else 0

    @property
    def _records(self) -> bool:
        return self.opts.input_format == "jsonl"

    def _segments(self, sources: list[Source]) -> Iterator[tuple[str, Any]]:
        """The inputs in order: runs of plain files ("files", a list, cleaned in parallel), and single JSON lines
        ("jsonl") and WARC ("warc") files, streamed record by record."""
        as_jsonl, as_warc = self.opts.input_format == "jsonl", self.opts.input_format == "warc"
        group: list[Source] = []
        for src in sources:
            kind = "warc" if as_warc or (not as_jsonl and is_warc(src.path)) else "jsonl"
            if not (as_jsonl or as_warc or is_jsonl(src.path) or is_warc(src.path)):
                group.append(src)
                continue
            if group:
                yield "files", group
                group = []
            yield kind, src
        if group:
            yield "files", group

    def _learn(self, corpus_pass: CorpusPass, sources: list[Source], runner: Runner) -> None:
        """One INPUT pass: every document's facts (nothing cleaned or written), then the pass's decision and the
        pipeline it gives. Stdin is not read here (it can be read only once); bad inputs are reported later,
        by the cleaning."""
        sources = [s for s in sources if s.path != STDIN]
        if not could_learn([s.path for s in sources], self.opts.input_format):
            return  # one document is no corpus (and a pre-commit run on one file stays quick)
        saved, self.opts = self.opts, replace(self.opts, mode=LEARN, collect=(corpus_pass.collector,))
        try:
            with _progress(self._shows_progress(sources), len(sources), "learning") as advance:
                self._collect(corpus_pass, sources, runner, advance)
        finally:
            self.opts = saved
        message = corpus_pass.decide()
        if message:
            self.say(message)
        self.pipeline = corpus_pass.pipeline(self.pipeline)

    def _collect(
        self, corpus_pass: CorpusPass, sources: list[Source], runner: Runner, advance: Callable[[int], Any]
    ) -> None:
        """Every document's facts for an INPUT pass, added in input order."""
        name = corpus_pass.collector.name
        for kind, what in self._segments(sources):
            if kind == "files":
                results = runner.map(clean_source, what, context=self._context(), chunk=self._chunk(len(what)))
            elif kind == "jsonl":
                records = read_records(what.path, self.opts.text_field, self.opts.html_field)
                results = runner.map(clean_record, records, context=self._context(), chunk=64)
            else:
                results = runner.map(clean_page, read_warc(what.path), context=self._context(), chunk=16)
            try:
                for result in results:
                    if result.error is None:
                        corpus_pass.add(result.facts.get(name))
                    elif not self._cleans:  # no cleaning pass will report it
                        self._deliver(result, to_stdout=False)
                    if kind == "files":
                        advance(1)
            except InputError as exc:
                if not self._cleans:
                    self.fail(str(exc))
            if kind != "files":
                advance(1)

    def _shows_progress(self, sources: list[Source]) -> bool:
        return not self.quiet and _stderr().isatty() and (len(sources) >= BATCH_PROGRESS or self._records)

    def _chunk(self, files: int) -> int:
        return max(1, min(64, files // (self.jobs * 8)))

    def _clean(self, sources: list[Source], runner: Runner) -> None:
        """Clean and deliver every input in order; with OUTPUT passes, what is written waits in a spool until they
        have decided."""
        opts = self.opts
        if opts.output_dir:
            sources = self._distinct_outputs(sources)
        if self._holding:
            self.out = Spool(self.tmp_dir)
            self.opts = replace(opts, collect=tuple(p.collector for p in self._holding))
        try:
            with _progress(self._shows_progress(sources), len(sources)) as advance:
                for kind, what in self._segments(sources):
                    if kind == "files":
                        context, chunk = self._context(), self._chunk(len(what))
                        results = runner.map(clean_source, what, context=context, chunk=chunk, parallel=len(what) > 1)
                        for result in results:
                            self._deliver(result, to_stdout=True)
                            advance(1)
                        continue
                    self._warc(what, runner) if kind == "warc" else self._jsonl(what, runner)
                    advance(1)
            self.out.flush()
            if isinstance(self.out, Spool):
                self._release(self.out)
        finally:
            if isinstance(self.out, Spool):
                self.out.close()
            self.opts = opts

    def _release(self, spool: Spool) -> None:
        """The OUTPUT passes decide, then every held line is written as they say (or left out)."""
        out = _Stdout()
        self._decided = [message for p in self._holding if (message := p.decide())]
        for index, line in spool.replay():
            kept: bytes | None = line
            for corpus_pass in self._holding:
                kept = corpus_pass.output(index, kept) if kept is not None else None
            if kept is not None:
                out.raw(kept)
        out.flush()

    def _context(self) -> tuple[Pipeline, Options]:
        """What every worker call gets before its input: the pipeline and the options, the same tuple for as long
        as neither changes (so the Runner sends it to the workers once)."""
        if self._ctx is None or self._ctx[0] is not self.pipeline or self._ctx[1] is not self.opts:
            self._ctx = (self.pipeline, self.opts)
        return self._ctx

    def _warc(self, src: Source, runner: Runner) -> None:
        """One WARC file: its HTML pages streamed through the workers; to stdout, or to one file with -o."""
        opts = self.opts
        if opts.mode != WRITE:
            self.fail(f"{src.path}: WARC archives are not rewritten in place; clean them into a folder with -o DIR")
            return
        sink = AtomicFile(output_path(src, opts)) if opts.output_dir else None
        written = False
        try:
            for result in runner.map(clean_page, read_warc(src.path), context=self._context(), chunk=16):
                self._deliver(result, to_stdout=sink is None, announce=False)
                if sink is not None and result.error is None and result.output:
                    sink.write((b"\f\n" if written and result.output_is_text else b"") + result.output.encode())
                    written = True
        except InputError as exc:
            self.fail(str(exc))
        if sink is not None:
            sink.commit()

    def _jsonl(self, src: Source, runner: Runner) -> None:
        """One JSON lines file (or stdin), streamed record by record through the workers."""
        opts = self.opts
        sink = None
        if opts.mode == IN_PLACE or opts.output_dir:
            sink = AtomicFile(src.path if opts.mode == IN_PLACE else output_path(src, opts))
        changed = failed = False
        try:
            records = read_records(src.path, opts.text_field, opts.html_field)
            for result in runner.map(clean_record, records, context=self._context(), chunk=64):
                changed |= result.changed
                failed |= result.error is not None
                self._deliver(result, to_stdout=sink is None, announce=False)
                if sink is not None and result.error is None:
                    sink.write(result.record_line if result.record_line is not None else result.output.encode())
        except InputError as exc:
            self.fail(str(exc))
            failed = True
        if sink is not None:
            keep = not failed and (changed or opts.mode != IN_PLACE)
            sink.commit() if keep else sink.discard()  # a file with a bad record is left untouched
        if changed and opts.mode != WRITE:
            self.say(f"{'cleaned' if opts.mode == IN_PLACE else 'would clean'} {src.path}")

    def _deliver(self, result: Result, *, to_stdout: bool, announce: bool = True) -> None:
        self.summary.add(result)
        if result.error:
            self.fail(result.error, counted=True)
            if self.verbose and result.traceback:
                _stderr().write(result.traceback)
            return
        for warning in result.warnings:
            self.say(f"{result.source}: warning: {warning}", always=True)
        if result.report:
            _stderr().write(result.report)
        if to_stdout and self.opts.mode == WRITE and result.record_line is not None:
            self._held(result)
            self.out.raw(result.record_line)
        elif to_stdout and result.output:
            self._held(result)
            self.out.document(result.output, separate=result.output_is_text)
        if announce and result.changed:
            self.say(f"{'cleaned' if self.opts.mode == IN_PLACE else 'would clean'} {result.source}")

    def _held(self, result: Result) -> None:
        """The facts of a document about to be written, for the OUTPUT passes (numbered as the spool's lines)."""
        if self._holding:
            assert isinstance(self.out, Spool), "OUTPUT passes write to a spool"
            for corpus_pass in self._holding:
                corpus_pass.add(result.facts.get(corpus_pass.collector.name))

    def _distinct_outputs(self, sources: list[Source]) -> list[Source]:
        """-o never overwrites an input, nor writes two inputs to one file."""
        inputs = {os.path.realpath(s.path) for s in sources if s.path != "-"}
        taken: dict[str, str] = {}
        kept = []
        for src in sources:
            shown = output_path(src, self.opts)
            target = os.path.realpath(shown)
            if target in inputs:
                self.fail(f"{src.path}: output {shown} would overwrite an input; choose another -o folder")
            elif target in taken:
                self.fail(f"{src.path}: output {shown} is also the output of {taken[target]}")
            else:
                taken[target] = src.path
                kept.append(src)
        return kept

    def fail(self, message: str, *, counted: bool = False) -> None:
        """Report one failed input (always, even with -q)."""
        if not counted:
            self.summary.failed += 1
        self.say(message, always=True)

    def say(self, message: str, *, always: bool = False) -> None:
        if always or not self.quiet:
            _stderr().write(f"newsclean: {message}\n")


class _Stdout:
    """Writes results to stdout in order: text documents separated by a line holding only a form feed."""

    def __init__(self) -> None:
        import sys

        self.stream: IO[bytes] = sys.stdout.buffer
        self.started = False

    def document(self, text: str, *, separate: bool) -> None:
        if separate and self.started:
            self.stream.write(b"\f\n")
        self.stream.write(text.encode("utf-8", "replace"))
        self.started = True

    def raw(self, data: bytes) -> None:
        self.stream.write(data)

    def flush(self) -> None:
        self.stream.flush()


def _stderr() -> IO[str]:
    import sys

    return sys.stderr


@contextmanager
def _progress(show: bool, total: int, label: str = "newsclean") -> Iterator[Callable[[int], Any]]:
    """A rich progress bar on stderr (it respects NO_COLOR), or a no-op."""
    if not show:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("clean", total=total or None)
        yield lambda n: bar.advance(task, n)
