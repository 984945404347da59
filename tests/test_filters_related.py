from __future__ import annotations

import pytest
from conftest import SEEDS, apply, removed

from newsclean.filters.related import RelatedLinks

BODY = "WASHINGTON — U.S. Secretary of State Antony Blinken will travel to China this weekend, aides said.\n\n"


def test_labelled_list_with_headlines_and_times_is_removed() -> None:
    tail = (
        "History of this topic\n\nChina rebuffs meeting with US defense secretary\n1 month ago\n"
        "Trending News\n1 month, 3 weeks ago\nXi urges US to view China properly\n3 months, 3 weeks ago\n\n"
        "Discover Related"
    )
    doc = apply(RelatedLinks(), BODY + tail)
    assert doc.body == BODY.strip()


def test_unlabelled_headline_time_pairs_are_removed() -> None:
    pairs = "".join(f"Headline number {n} about the talks\n{n} months ago\n" for n in range(1, 5))
    assert len(removed(RelatedLinks(), BODY + pairs)) == 8


def test_read_more_teaser_is_removed() -> None:
    assert removed(RelatedLinks(), BODY + "Read more: Blinken heads to Asia for a summit of regional leaders") == [
        "Read more: Blinken heads to Asia for a summit of regional leaders"
    ]


def test_list_stops_at_running_text() -> None:
    text = "Most Read\nA headline\nAnother headline\n\nThe talks resumed on Monday after a pause, aides said."
    assert apply(RelatedLinks(), text).body == "The talks resumed on Monday after a pause, aides said."


def test_list_stops_at_a_single_word() -> None:
    """A recipe's ingredients after a `Weiterlesen` button are no headlines: the list ends at the first."""
    text = "Weiterlesen\nZum Rezept für den Kuchen\nVanillepuddingpulver\nFrischhaltefolie\n300 g Mehl"
    assert apply(RelatedLinks(), text).body == "Vanillepuddingpulver\nFrischhaltefolie\n300 g Mehl"


def test_list_items_in_scripts_without_spaces_and_with_nbsp() -> None:
    assert apply(RelatedLinks(), "関連記事\n岸田首相、来月訪米へ調整\n日銀、金融政策の現状維持を決定").body == ""
    assert apply(RelatedLinks(), "Most Read\nFed\xa0holds\xa0rates\xa0steady").body == ""


def test_more_content_on_a_topic_heads_a_list() -> None:
    text = "weitere Inhalte zu »Preise«\nStrompreise steigen im Winter\nGaspreise fallen wieder"
    assert apply(RelatedLinks(), text).body == ""


@pytest.mark.parametrize("label", ["Ezek is érdekelhetnek", "Cela peut vous intéresser", "Mehr Kolumnen auf MeinMMO:"])
def test_you_may_also_like_labels_in_more_languages(label: str) -> None:
    assert apply(RelatedLinks(), f"{label}\nStrompreise steigen im Winter\nGaspreise fallen wieder").body == ""


def test_article_with_a_headline_and_a_date_is_kept() -> None:
    text = (SEEDS / "expected" / "000_kxan.txt").read_text(encoding="utf-8")
    assert removed(RelatedLinks(), text) == []


def test_labels_in_other_scripts_and_with_a_colon_head_lists_too() -> None:
    for label in (
        "Lesen Sie auch die folgenden Beiträge:",
        "More Must-Reads From TIME",
        "相关新闻",
        "Neueste Artikel",
        "| Weitere Artikel |",
    ):
        text = BODY + label + "\n- Der Jobmarkt bleibt vital\n- Warum Sie diese drei HR-Prozesse digitalisieren sollten"
        assert apply(RelatedLinks(), text).body == BODY.strip(), label


def test_a_sentence_ending_in_a_colon_is_not_a_label() -> None:
    text = BODY + "Read the statement, which the ministry published on Monday in full:\n- We will meet again"
    assert removed(RelatedLinks(), text) == []


def test_thai_headlines_under_a_label_are_the_list_and_thai_prose_is_not() -> None:
    """Thai has no spaces and its vowels and tone marks are characters: a 73-character headline is about ten
    words, not the thirty-six that half its characters would make it (so it was taken for prose)."""
    prose = (
        "สุรชัย (78 ปี) ภูชนะ (54 ปี) กาสะลอง (47 ปี) เป็นนักเคลื่อนไหวทางการเมือง และเป็นผู้ลี้ภัยจากเหตุการณ์รัฐประหาร 2557 "
        "ไปยังประเทศเพื่อนบ้านได้หายออกจากที่พักในประเทศเพื่อนบ้านโดยที่ไม่มีใครสามารถติดต่อได้จนปัจจุบันนับเป็นเวลานาน 1 เดือน กับอีก 10 วัน"
    )
    headlines = [
        "ลืออุ้ม อ.สุรชัย ผู้ลี้ภัยหายจากที่พัก 12 วันแล้ว",
        "ตร.เร่งหาเบาะแสคดีฆ่ายัดเสาถ่วงน้ำโขง - เมียไม่เชื่อเป็น 'สุรชัย แซ่ด่าน'",
    ]
    doc = apply(RelatedLinks(), "\n\n".join([prose, "เรื่องที่เกี่ยวข้อง", *headlines, prose]))
    assert doc.body.split("\n\n") == [prose, prose]
    # a paragraph of 118 characters (some thirty-five words, not a headline) after the list is the article's
    short = "ขณะที่ นาย ว. พี่เขยของ 'กาสะลอง' อีกหนึ่งผู้ลี้ภัยที่ได้หายไปพร้อมกับนายสุรชัยกล่าวกับผู้สื่อข่าวว่า หลังจากได้ทราบผล"
    assert len(short) == 118
    doc = apply(RelatedLinks(), "\n\n".join([prose, "เรื่องที่เกี่ยวข้อง", *headlines, short]))
    assert doc.body.split("\n\n") == [prose, short]
