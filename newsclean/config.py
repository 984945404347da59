"""Settings from `[tool.newsclean]` in the nearest pyproject.toml, or from `--config FILE`.

Command line beats config beats defaults. A bad key or value is a ConfigError naming the file, the key and
what is allowed; the CLI reports it and exits 2.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

PRESETS = ("precision", "balanced", "recall")
FORMATS = ("text", "jsonl")
INPUT_FORMATS = ("auto", "text", "html", "jsonl", "warc")

# key -> (kind, allowed values or None); keys are written with dashes, as in ruff and black.
SCHEMA: dict[str, tuple[str, tuple[str, ...] | None]] = {
    "preset": ("str", PRESETS),
    "format": ("str", FORMATS),
    "input-format": ("str", INPUT_FORMATS),
    "enable": ("list", None),
    "disable": ("list", None),
    "glob": ("list", None),
    "exclude": ("list", None),
    "extra-patterns": ("list", None),
    "rules": ("list", None),  # more rule files, relative to the config file (README, "Rules")
    "text-field": ("str", None),
    "html-field": ("str", None),
    "site-field": ("str", None),
    "templates": ("file-or-false", None),
    "tmp-dir": ("str", None),
    "jobs": ("int", None),
    "comments": ("bool", None),
    "timeout": ("number", None),
    "options": ("table", None),
}


class ConfigError(ValueError):
    """A configuration problem, reported as `newsclean: FILE: MESSAGE`."""

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path, self.message = str(path), message


def find_pyproject(paths: Iterable[str]) -> Path | None:
    """The nearest pyproject.toml with a [tool.newsclean] table, searched upwards from the first input (or the
    current folder), stopping at the repository root (a folder holding .git)."""
    start = next((p for p in paths if p != "-"), ".")
    folder = Path(start).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        pyproject = candidate / "pyproject.toml"
        if pyproject.is_file() and "[tool.newsclean" in _read(pyproject):
            return pyproject
        if (candidate / ".git").exists():
            return None
    return None


def load_config(path: Path | str) -> dict[str, Any]:
    """Read and validate settings: `[tool.newsclean]` of a pyproject.toml, or the top level of any other TOML."""
    path = Path(path)
    try:
        data = tomllib.loads(_read(path))
    except OSError as exc:
        raise ConfigError(path, f"cannot read config: {exc.strerror or exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML: {exc}") from None
    section = "[tool.newsclean]"
    if path.name == "pyproject.toml" or "tool" in data:
        data = data.get("tool", {}).get("newsclean", {})
    else:
        section = "config"
    return validate(data, path, section)


def validate(data: dict[str, Any], path: Path | str, section: str = "[tool.newsclean]") -> dict[str, Any]:
    settings: dict[str, Any] = {}
    for key, value in data.items():
        if key not in SCHEMA:
            raise ConfigError(path, f"{section}: unknown key {key!r} (allowed: {', '.join(SCHEMA)})")
        kind, allowed = SCHEMA[key]
        if kind == "str" and not isinstance(value, str):
            raise ConfigError(path, f"{section}: {key} must be a string, not {value!r}")
        if kind == "int" and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
            raise ConfigError(path, f"{section}: {key} must be a whole number >= 1, not {value!r}")
        if kind == "bool" and not isinstance(value, bool):
            raise ConfigError(path, f"{section}: {key} must be true or false, not {value!r}")
        if kind == "number" and (isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0):
            raise ConfigError(path, f"{section}: {key} must be a number of seconds > 0, not {value!r}")
        if kind == "file-or-false" and not (isinstance(value, str) or value is False):
            raise ConfigError(path, f"{section}: {key} must be a file name, or false to turn them off, not {value!r}")
        if kind == "list" and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ConfigError(path, f"{section}: {key} must be a list of strings, not {value!r}")
        if kind == "table" and not (isinstance(value, dict) and all(isinstance(v, dict) for v in value.values())):
            example = f"[tool.newsclean.{key}.related]"
            raise ConfigError(path, f"{section}: {key} must hold one table per filter, like {example}")
        if allowed and value not in allowed:
            raise ConfigError(path, f"{section}: {key} = {value!r} is not allowed (choose from {', '.join(allowed)})")
        settings[key] = value
    return settings


def _read(path: Path) -> str:
    with open(path, encoding="utf-8") as handle:
        return handle.read()
