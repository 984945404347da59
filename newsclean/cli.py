"""The command line: parse options, merge them with the config, hand the inputs to batch; no cleaning here."""

from __future__ import annotations

import errno
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from newsclean import __version__

EXAMPLES = """\
Examples:

\b
  newsclean article.txt                    clean one file, print the text
  cat article.txt | newsclean              read stdin
  newsclean --format jsonl a.txt b.html    one JSON object per document
  newsclean corpus/ -o clean/              clean a folder tree into another
  newsclean --input-format jsonl data.jsonl --text-field text > clean.jsonl
  newsclean --check corpus/                exit 1 if anything would change
  newsclean --in-place corpus/             rewrite files that change
  newsclean --explain article.txt          say on stderr which filter removed each line
  newsclean filters                        list every filter
  newsclean dedup corpus/ > clusters.jsonl near-duplicate clusters (newsclean dedup --help)

Several documents in text mode are separated by a line holding only a form feed.
Exit status: 0 nothing to change; 1 files changed (--in-place) or would change (--check);
2 usage, config or input errors (the other inputs are still processed).
"""


class Format(str, Enum):
    text = "text"
    jsonl = "jsonl"


class InputFormat(str, Enum):
    auto = "auto"
    text = "text"
    html = "html"
    jsonl = "jsonl"
    warc = "warc"


class Preset(str, Enum):
    precision = "precision"
    balanced = "balanced"
    recall = "recall"


app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"newsclean {__version__}")
        raise typer.Exit()


