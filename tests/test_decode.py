"""Bytes to text: BOMs, UTF-8, legacy encodings through chardet, mojibake repair, binary refusal."""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsclean.decode import DecodeError, decode, decode_html

GERMAN = "Die Bundesregierung will die Förderung für Wärmepumpen im kommenden Jahr kürzen, sagte die Ministerin."
RUSSIAN = "Президент заявил, что правительство продолжит реформы и поддержит малый бизнес в регионах страны."


def test_utf8_fast_path() -> None:
    assert decode("Grüße “quoted” — dash".encode()) == ("Grüße “quoted” — dash", "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec", "reported"),
    [
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"),
        (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
    ],
)
def test_bom_decides(bom: bytes, codec: str, reported: str) -> None:
    data = bom + GERMAN.encode(codec)
    text, used = decode(data)
    assert (text, used) == (GERMAN, reported)
    assert data.decode(used) == text  # the reported codec drops the BOM too: no stray U+FEFF for its users


def test_utf16_without_bom() -> None:
    assert decode(GERMAN.encode("utf-16-le")) == (GERMAN, "utf-16-le")
    assert decode(GERMAN.encode("utf-16-be")) == (GERMAN, "utf-16-be")


@pytest.mark.parametrize(("text", "codec"), [(GERMAN, "cp1252"), (RUSSIAN, "cp1251"), (RUSSIAN, "koi8-r")])
def test_legacy_encodings_are_detected(text: str, codec: str) -> None:
    decoded, used = decode(((text + "\n") * 3).encode(codec))
    assert decoded == (text + "\n") * 3
    assert ((text + "\n") * 3).encode(codec).decode(used) == decoded


def test_mojibake_is_repaired_and_curly_quotes_stay() -> None:
    broken = "The Biden administration’s push — ‘open lines’".encode().decode("cp1252")
    assert "â€™" in broken
    text, used = decode(broken.encode("utf-8"))
    assert text == "The Biden administration’s push — ‘open lines’"
    assert used == "utf-8"


def test_mojibake_is_repaired_line_by_line() -> None:
    """A page pasted together from a broken menu and a clean article: the broken lines are repaired although
    the clean ones hold characters (`ł`, `ć`) the repair could not apply to the whole text."""
    broken = "Kościół i świat".encode().decode("cp1252")
    text, _ = decode(f"{broken}\nMiał być w domu.\n".encode())
    assert text == "Kościół i świat\nMiał być w domu.\n"


def test_a_mojibake_match_never_spans_lines() -> None:
    """Repair looks for mojibake in the whole text and repairs the line around each match: a match must lie
    within one line."""
    from newsclean.decode import _MOJIBAKE

    assert not any(_MOJIBAKE.search(f"{chr(code)}\n{chr(code)}") for code in range(0x10000))


def test_mojibake_repair_does_not_split_at_the_latin1_reading_of_byte_0x85() -> None:
    """`全` is E5 85 A8 in UTF-8: read as Latin-1, its middle byte is U+0085, a line break to `splitlines`."""
    broken = "全国人民代表大会 入 其 公, add ⅓ cup".encode().decode("latin-1")
    assert decode(broken.encode())[0] == "全国人民代表大会 入 其 公, add ⅓ cup"


def test_clean_text_with_accents_is_not_touched() -> None:
    text = "Ça coûte 5 € — “naïve” café, Müller’s Straße, São Paulo, Ærøskøbing."
    assert decode(text.encode()) == (text, "utf-8")


def test_forced_encoding_replaces_what_it_cannot_decode() -> None:
    assert decode(b"caf\xe9 \xff", "ascii") == ("caf\ufffd \ufffd", "ascii")


def test_unknown_forced_encoding() -> None:
    with pytest.raises(DecodeError, match="unknown encoding 'nope'"):
        decode(b"x", "nope")


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + bytes(300), "PDF document"),
        (b"\x1f\x8b\x08\x00" + bytes(range(256)), "gzip data"),
    ],
)
def test_binary_files_are_refused(data: bytes, kind: str) -> None:
    with pytest.raises(DecodeError, match=f"binary file \\({kind}\\)"):
        decode(data)


def test_a_few_nul_bytes_inside_text_are_not_binary() -> None:
    text, used = decode(("Article text. " * 50 + "\x00" + "More text. " * 50).encode())
    assert used == "utf-8" and text.startswith("Article text.")


def test_invalid_utf8_in_the_middle_of_utf8_still_decodes() -> None:
    data = ("Grüße aus München. " * 40).encode() + b"\xff\xfe bad \x80 " + ("Schöne Straße. " * 40).encode()
    text, _ = decode(data)
    assert "Schöne Straße" in text


