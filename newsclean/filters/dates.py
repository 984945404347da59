"""Timestamps: relative times and lone date lines, moved to the `date` metadata field."""

from __future__ import annotations

import re
from functools import lru_cache

from newsclean.document import Document
from newsclean.filters.base import STRIPPED, Filter, RuleSet

_MONTH = (  # English, German, French, Spanish, Italian
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
    r"|Januar|Jänner|Februar|März|Mai|Juni|Juli|Okt(?:ober)?|Dez(?:ember)?"
    r"|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre"
    r"|enero|febrero|marzo|abril|mayo|junio|julio|agosto|se(?:p)?tiembre|octubre|noviembre|diciembre"
    r"|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre)\.?"
)
_WEEKDAY = (
    r"(?:(?:Mon|Tue(?:s)?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?"
    r"|Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag|Mo|Di|Mi|Do|Fr|Sa|So"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|lunes|martes|miércoles|jueves|viernes|sábado|domingo)\.?"
)
_DATE = (
    # without a year a date is often a heading in real text (`Saturday, 26 February` over a fixture list)
    rf"(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"  # June 14, 2023
    rf"|\d{{1,2}}(?:st|nd|rd|th|\.)?\s+(?:de\s+)?{_MONTH},?\s+(?:de\s+)?\d{{4}}"  # 14 June 2023, 19. Oktober 2019
    rf"|{_MONTH}\s+\d{{4}}"  # June 2023
    r"|\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"  # 2023-06-14T15:45Z
    r"|\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))"  # 14/06/2023
)
_TIME = r"\d{1,2}(?::\d{2}){1,2}\s*(?:[AaPp]\.?\s?[Mm]\.?|Uhr|h)?(?:\s*\(?[A-Z]{1,4}(?:[+-]\d{1,2})?\)?)?"
_LABEL = (  # words that introduce a date, in the same languages
    r"(?:Published|Updated|Posted|Last\s+updated|Last\s+modified|Modified|Created|First\s+published|Release\s+date"
    r"|Date|Dated|Aktualisiert|Veröffentlicht|Erstellt|Letzte\s+Änderung|Zuletzt\s+aktualisiert|Stand|Datum"
    r"|Publicado|Actualizado|Fecha|Publié|Mis\s+à\s+jour|Pubblicato|Aggiornato)"
)
_PREFIX = rf"(?:{_LABEL}(?:\s+(?:on|am|le|el|il))?\s*:?\s*)"
_SEP = r"\s*(?:[,|/•·-]|\bat\b)?\s*"
_UNIT = r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|yrs?)"
_AMOUNT = r"(?:an?|one|\d+)"

ABSOLUTE = re.compile(
    rf"(?:{_PREFIX}?(?:{_WEEKDAY}{_SEP})?{_DATE}(?:{_SEP}{_TIME})?"  # a date, maybe with a time
    rf"|{_PREFIX}{_TIME}(?:{_SEP}{_DATE})?"  # a time needs a prefix: `Published 3:45 PM EDT`
    r"|\d{1,2}:\d{2}\s*(?:[AaPp]\.?\s?[Mm]\.?|Uhr)(?:\s+[A-Z]{2,4})?)\.?",  # or a clock word: `3:59 PM`
    re.I,
)
LABEL = re.compile(rf"{_LABEL}(?:\s+(?:on|am|le|el|il))?\s*:?", re.I)  # `Aktualisiert am`, `Last Modified:`
RELATIVE = re.compile(
    rf"(?:{_PREFIX}|Updated\s+)?(?:(?:about|over|almost|nearly|less\s+than)\s+)?"
    rf"{_AMOUNT}\s*{_UNIT}(?:,?\s+(?:and\s+)?{_AMOUNT}\s*{_UNIT})*\s+ago"
    r"|\d+\s?[smhdw]\s+ago|just\s+now"
    # `Hace 28 minutos`, `vor 3 Stunden`, `il y a 2 heures`, `2 ore fa`
    r"|Hace\s+(?:una?|unos|unas|\d+)\s+(?:segundos?|minutos?|horas?|días?|semanas?|mes(?:es)?|años?)"
    r"|vor\s+(?:einer?|einem|\d+)\s+(?:Sekunden?|Minuten?|Stunden?|Tag(?:en)?|Wochen?|Monat(?:en)?|Jahr(?:en)?)"
    r"|il\s+y\s+a\s+(?:une?|\d+)\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)"
    r"|(?:una?|\d+)\s+(?:second[oi]|minut[oi]|or[ae]|giorn[oi]|settiman[ae]|mes[ei]|ann[oi])\s+fa",
    re.I,
)


_DIGIT = re.compile(r"\d")
_DATE_DIGITS = re.compile(r"\d(?:\d\d\d|[/.:]\d)")  # every ABSOLUTE match has a year, a d/m/y date or a time
_LABELS = RuleSet([("label", LABEL.pattern)], re.I)  # tried only on lines that start like a label


def timestamp_kind(text: str) -> str | None:
    """'relative', 'date' or 'label' when the whole line is a timestamp (or a date label), else None."""
    if len(text) > 100 and len(text.strip()) > 80:
        return None  # a paragraph: never a timestamp, and not kept in the cache (memory stays flat)
    return _short_timestamp_kind(text)


@lru_cache(maxsize=1 << 14)  # asked by the related, footer, boilerplate and timestamp filters for a line
def _short_timestamp_kind(text: str) -> str | None:
    """timestamp_kind of a short line (timestamp_kind keeps paragraphs out of this cache).
    Cheap tests first: a date has a digit, a relative time one of a few words (`in` tests, faster than one
    regex search), a label is short and starts like one."""
    stripped = text.strip()
    if len(stripped) > 80:
        return None
    lowered = stripped.lower()
    if (
        "ago" in lowered or "now" in lowered or "hace" in lowered or "vor" in lowered or "il y a" in lowered
        or lowered.endswith(" fa")
    ) and RELATIVE.fullmatch(stripped):  # fmt: skip
        return "relative"
    if _DIGIT.search(stripped):
        return "date" if _DATE_DIGITS.search(stripped) and ABSOLUTE.fullmatch(stripped) else None
    return "label" if len(stripped) <= 40 and _LABELS.match(stripped) else None


# Every line `timestamp_kind` names starts like one of its patterns: the others are passed over in C.
_STARTS = RuleSet([("relative", RELATIVE.pattern), ("date", ABSOLUTE.pattern), ("label", LABEL.pattern)], re.I)


def timestamp_lines(doc: Document) -> dict[int, str]:
    """The live lines of `doc` that are a timestamp (or a date label), in order, with their `timestamp_kind`."""
    lines = doc.lines
    found = {}
    for i in _STARTS.candidates(doc, STRIPPED):
        kind = timestamp_kind(lines[i].text)
        if kind:
            found[i] = kind
    return found


class Timestamps(Filter):
    """A line that is only a timestamp; the first one found becomes `date`.

    Removes: `1 year, 6 months ago`, `Published 3:45 PM EDT`, `June 14, 2023`
    """

    name = "timestamp"
    description = "Lines that are only a relative time or a date (moved to the `date` field)."

    def apply(self, doc: Document) -> None:
        for i, kind in timestamp_lines(doc).items():
            if kind == "label":
                doc.remove(i, self.name, "date label without a date")
            else:
                doc.set_meta("date", doc.lines[i].text.strip())
                doc.remove(i, self.name, f"{kind} timestamp moved to date")