# Options the main command and `dedup` share (one declaration each).
Paths = Annotated[list[str] | None, typer.Argument(help="Files or folders; '-' or nothing reads stdin.")]
InputFormatOption = Annotated[
    InputFormat | None, typer.Option("--input-format", help="How to read inputs (auto: by name and content).")
]
JobsOption = Annotated[int | None, typer.Option("--jobs", "-j", min=1, help="Worker processes [default: all cores].")]
GlobOption = Annotated[list[str] | None, typer.Option("--glob", help="File pattern to take in folders (repeatable).")]
ExcludeOption = Annotated[
    list[str] | None, typer.Option("--exclude", help="Name or path pattern to skip (repeatable).")
]
TextFieldOption = Annotated[str | None, typer.Option("--text-field", help="JSON lines: the text field [text].")]
HtmlFieldOption = Annotated[str | None, typer.Option("--html-field", help="JSON lines: a raw HTML field.")]
EncodingOption = Annotated[str | None, typer.Option("--encoding", help="Decode inputs with this codec.")]
EnableOption = Annotated[list[str] | None, typer.Option("--enable", help="Turn a filter on (repeatable).")]
DisableOption = Annotated[list[str] | None, typer.Option("--disable", help="Turn a filter off (repeatable).")]
PresetOption = Annotated[Preset | None, typer.Option("--preset", help="Favour precision or recall [balanced].")]
ConfigOption = Annotated[str | None, typer.Option("--config", help="Read settings from this TOML file.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="Print errors only.")]
VerboseOption = Annotated[bool, typer.Option("--verbose", "-v", help="Add the traceback to internal errors.")]


TemplatesOption = Annotated[
    str | None, typer.Option("--templates", help="Apply this templates file (newsclean templates learn); no learning.")
]
NoTemplatesOption = Annotated[bool, typer.Option("--no-templates", help="Neither learn nor apply site templates.")]
LearnTemplatesOption = Annotated[
    bool, typer.Option("--learn-templates", help="Learn site templates in --check/--diff/--in-place runs too.")
]
SiteOption = Annotated[str | None, typer.Option("--site", help="The site of every input (for --templates on stdin).")]
SiteFieldOption = Annotated[
    str | None, typer.Option("--site-field", help="JSON lines: the field naming a record's site [site, domain].")
]
RulesOption = Annotated[
    list[str] | None, typer.Option("--rules", help="Also use the rules in this TOML file (repeatable; README, Rules).")
]
DisableRuleOption = Annotated[
    list[str] | None, typer.Option("--disable-rule", help="Turn one rule off by its id (repeatable; newsclean rules).")
]
TmpDirOption = Annotated[str | None, typer.Option("--tmp-dir", help="Folder for temporary files [the system's].")]


@app.command(help="Clean scraped news articles: remove boilerplate, keep every sentence.", epilog=EXAMPLES)
def clean_command(
    paths: Paths = None,
    output_format: Annotated[Format | None, typer.Option("--format", "-f", help="Output format.")] = None,
    input_format: InputFormatOption = None,
    output_dir: Annotated[
        str | None, typer.Option("--output-dir", "-o", help="Write one file per input here, mirroring the tree.")
    ] = None,
    check: Annotated[bool, typer.Option("--check", help="Change nothing; exit 1 if any file would change.")] = False,
    diff: Annotated[bool, typer.Option("--diff", help="Print a unified diff of what would change.")] = False,
    in_place: Annotated[bool, typer.Option("--in-place", "-i", help="Rewrite files that change, atomically.")] = False,
    jobs: JobsOption = None,
    glob: GlobOption = None,
    exclude: ExcludeOption = None,
    text_field: TextFieldOption = None,
    html_field: HtmlFieldOption = None,
    site: SiteOption = None,
    site_field: SiteFieldOption = None,
    comments: Annotated[
        bool | None, typer.Option("--comments/--no-comments", help="HTML: keep the comment section [no].")
    ] = None,
    timeout: Annotated[
        float | None, typer.Option("--timeout", min=0.1, help="HTML: seconds per page before falling back [20].")
    ] = None,
    explain: Annotated[bool, typer.Option("--explain", help="Report each removed line and why.")] = False,
    templates: TemplatesOption = None,
    no_templates: NoTemplatesOption = False,
    learn_templates: LearnTemplatesOption = False,
    encoding: EncodingOption = None,
    enable: EnableOption = None,
    disable: DisableOption = None,
    rules: RulesOption = None,
    disable_rule: DisableRuleOption = None,
    preset: PresetOption = None,
    config: ConfigOption = None,
    tmp_dir: TmpDirOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    given = {k: v for k, v in locals().items() if k != "version"}
    raise typer.Exit(_execute(given))


def _execute(
    given: dict[str, Any], *, deduplicate: Any = None, learn_only: bool = False, templates_out: str | None = None
) -> int:
    """Build the pipeline, the options and the corpus passes from the command line (`given`) and the config,
    run the batch and return its exit status. `deduplicate` is dedup's pass (the documents are clustered before
    they are written); `learn_only` learns the site templates into `templates_out` (stdout when None) and
    cleans nothing (`newsclean templates learn`)."""
    from newsclean import batch, process
    from newsclean.config import ConfigError, find_pyproject, load_config
    from newsclean.corpus import could_learn
    from newsclean.filters import rule_filters
    from newsclean.pipeline import build_pipeline
    from newsclean.sources import site_of

    paths = given["paths"] or []
    try:
        config_path = given["config"] or find_pyproject(paths)
        settings: dict[str, Any] = load_config(config_path) if config_path else {}
    except ConfigError as exc:
        _fail(str(exc))
    check, diff, in_place, output_dir = (given.get(k) for k in ("check", "diff", "in_place", "output_dir"))
    mode = process.IN_PLACE if in_place else process.CHECK if check else process.DIFF if diff else process.WRITE
    if in_place and (check or diff):
        _fail("--in-place cannot be combined with --check or --diff")
    if output_dir and os.path.exists(output_dir) and not os.path.isdir(output_dir):
        _fail(f"{output_dir}: -o/--output-dir needs a folder, and this is a file")
    if output_dir and mode != process.WRITE:
        _fail("-o/--output-dir cannot be combined with --check, --diff or --in-place")
    if in_place and (not paths or "-" in paths):
        _fail("--in-place needs files: stdin cannot be rewritten")
    encoding = given["encoding"]
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            _fail(f"unknown encoding {encoding!r}")

    enable, disable, preset = given["enable"], given["disable"], given["preset"]
    enabled = [*settings.get("enable", []), *(enable or [])]
    disabled = [name for name in [*settings.get("disable", []), *(disable or [])] if name not in (enable or [])]
    options = dict(settings.get("options", {}))
    if settings.get("extra-patterns"):
        enabled.append("user-patterns")
        options["user-patterns"] = {**options.get("user-patterns", {}), "patterns": settings["extra-patterns"]}
    rule_options = _rule_options(given, settings, config_path)
    for name in rule_filters() if rule_options else ():
        options[name] = {**rule_options, **options.get(name, {})}
    chosen_preset = preset.value if preset else settings.get("preset", "balanced")
    passes: list[Any] = []
    keep_comments = given.get("comments")
    keep_comments = keep_comments if keep_comments is not None else settings.get("comments", False)
    tmp_dir = given.get("tmp_dir") or settings.get("tmp-dir")
    if tmp_dir and not os.path.isdir(tmp_dir):
        _fail(f"{tmp_dir}: --tmp-dir needs an existing folder")
    templates_file, learn = (None, True) if learn_only else _templates_choice(given, settings, config_path, mode)
    try:
        table = _load_templates(templates_file) if templates_file else None
    except ValueError as exc:  # TemplatesError: its message names the file
        _fail(str(exc))
    try:
        pipeline = build_pipeline(
            chosen_preset, enable=enabled, disable=disabled, options=options, comments=keep_comments, templates=table
        )
    except ValueError as exc:
        _fail(f"{config_path}: {exc}" if config_path else str(exc))
    output_format, input_format = given.get("output_format"), given["input_format"]
    opts = process.Options(
        output_format=(output_format.value if output_format else settings.get("format")),
        input_format=(input_format.value if input_format else settings.get("input-format", "auto")),
        encoding=encoding,
        explain=given.get("explain", False),
        mode=mode,
        output_dir=output_dir,
        text_field=given["text_field"] or settings.get("text-field", "text"),
        html_field=given["html_field"] or settings.get("html-field"),
        site=site_of(given.get("site")),
        site_field=given["site_field"] or settings.get("site-field"),
        comments=keep_comments,
        preset=chosen_preset,
        timeout=given.get("timeout") or settings.get("timeout"),
    )
    if learn_only or (learn and "template" not in disabled and could_learn(paths, opts.input_format)):
        from newsclean.templates import Learner, Texts

        learner = Learner(tmp_dir=tmp_dir)
        passes += [learner, Texts(learner)] if learn_only else [learner]
    if deduplicate is not None:
        passes.append(deduplicate)
    workers = given["jobs"] or settings.get("jobs") or batch.default_jobs()
    globs = given["glob"] or settings.get("glob", [])
    excluded = [*settings.get("exclude", []), *(given["exclude"] or [])]
    run = batch.Batch(
        pipeline, opts, jobs=workers, quiet=given["quiet"], verbose=given["verbose"], passes=passes, tmp_dir=tmp_dir
    )
    try:
        code = run.run(paths, globs, excluded, clean=not learn_only)
    except BrokenPipeError:
        # `newsclean corpus/ | head`: the reader has what it wanted; end quietly like other Unix tools.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    except OSError as exc:
        from newsclean.spill import DiskFull

        if not isinstance(exc, DiskFull) and exc.errno != errno.ENOSPC:
            raise
        _fail(str(exc) if isinstance(exc, DiskFull) else f"no space left on device for temporary files ({exc})")
    if learn_only:
        _write_templates(passes[0].templates, templates_out)
    return code


def _rule_options(given: dict[str, Any], settings: dict[str, Any], config_path: Any) -> dict[str, Any]:
    """The rule files (the config's, relative to it, then `--rules`) and the disabled rule ids, checked here
    (exit 2 on a bad file or an unknown id) so that no worker meets them first."""
    from newsclean.rules import RulesError, load

    folder = os.path.dirname(str(config_path)) if config_path else ""
    files = [os.path.join(folder, path) for path in settings.get("rules", [])] + list(given.get("rules") or [])
    disabled = list(given.get("disable_rule") or [])
    try:
        load(tuple(files), tuple(disabled))
    except RulesError as exc:
        _fail(str(exc))
    return {"rules": files, "disabled_rules": disabled} if files or disabled else {}


def _templates_choice(
    given: dict[str, Any], settings: dict[str, Any], config_path: Any, mode: str
) -> tuple[str | None, bool]:
    """The templates file to apply (the command line's, else the config's, relative to the config file), and
    whether to learn templates from the batch: by default when writing, never in --check, --diff and
    --in-place runs (a file's result must not depend on which other files are staged) unless --learn-templates;
    never with a file, with --no-templates or `templates = false`."""
    from newsclean import process

    configured = settings.get("templates")
    path = given.get("templates")
    if path is None and isinstance(configured, str):
        path = str(Path(config_path).parent / configured) if config_path else configured
    off = given.get("no_templates") or configured is False
    if path or off:
        return (None if off else path), False
    return None, mode == process.WRITE or bool(given.get("learn_templates"))


def _load_templates(path: str) -> Any:
    from newsclean.templates import Templates

    return Templates.load(path)


def _write_templates(templates: Any, path: str | None) -> None:
    data = templates.to_json().encode()
    if path in (None, "-"):
        sys.stdout.buffer.write(data)
        return
    from newsclean.atomic import atomic_write

    atomic_write(path, data)


def _error(message: str) -> None:
    sys.stderr.write(f"newsclean: {message}\n")


def _fail(message: str) -> None:
    _error(message)
    raise typer.Exit(2)


filters_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@filters_app.command(help="List every filter, in pipeline order, with what it removes.")
def filters_command() -> None:
    from newsclean.filters import registry

    for name, cls in registry().items():
        state = "" if cls.default else " (off by default)"
        typer.echo(f"{name:16} {cls.description}{state}")


rules_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@rules_app.command(help="List every rule (id, filter and role, language, description), built-in first.")
def rules_command(rules: RulesOption = None) -> None:
    from newsclean.rules import RulesError, load

    try:
        found = load(tuple(rules or ()))
    except RulesError as exc:
        _fail(str(exc))
    for rule in found:
        typer.echo(f"{rule.id:44} {rule.filter + ':' + rule.role:20} {rule.lang:4} {rule.description}")


dedup_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)

DEDUP_EXAMPLES = """\
Examples:

\b
  newsclean dedup corpus/ > clusters.jsonl                every document, with its cluster id
  newsclean dedup --keep longest corpus/ > unique.jsonl   one document per cluster
  newsclean dedup --input-format jsonl data.jsonl --keep first > unique.jsonl
  newsclean dedup crawl.warc.gz --threshold 0.6

Documents are cleaned as by `newsclean --format jsonl`, then compared on their clean text: two are one story
when about --threshold of the shorter one's word pairs are also in the other (MinHash signatures on disk).
"""


class Keep(str, Enum):
    all = "all"
    first = "first"
    longest = "longest"


@dedup_app.command(help="Cluster near-duplicate documents (news reprints); JSON lines out.", epilog=DEDUP_EXAMPLES)
def dedup_command(
    paths: Paths = None,
    keep: Annotated[Keep, typer.Option("--keep", help="Write every document, or one per cluster.")] = Keep.all,
    threshold: Annotated[
        float, typer.Option("--threshold", min=0.05, max=1.0, help="Containment from which two are one story.")
    ] = 0.45,
    num_perm: Annotated[int, typer.Option("--num-perm", min=16, max=4096, help="MinHash permutations.")] = 256,
    shingle: Annotated[int, typer.Option("--shingle", min=1, max=10, help="Words per shingle.")] = 2,
    memory: Annotated[
        int, typer.Option("--memory", min=1, help="MiB for the clustering's working arrays (signatures go to disk).")
    ] = 256,
    input_format: InputFormatOption = None,
    jobs: JobsOption = None,
    glob: GlobOption = None,
    exclude: ExcludeOption = None,
    text_field: TextFieldOption = None,
    html_field: HtmlFieldOption = None,
    site_field: SiteFieldOption = None,
    templates: TemplatesOption = None,
    no_templates: NoTemplatesOption = False,
    encoding: EncodingOption = None,
    enable: EnableOption = None,
    disable: DisableOption = None,
    preset: PresetOption = None,
    config: ConfigOption = None,
    tmp_dir: TmpDirOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    """The main command's reading and cleaning; the clean documents are clustered before they are written."""
    given = {k: v for k, v in locals().items() if k not in ("keep", "threshold", "num_perm", "shingle", "memory")}
    from newsclean import dedup

    try:
        dedup.available()
        params = dedup.Params(
            shingle=shingle, num_perm=num_perm, threshold=threshold, tmp_dir=tmp_dir, memory=memory * 2**20
        )
        deduplicate = dedup.Deduplicate(params, keep.value)
    except (dedup.DedupUnavailable, ValueError) as exc:
        _fail(str(exc))
    raise typer.Exit(_execute({**given, "output_format": Format.jsonl}, deduplicate=deduplicate))


templates_app = typer.Typer(add_completion=False, pretty_exceptions_enable=False, rich_markup_mode=None)


@templates_app.callback()
def templates_group() -> None:
    """Site templates: learn each site's template lines from a corpus, to apply with --templates FILE."""


TEMPLATES_EXAMPLES = """\
Examples:

\b
  newsclean templates learn corpus/ -o templates.json       learn every site's template lines
  newsclean --templates templates.json new-article.txt      apply them to any file, stdin, a pre-commit run
  newsclean templates learn --input-format jsonl data.jsonl --site-field domain -o templates.json

A site is a JSON lines record's --site-field (or its site, domain or url field), else the host of a page's URL,
else the folder a file is in. A line is a site's template when it occurs in enough different stories of the
site (near-duplicates count once): see README, "Site templates".
"""


@templates_app.command("learn", help="Learn each site's template lines from a corpus.", epilog=TEMPLATES_EXAMPLES)
def templates_learn_command(
    paths: Annotated[list[str] | None, typer.Argument(help="Files or folders (stdin cannot be read twice).")] = None,
    output: Annotated[str | None, typer.Option("--output", "-o", help="Write the templates here [stdout].")] = None,
    input_format: InputFormatOption = None,
    jobs: JobsOption = None,
    glob: GlobOption = None,
    exclude: ExcludeOption = None,
    text_field: TextFieldOption = None,
    html_field: HtmlFieldOption = None,
    site_field: SiteFieldOption = None,
    encoding: EncodingOption = None,
    preset: PresetOption = None,
    config: ConfigOption = None,
    tmp_dir: TmpDirOption = None,
    quiet: QuietOption = False,
    verbose: VerboseOption = False,
) -> None:
    if not paths or "-" in paths:
        _fail("templates learn needs files or folders: stdin can be read only once")
    given = {k: v for k, v in locals().items() if k != "output"}
    raise typer.Exit(_execute({**given, "enable": None, "disable": None}, learn_only=True, templates_out=output))


def main() -> None:
    for stream in (sys.stdout, sys.stderr):
        stream.reconfigure(encoding="utf-8", errors="replace")  # type: ignore[attr-defined]
    argv = sys.argv[1:]
    if argv[:1] == ["filters"]:
        filters_app(argv[1:], prog_name="newsclean filters")
    elif argv[:1] == ["rules"]:
        rules_app(argv[1:], prog_name="newsclean rules")
    elif argv[:1] == ["dedup"]:
        dedup_app(argv[1:], prog_name="newsclean dedup")
    elif argv[:1] == ["templates"]:
        templates_app(argv[1:], prog_name="newsclean templates")
    else:
        app(argv, prog_name="newsclean")