JAPANESE = "政府は来年度の予算案を閣議決定した。首相は記者会見で「景気の回復を最優先する」と述べた。"
KOREAN = "정부는 내년도 예산안을 국무회의에서 의결했다. 대통령은 경기 회복을 최우선으로 하겠다고 말했다."


@pytest.mark.parametrize(("text", "codec"), [(JAPANESE, "iso2022_jp"), (KOREAN, "iso2022_kr")], ids=["jp", "kr"])
def test_iso2022_escape_sequences_are_recognised(text: str, codec: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import chardet

    monkeypatch.setattr(chardet, "detect", lambda data: pytest.fail("ISO-2022 needs no statistical guess"))
    data = ((text + "\n") * 3).encode(codec)
    assert data.isascii()  # valid UTF-8 too: the escapes must be noticed before the UTF-8 path
    assert decode(data) == ((text + "\n") * 3, codec)


def test_iso2022_kr_shift_bytes_are_not_binary() -> None:
    data = (KOREAN + "\n").encode("iso2022_kr")
    assert data.count(b"\x0e") > 8  # SO/SI alone would make it look binary
    text, used = decode(data)
    assert (text, used) == (KOREAN + "\n", "iso2022_kr")
    assert data.decode(used) == text


def test_ansi_colour_codes_are_not_iso2022(monkeypatch: pytest.MonkeyPatch) -> None:
    import chardet

    monkeypatch.setattr(chardet, "detect", lambda data: pytest.fail("valid UTF-8 must not reach chardet"))
    text = "\x1b[31mRot\x1b[0m: Grüße aus München.\n" * 5
    assert decode(text.encode()) == (text, "utf-8")


@pytest.mark.parametrize(
    "data",
    [
        b"\x1b(B" + bytes(400),  # an ISO-2022 escape in front of NULs
        b"\x0e\x0f\x01\x02" * 100 + b"plain words",  # SO/SI without the ISO-2022-KR header
        b"\x1b$)C" + b"\x0e\x0f\x03\x04" * 100,  # the header, then control bytes that are not text
    ],
)
def test_shift_and_escape_bytes_outside_iso2022_are_still_binary(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary file"):
        decode(data)


# ------------------------------------------------------------------ guesses checked for plausibility
# Texts written for these tests; each family of code pages chardet confuses, in bytes encoded here.
CHINESE = "行政院今天召開院會，通過明年度中央政府總預算案。院長表示，政府將持續推動經濟發展，並加強社會安全網。"
FRENCH = "Le musée a reçu 12 € de dons par visiteur ; les œuvres de l'Œuvre Notre-Dame coûtent 250 000 €."
SLOVENE = "Vlada je sprejela predlog proračuna za prihodnje leto. Finančni minister je dejal, da se bo primanjkljaj "
SLOVENE += "zmanjšal, plače učiteljev pa bodo zrasle. Opozicija kritizira varčevalne ukrepe in višje davke."
CZECH = (
    "Vláda schválila návrh rozpočtu na příští rok. Ministr financí řekl, že schodek se sníží a platy učitelů porostou."
)
LITHUANIAN = (
    "Vyriausybė patvirtino kitų metų biudžeto projektą. Finansų ministrė sakė, kad deficitas mažės, o mokytojų "
)
LITHUANIAN += "atlyginimai didės. Opozicija kritikuoja, kad taupymas labiausiai palies savivaldybes ir pensininkus."
LATVIAN = "Valdība apstiprināja nākamā gada budžeta projektu. Finanšu ministrs sacīja, ka deficīts samazināsies, bet "
LATVIAN += "skolotāju algas pieaugs. Opozīcija kritizē, ka taupība visvairāk skars pašvaldības un pensionārus."


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (CHINESE, "big5"),
        (JAPANESE, "shift_jis"),
        (JAPANESE, "euc_jp"),
        (KOREAN, "euc_kr"),
        (FRENCH, "iso8859-15"),  # € is A4 and Œ is BC here: ¤ and ¼ in cp1252
        (FRENCH, "cp1252"),  # € is 80 and Œ is 8C here: C1 controls in ISO-8859-15
        (SLOVENE, "iso8859-2"),  # š is B9 here: ą in cp1250
        (SLOVENE, "cp1250"),
        (CZECH, "iso8859-2"),
        (CZECH, "cp1250"),
        (LITHUANIAN, "iso8859-13"),
        (LITHUANIAN, "cp1257"),
        (LATVIAN, "iso8859-10"),  # ī is B1 here: ą in ISO-8859-13, ´ in ISO-8859-4
        (LATVIAN, "cp1257"),
    ],
)
def test_code_pages_of_one_family_are_told_apart(text: str, codec: str) -> None:
    data = ((text + "\n") * 3).encode(codec)
    warnings: list[str] = []
    decoded, used = decode(data, warnings=warnings)
    assert decoded == (text + "\n") * 3
    assert data.decode(used) == decoded
    assert warnings == []


