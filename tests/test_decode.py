"""Bytes to text: BOMs, UTF-8, legacy encodings through chardet, mojibake repair, binary refusal."""

from __future__ import annotations

import codecs

import pytest

from newsclean.decode import DecodeError, decode

GERMAN = "Die Bundesregierung will die Förderung für Wärmepumpen im kommenden Jahr kürzen, sagte die Ministerin."
RUSSIAN = "Президент заявил, что правительство продолжит реформы и поддержит малый бизнес в регионах страны."


def test_utf8_fast_path() -> None:
    assert decode("Grüße “quoted” — dash".encode()) == ("Grüße “quoted” — dash", "utf-8")


@pytest.mark.parametrize(
    ("bom", "codec"),
    [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
    ],
)
def test_bom_decides(bom: bytes, codec: str) -> None:
    text, used = decode(bom + GERMAN.encode(codec))
    assert (text, used) == (GERMAN, codec)


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
