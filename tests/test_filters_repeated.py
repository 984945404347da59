from __future__ import annotations

from conftest import removed

from newsclean.filters.repeated import RepeatedLines

PARAGRAPH = "Qin noted that China-US relations have encountered new difficulties and challenges this year."


def test_repeated_paragraph_is_removed_and_the_first_kept() -> None:
    assert removed(RepeatedLines(), f"{PARAGRAPH}\n\nOther text here.\n\n{PARAGRAPH}") == [PARAGRAPH]


def test_adjacent_repeat_of_a_short_line_is_removed() -> None:
    assert removed(RepeatedLines(), "Xi urges US to view China properly\nXi urges US to view China properly") == [
        "Xi urges US to view China properly"
    ]


def test_short_lines_that_repeat_apart_are_kept() -> None:
    fixture_list = (
        "Mauritius v Madagascar\n\nWinners meet in final match\n\nMozambique v Zimbabwe\n\nWinners meet in final match"
    )
    assert removed(RepeatedLines(), fixture_list) == []


def test_a_refrain_and_the_signature_under_each_embed_stay_a_box_scraped_twice_goes() -> None:
    """A line said twice in an article (a song's refrain, the `Watch the full video on YouTube` under each
    embedded clip) is not enough to remove it; a paragraph, or a line repeated with its neighbour, is."""
    refrain = "And the river keeps on running to the sea"
    song = f"The first verse.\n\n{refrain}\n\nThe second verse, a little longer.\n\n{refrain}\n\nThe end."
    assert removed(RepeatedLines(), song) == []
    embeds = "\n\n".join(
        [
            "The mayor spoke first.",
            "Watch the full clip of the speech on our video page",
            "Then the council answered.",
            "Watch the full clip of the speech on our video page",
        ]
    )
    assert removed(RepeatedLines(), embeds) == []
    box = ["The most read stories this week in the city", "Council votes to close the old bridge for repairs"]
    page = "\n\n".join([*box, "The article's own text, long enough to be read as prose here.", *box])
    assert removed(RepeatedLines(), page) == box


def test_a_refrain_next_to_a_repeated_credit_stays() -> None:
    refrain = "And the river keeps on running to the sea"
    song = f"The first verse.\n\n{refrain}\n\nGetty Images\n\nThe second verse.\n\n{refrain}\n\nGetty Images"
    assert removed(RepeatedLines(), song) == []


def test_a_box_of_short_lines_scraped_twice_goes_from_its_middle() -> None:
    box = ["Gear", "Thirty essential home repair tools you should have", "Matt Jancer"]
    page = "\n\n".join([*box, "The article's own text, long enough to be read as prose here.", *box])
    assert removed(RepeatedLines(), page) == [box[1]]
