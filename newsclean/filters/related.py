"""Related-link lists: a `Trending News` / `Most Read` label and the headlines under it, runs of
headline / `3 months ago` pairs, and `Read more: …` teaser lines."""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import repeat
from typing import ClassVar

from newsclean.document import Document
from newsclean.filters.base import CELL, Filter, RuleSet, split_alternatives
from newsclean.filters.dates import timestamp_lines
from newsclean.filters.features import cell_text, is_headline, word_count

# The words that open a "read this too" box, in the languages of the bench and beyond. A line that is only
# such a label (`Most Read`, `Lesen Sie auch`, `Notas relacionadas`) heads a list; the same words followed by
# a colon and a headline make a teaser line (`Lea también: Impiden ingreso a Nicaragua a reportero`).
_READ_ALSO = (
    r"Read\s+(?:more|also|next)|Also\s+read|See\s+also|Related|More|Watch|Listen"
    r"|Auch\s+(?:interessant|lesen)|Lesen\s+Sie\s+(?:auch|mehr|hier)|Lies\s+auch"
    r"|Mehr\s+(?:zum\s+Thema|dazu)(?:\s+(?:auf|bei|im|in|von)\s+[\w .'’&-]{1,40})?"
    r"|Weiterlesen|Zum\s+Weiterlesen|Lea\s+(?:también|más|además)|Lee\s+(?:también|más)|Lea|Vea\s+también"
    r"|Ver\s+también|Puedes\s+ver|Mira|Mire|Te\s+puede\s+interesar|Le\s+puede\s+interesar|Lire\s+aussi"
    r"|À\s+lire\s+aussi|A\s+lire\s+aussi|Voir\s+aussi|Czytaj\s+(?:też|także|również|więcej)"
    r"|Zobacz\s+(?:też|także|również)|Leggi\s+anche|Leia\s+(?:também|mais)|Veja\s+também|Lees\s+(?:ook|meer)"
)
_LABELS = (
    r"History\s+of\s+this\s+topic|Trending(?:\s+(?:News|Now|Stories|Topics|Articles|Videos))?"
    r"|Discover\s+(?:Related|More)|Most\s+(?:Read|Popular|Viewed|Shared|Commented|Watched|Recent)"
    r"(?:\s+(?:Stories|Articles|News|Posts))?|Top\s+(?:Stories|News|Headlines|Picks)"
    r"|Latest\s+(?:News|Stories|Headlines|Articles|Posts|Videos)|Recommended(?:\s+(?:for\s+you|Stories|Articles"
    r"|Reading|Videos))?|Editor(?:'|’)?s\s+(?:Picks?|Choice)|Don(?:'|’)t\s+Miss|In\s+Other\s+News"
    r"|(?:What\s+to\s+)?Read\s+Next|Popular(?:\s+(?:Now|Stories|Posts|Articles))?"
    r"|More\s+(?:Stories|News|Articles|Headlines|Videos|to\s+Read|(?:from|on|in|about)\s+[\w '’&.-]{1,40})"
    r"|Related(?:\s+(?:News|Topics|Videos|Searches))?|Keep\s+Reading|Up\s+Next|Explore\s+(?:More|further)"
    r"|You\s+May\s+Have\s+Missed|Hot\s+Topics"
    r"|" + _READ_ALSO + r"|Mehr\s+(?:Themen|zu\s+[\w '’&.-]{1,40})"
    r"|Weitere\s+Inhalte\s+zu(?:m|r)?\s+[»„“\"]?[\w '’&.-]{1,50}[«“”\"]?"
    r"|Weitere\s+(?:Artikel|Themen|Beiträge|Nachrichten|Meldungen|News|Infos|Informationen|Tipps|Tourentipps"
    r"|aktuelle\s+Themen)(?:\s+[\w '’&.-]{1,50})?|Empfohlene\s+(?:Beiträge|Artikel)"
    r"|Das\s+(?:Thema\s+)?(?:könnte|dürfte)\s+(?:Sie|dich|Dich)\s+(?:auch\s+)?interessieren"
    r"|Meist(?:-|\s)?(?:gelesen|diskutiert|kommentiert)|Empfehlungen\s+(?:aus\s+der|der)\s+Redaktion"
    r"|Die\s+meistgelesenen\s+(?:Artikel|Beiträge|Nachrichten)(?:\s+(?:bei|auf|von)\s+[\w ./'’&-]{1,40})?"
    r"|Kommentierte\s+Artikel|Top-Themen(?:\s+[\w '’&.-]{1,40})?"
    r"|Neueste\s+(?:Artikel|Beiträge|Nachrichten|Meldungen)|Najnowsze(?:\s+artykuły)?"
    r"|Beiträge\s+aus\s+dem\s+Forum|Auch\s+auf\s+[\w.-]{2,40}|Lust\s+auf\s+mehr\??"
    r"|(?:Contenido|Notas|Artículos|Noticias|Temas)\s+relacionad[oa]s?"
    r"|Mehr\s+[\w-]+\s+(?:auf|bei|von|im)\s+[\w.'’&-]{2,40}(?=:$)"  # `Mehr Kolumnen auf MeinMMO:`
    r"|Ezek\s+is\s+érdekelhetnek|Cela\s+(?:peut|pourrait)\s+(?:aussi\s+)?vous\s+intéresser|Może\s+(?:cię|Cię|Was)\s+"
    r"(?:też\s+)?zainteresować|Você\s+(?:também\s+)?pode\s+gostar|Dit\s+vind\s+je\s+misschien\s+ook\s+leuk"
    r"|Themen\s+in\s+diesem\s+Artikel|Más\s+sobre\s+[\w '’&.-]{1,40}"
    r"|Lo\s+más\s+(?:leído|visto)|Te\s+recomendamos|Sur\s+le\s+même\s+sujet|Pour\s+aller\s+plus\s+loin"
    r"|Les\s+plus\s+lus|À\s+découvrir|Polecamy|Najczęściej\s+czytane|Potrebbe\s+interessarti"
    r"|Articoli\s+correlati|Saiba\s+mais|Meer\s+nieuws|(?:More\s+)?Must[- ]Reads?(?:\s+from\s+[\w '’&.-]{1,40})?"
    r"|Читайте\s+(?:также|ещё)|Похожие\s+(?:статьи|новости)|اقرأ\s+أيضا|أخبار\s+ذات\s+صلة|مقالات\s+ذات\s+صلة"
    r"|相关(?:新闻|阅读|文章|报道)|相關(?:新聞|閱讀|文章|報導)|関連(?:記事|ニュース)|관련\s?기사|เรื่องที่เกี่ยวข้อง|ข่าวที่เกี่ยวข้อง"
    r"|(?:" + _READ_ALSO + r")\s+[\w '’&.,-]{1,50}(?=:$)"  # `Lesen Sie auch die folgenden Beiträge:`
)
# One rule per label, each tried only on lines that start like it (see RuleSet).
_HEADER = RuleSet([("label", rf"(?:{label})\s*[:.…]?") for label in split_alternatives(_LABELS)], re.I)
_TEASER = re.compile(r"(?:" + _READ_ALSO + r")\s*[:|»>]\s*\S.*", re.I)
_TEASER_MARKS = (":", "|", "»", ">")  # a teaser has one of the separators `_TEASER` needs after its label


