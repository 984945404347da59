"""Tracking identifiers: id lines left behind by ad and analytics scripts, and tracking URL parameters."""

from __future__ import annotations

import re

from newsclean.document import Document
from newsclean.filters.base import Filter, LineFilter

_KNOWN_ID = re.compile(
    r"""[0-9a-f]{13,14}\.\d{8}                                  # PHP uniqid(): 6489b3d5873571.38868013
      | [0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}     # UUID
      | [0-9a-f]{16,} | [0-9A-F]{16,}                           # hex digests (md5, sha1, ...)
    """,
    re.X,
)
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{10,}[A-Za-z0-9]")
_LETTER_RUN = re.compile(r"[A-Za-z]{5,}")


def is_tracking_id(text: str) -> bool:
    """A line that is a single machine-made token: a known id format, or a long mix of digits and letters."""
    if " " in text:
        return False
    if _KNOWN_ID.fullmatch(text):
        return True
    if not _TOKEN.fullmatch(text) or _LETTER_RUN.search(text):
        return False
    digits = sum(c.isdigit() for c in text)
    letters = sum(c.isalpha() for c in text)
    return digits >= 4 and letters >= 2 and digits * 4 >= digits + letters


class TrackingIds(LineFilter):
    """A line that is only a tracking or session id.

    Removes: `6489b3d5873571.38868013`
    """

    name = "tracking-id"
    description = "Lines that are only a tracking/session id (uniqid, UUID, hex digest, random token)."
    # every id is one token of at least 12 such characters: most lines fail at their first space
    candidates = re.compile(r"\n(?=[^\S\n]*[A-Za-z\d][A-Za-z\d_.:-]{10,}[A-Za-z\d][^\S\n]*(?:\n|\Z))")  # `\d`: uniqid

    def reason(self, text: str) -> str | None:
        return "tracking id" if is_tracking_id(text.strip()) else None


_URL = re.compile(r"https?://[^\s<>\"']+")
_TRACKING_PARAM = re.compile(
    r"(?<=[?&])(?:utm_[A-Za-z0-9_]*|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|_hsenc|_hsmi)=[^&#\s]*&?"
)


def strip_tracking_params(url: str) -> str:
    """`https://x.com/a?utm_source=tw&id=3` -> `https://x.com/a?id=3`."""
    cleaned = _TRACKING_PARAM.sub("", url)
    return re.sub(r"[?&]+(?=#|$)", "", cleaned).replace("?&", "?")


class TrackingParams(Filter):
    """Tracking query parameters (`utm_*`, `fbclid`, `gclid`, ...) cut out of URLs in the text.

    Edits: `https://kxan.com/news/?utm_source=twitter&id=3` -> `https://kxan.com/news/?id=3`
    """

    name = "tracking-params"
    description = "Cut utm_*, fbclid, gclid and similar tracking parameters out of URLs."

    def apply(self, doc: Document) -> None:
        if "=" in doc.meta.get("url", ""):  # a page's canonical URL can carry them too
            doc.meta["url"] = strip_tracking_params(doc.meta["url"])
        for i in doc.containing("http"):
            text = doc.lines[i].text
            if "=" not in text:
                continue
            new = _URL.sub(lambda m: strip_tracking_params(m.group()), text)
            doc.edit(i, new, self.name, "tracking parameters removed from URL")
