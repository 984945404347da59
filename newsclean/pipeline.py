"""Compose filters into a pipeline; presets set every filter's options at once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from newsclean.document import Document
from newsclean.filters import BUILTIN, Filter, registry
from newsclean.filters.template import SiteTemplate

if TYPE_CHECKING:
    from newsclean.templates import Templates

PRESETS = ("precision", "balanced", "recall")


class Pipeline:
    """Runs filters in order over a Document. Picklable, so it can be shipped to worker processes."""

    def __init__(self, filters: Sequence[Filter]) -> None:
        self.filters = list(filters)

    def __call__(self, doc: Document) -> Document:
        for step in self.filters:
            doc = step(doc)
        if doc.lines and not doc.warnings and all(line.removed_by for line in doc.lines):
            doc.warnings.append("every line was removed as boilerplate; no article text left")
        return doc

    def with_templates(self, templates: Templates) -> Pipeline:
        """The same pipeline with `templates` in its `template` filter (none when that filter is disabled)."""
        return Pipeline([SiteTemplate(templates) if step.name == SiteTemplate.name else step for step in self.filters])

    @property
    def names(self) -> list[str]:
        return [step.name for step in self.filters]

    def __repr__(self) -> str:
        return f"Pipeline({self.names})"


def build_pipeline(
    preset: str = "balanced",
    *,
    enable: Iterable[str] = (),
    disable: Iterable[str] = (),
    options: Mapping[str, Mapping[str, Any]] | None = None,
    comments: bool = False,
    templates: Templates | None = None,
) -> Pipeline:
    """The default filters, less `disable`, plus `enable` (built-in or third-party), tuned by `preset` and
    per-filter `options` (which win over the preset). `comments` keeps a page's comment section; `templates`
    (see `newsclean.templates`) are the site templates the `template` filter removes."""
    if preset not in PRESETS:
        raise ValueError(f"unknown preset {preset!r} (choose from {', '.join(PRESETS)})")
    enable, disable = list(enable), set(disable)
    builtin = {cls.name: cls for cls in BUILTIN}
    needs_plugins = any(name not in builtin for name in [*enable, *disable, *(options or {})])
    known = registry(plugins=needs_plugins) if needs_plugins else builtin
    for name in [*enable, *disable, *(options or {})]:
        if name not in known:
            raise ValueError(f"unknown filter {name!r} (known: {', '.join(known)})")
    chosen = [cls for name, cls in known.items() if (cls.default or name in enable) and name not in disable]
    filters = []
    for cls in chosen:
        kwargs = {**cls.presets.get(preset, {}), **(options or {}).get(cls.name, {})}
        if comments and cls.name == "footer":
            kwargs.setdefault("keep_comments", True)
        try:
            filters.append(cls(**kwargs))
        except TypeError as exc:
            raise ValueError(f"bad options for filter {cls.name!r}: {exc}") from None
    pipeline = Pipeline(filters)
    return pipeline.with_templates(templates) if templates else pipeline


def default_pipeline() -> Pipeline:
    return build_pipeline()