def _chardet_ranks(monkeypatch: pytest.MonkeyPatch, *encodings: str) -> None:
    """chardet answers with these candidates, in this order, the first one sure of itself."""
    import chardet

    ranked = [
        {"encoding": name, "confidence": 0.99 / (rank + 1), "language": None} for rank, name in enumerate(encodings)
    ]
    monkeypatch.setattr(chardet, "detect_all", lambda data, **options: ranked)


@pytest.mark.parametrize(
    ("text", "codec", "wrong"),
    [
        (CHINESE, "big5", "cp500"),  # EBCDIC: never for bytes with ASCII spaces and newlines
        (JAPANESE, "shift_jis", "cp866"),  # DOS Cyrillic: box drawing and Cyrillic letters inside Latin words
        (KOREAN, "euc_kr", "cp1252"),  # Western: letters no one language writes together
        (GERMAN, "cp1252", "cp437"),  # DOS: `F÷rderung`, a symbol inside a word
        (RUSSIAN, "cp1251", "cp1252"),  # `Ïðåçèäåíò`: letters of no language
    ],
)
def test_a_wrong_first_guess_loses_to_a_reading_that_looks_like_text(
    text: str, codec: str, wrong: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _chardet_ranks(monkeypatch, wrong, codec)
    data = ((text + "\n") * 3).encode(codec)
    assert decode(data) == ((text + "\n") * 3, codec)


NOISE = bytes((i * 73 + 41) % 128 + 128 for i in range(600))  # high bytes in no order: text in no code page


def test_a_guess_no_reading_supports_is_reported() -> None:
    data = NOISE
    warnings: list[str] = []
    text, used = decode(data, warnings=warnings)
    assert warnings == [f"encoding guessed as {used} with low confidence"]
    assert data.decode(used) == text


def test_a_forced_encoding_is_never_doubted() -> None:
    warnings: list[str] = []
    assert decode(bytes(range(0x80, 0x100)), "cp1252", warnings=warnings)[1] == "cp1252"
    assert warnings == []


def test_the_low_confidence_warning_reaches_stderr_and_json(tmp_path: Path) -> None:
    from tests.conftest import run_cli

    path = tmp_path / "noise.txt"
    path.write_bytes(b"Title\n\n" + NOISE + b"\n")
    result = run_cli("--format", "jsonl", str(path))
    record = json.loads(result.stdout)
    warning = f"encoding guessed as {record['encoding']} with low confidence"
    assert record["warnings"] == [warning]
    assert f"newsclean: {path}: warning: {warning}\n" in result.stderr.decode()


def test_the_standard_is_reported_when_the_bytes_are_valid_in_it() -> None:
    """cp932 extends Shift_JIS and reads a few of its characters differently (817C is − in Shift_JIS, － in
    cp932): bytes valid in Shift_JIS are reported as Shift_JIS, as a page declaring it is read."""
    text = "日経平均株価は前日比−120円の3万2000円で取引を終えた。市場では円相場の動向を見極めたいとの声が多い。\n"
    data = (text * 3).encode("shift_jis")
    assert decode(data) == (text * 3, "shift_jis")
    extended = (text * 3 + "①\n").encode("cp932")  # a circled digit: cp932 only
    assert decode(extended) == (extended.decode("cp932"), "cp932")


def test_a_declared_charset_is_read_as_its_standard_first() -> None:
    """A page declaring gb2312 is read as GB2312 (A1AA is ―) when its bytes are valid GB2312, and as
    GB18030, the browsers' reading of the label, when they use characters only GBK has (`镕`)."""
    page = '<html><head><meta charset="gb2312"></head><body><p>{}</p></body></html>'
    valid = page.format("国务院总理主持召开常务会议――部署扩大内需的措施。").encode("gb2312")
    assert decode_html(valid) == (valid.decode("gb2312"), "gb2312")
    wider = page.format("朱镕基主持召开常务会议——部署扩大内需的措施。").encode("gb18030")
    assert decode_html(wider) == (wider.decode("gb18030"), "gb18030")


@settings(max_examples=300, deadline=None)
@given(st.binary(min_size=1, max_size=400).filter(lambda data: not data.isascii()))
@example(b"\x89@!I\x81K")  # guessed as cp932, read as shift_jis: the warning names the one used
def test_the_reported_encoding_decodes_the_bytes_to_the_text(data: bytes) -> None:
    warnings: list[str] = []
    try:
        text, used = decode(data, fix_mojibake=False, warnings=warnings)
    except DecodeError:
        return
    assert data.decode(used, errors="replace") == text
    assert warnings in ([], [f"encoding guessed as {used} with low confidence"])
