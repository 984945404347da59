"""Start-up work kept on disk between runs: what pure functions of the built-in rules give (the parsed rule
files, each pattern's possible prefixes and required strings) is computed once and read back with `marshal`
(a few milliseconds instead of parsing TOML and regex syntax trees at every start).

One file per Python version and state of the package's rule files and code (sizes and modification times),
in `$NEWSCLEAN_CACHE_DIR`, else `$XDG_CACHE_HOME/newsclean`, else `~/.cache/newsclean`; a stale or unreadable
file is ignored and a folder that cannot be written is left alone: the cache only ever saves time."""

from __future__ import annotations

import atexit
import contextlib
import hashlib
import marshal
import os
import sys
from functools import cache
from typing import Any

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_WATCHED = ("rules", "filters")  # the folders whose files the cached results depend on


def _folder() -> str:
    base = os.environ.get("NEWSCLEAN_CACHE_DIR")
    if not base:
        base = os.path.join(
            os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "newsclean"
        )
    return base


def _state() -> str:
    """A hash of this Python's version and of the sizes and times of the package's rule and filter files."""
    parts = [sys.version, __file__]
    for sub in _WATCHED:
        folder = os.path.join(_PACKAGE, sub)
        for entry in sorted(os.scandir(folder), key=lambda e: e.name):
            if entry.name.endswith((".toml", ".py")):
                stat = entry.stat()
                parts.append(f"{entry.name}:{stat.st_size}:{stat.st_mtime_ns}")
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=10).hexdigest()


class Memo:
    """A dict kept on disk: `get` a key's value, `put` a new one (written when the process ends)."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.data: dict[Any, Any] = {}
        self.dirty = False
        try:
            with open(path, "rb") as file:
                self.data = marshal.load(file)
        except (OSError, EOFError, ValueError, TypeError):
            pass

    def get(self, key: Any) -> Any:
        return self.data.get(key)

    def put(self, key: Any, value: Any) -> None:
        self.data[key] = value
        if not self.dirty:
            self.dirty = True
            atexit.register(self.save)

    def save(self) -> None:
        """Write the file whole, atomically; say nothing if it cannot be written."""
        tmp = f"{self.path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(self.path), exist_ok=True)
            with open(tmp, "wb") as file:
                marshal.dump(self.data, file)
            os.replace(tmp, self.path)
        except (OSError, ValueError):  # ValueError: a value marshal cannot write (a bug: say nothing still)
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        self.dirty = False


@cache
def memo() -> Memo:
    """The process's memo of results derived from the built-in rules (read on first use)."""
    return Memo(os.path.join(_folder(), f"derived-{_state()}.marshal"))