def _listed(timed: bool, text: str) -> bool:
    """Could be an item of a related-links list: a timestamp or a headline-shaped line."""
    return timed or is_headline(text)


def _item(timed: bool, text: str) -> bool:
    """An item of a labelled list: a timestamp, or a headline of two words or more. A single word ends the
    list: under `Weiterlesen` or `More` it is an ingredient or a menu entry, not a story."""
    return timed or (word_count(text) >= 2 and is_headline(text))


def is_list_header(text: str) -> bool:
    stripped = cell_text(text)
    return len(stripped) <= 80 and bool(_HEADER.match(stripped)) and is_headline(stripped.rstrip(":.…"))


class RelatedLinks(Filter):
    """A related-stories block: its label and the headline / time lines under it; also runs of
    headline / `3 months ago` pairs without a label, and `Read more: …` teasers.

    Removes: `History of this topic`, `Xi urges US to view China properly`, `3 months, 3 weeks ago`, …
    """

    name = "related"
    description = "Related-link lists (`Trending News`, `Most Read`, headline/`3 months ago` runs, `Read more: …`)."
    presets: ClassVar[dict[str, dict[str, object]]] = {"precision": {"min_pairs": 4}, "recall": {"min_pairs": 2}}

    def __init__(self, min_pairs: int = 3) -> None:
        self.min_pairs = min_pairs  # headline/time pairs that make an unlabelled run a list

    def apply(self, doc: Document) -> None:
        live, lines = doc.live(), doc.lines
        stamps = timestamp_lines(doc)
        # only labels and teasers start a removal here: the lines that can be one are found in C
        labels, teasers = set(_HEADER.candidates(doc, CELL)), set(doc.containing(*_TEASER_MARKS))
        starts = labels | teasers
        done = 0  # the lines before this place (among the live lines) are taken by a list
        for k in sorted(map(bisect_left, repeat(live), starts)):  # the places of those lines among the live lines
            if k < done:
                continue
            text = lines[live[k]].text
            if live[k] in labels and is_list_header(text):
                done = self._list(doc, live, k, k + 1, stamps, f"related-links list under {text.strip()!r}")
            elif live[k] in teasers and _TEASER.fullmatch(text.strip()) and is_headline(text.split(":", 1)[-1]):
                doc.remove(live[k], self.name, "read-more teaser")
        # a label that is the site's template (removed before) still heads the site's own list of headlines
        for i, line in enumerate(lines):
            if line.removed_by == "template" and is_list_header(line.text):
                live = doc.live()
                k = bisect_left(live, i)
                self._list(doc, live, k, k, stamps, f"related-links list under {line.text.strip()!r} (site template)")
        if sum(lines[i].removed_by is None for i in stamps) < self.min_pairs:
            return  # no run can hold enough timestamps (most pages): spare the headline test of every line
        left = [(i, i in stamps) for i in doc.live()]
        self._timed_runs(doc, [(i, t, _listed(t, lines[i].text)) for i, t in left])

    def _list(self, doc: Document, live: list[int], start: int, end: int, stamps: dict[int, str], reason: str) -> int:
        """Remove the live lines from `start` through the list items from `end` on; where the list ends."""
        lines = doc.lines
        while end < len(live) and _item(live[end] in stamps, lines[live[end]].text):
            end += 1
        for j in range(start, end):
            doc.remove(live[j], self.name, reason)
        return end

    def _timed_runs(self, doc: Document, lines: list[tuple[int, bool, bool]]) -> None:
        """Runs of headline-shaped lines in which at least `min_pairs` are followed by a timestamp.
        `lines` holds (index, is a timestamp, could be a list item) for the lines still in the body."""
        run: list[tuple[int, bool, bool]] = []
        for line in [*lines, (-1, False, False)]:
            if line[2]:
                run.append(line)
                continue
            self._remove_pairs(doc, run)
            run = []

    def _remove_pairs(self, doc: Document, run: list[tuple[int, bool, bool]]) -> None:
        """Within a run, the span from the first headline followed by a time to the last time: what stands
        before it (the page's own title, say) is not part of the list."""
        timed = [k for k, (_, is_time, _) in enumerate(run) if is_time]
        if len(timed) < self.min_pairs:
            return
        first = next((k - 1 for k in timed if k > 0 and not run[k - 1][1]), timed[0])
        span = run[first : timed[-1] + 1]
        if len(timed) * 3 >= len(span):
            for index, _, _ in span:
                doc.remove(index, self.name, f"list of {len(timed)} headlines with timestamps")
