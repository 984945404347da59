"""Bytes to text: BOM, then ISO-2022 escapes, then strict UTF-8, then chardet; mojibake repaired with ftfy.

chardet and ftfy are imported only when a document needs them: most inputs are UTF-8 and clean.
"""

from __future__ import annotations

import codecs
import re

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one. The codecs named are the ones that read
# and drop the BOM, so the reported encoding decodes the input bytes to exactly the text returned.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# File signatures of common binary formats that can be mistaken for text by a statistical detector.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"\x1f\x8b", "gzip data"),
    (b"PK\x03\x04", "zip archive"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"\x7fELF", "ELF executable"),
    (b"\x00\x00\x01\x00", "icon"),
    (b"\x28\xb5\x2f\xfd", "zstd data"),
)
# Control bytes that do not occur in text in any ASCII-compatible encoding (tab, LF, FF, CR, ESC allowed).
_BINARY_BYTES = bytes([*range(0x00, 0x09), 0x0B, *range(0x0E, 0x1A), *range(0x1C, 0x20)])
_SNIFF = 65536

# ISO-2022 (RFC 1468, 1554, 1557, 2237): 7-bit text that switches character sets with escape sequences, so it
# is valid ASCII/UTF-8 while meaning something else, and ISO-2022-KR shifts with SO/SI, bytes that look binary.
# The designations these codecs know: ESC $ ) C (KR header), ESC $ @/A/B, ESC $ ( C/D/O/P/Q, ESC ( B/I/J,
# ESC . A/F (JP-2 96-character sets), ESC & @ (JIS X 0208-1990 prefix).
_ISO2022_DESIGNATION = re.compile(rb"\x1b(?:\$\)C|\$[@AB]|\$\([CDOPQ]|\([BIJ]|\.[AF]|&@)")
_ISO2022_JP = ("iso2022_jp", "iso2022_jp_2", "iso2022_jp_2004", "iso2022_jp_3", "iso2022_jp_ext", "iso2022_jp_1")

# UTF-8 read as cp1252 or Latin-1: a lead byte (Â..ô) followed by what a continuation byte becomes.
_MOJIBAKE = re.compile(
    "[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc"
    "\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


class DecodeError(ValueError):
    """The bytes are not text (a binary file) or cannot be decoded as asked."""


def decode(data: bytes, encoding: str | None = None, *, fix_mojibake: bool = True) -> tuple[str, str]:
    """Return (text, encoding used). `encoding` forces a codec; bytes it cannot decode become U+FFFD."""
    if encoding:
        try:
            text = data.decode(encoding, errors="replace")
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
        return text, codecs.lookup(encoding).name
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(name, errors="replace")), name
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise DecodeError(f"binary file ({kind}), not text")
    wide = _sniff_wide(data)  # before UTF-8: UTF-16 of ASCII text is valid UTF-8, full of NULs
    if wide:
        return _checked(data.decode(wide, errors="replace")), wide
    escaped = _sniff_iso2022(data)  # before UTF-8 and the binary check: 7-bit, and SO/SI are control bytes
    if escaped:
        return escaped
    try:
        text, used = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, used = _mostly_utf8(data), "utf-8"
        if text is None:
            used = _detect(data)
            text = data.decode(used, errors="replace")
    if used == "utf-8" and _has_binary_bytes(data):
        raise DecodeError("binary file, not text")
    if fix_mojibake and _MOJIBAKE.search(text):
        text = repair_mojibake(text)
    return text, used


def repair_mojibake(text: str) -> str:
    """`administrationâ€™s push` -> `administration’s push` (ftfy's encoding fixes only).

    Line by line, and only the lines that look like mojibake, as ftfy's own `fix_text` splits its input: a
    page pasted together from sources in two encodings is repaired where it is broken, and the rest of a
    long text costs nothing. Lines end at `\n` only: U+0085, which `str.splitlines` also breaks at, is what
    the UTF-8 byte 0x85 of `全` or `⅓` becomes when read as Latin-1."""
    from ftfy import fix_encoding

    out, done = [], 0
    while found := _MOJIBAKE.search(text, done):  # the next line with mojibake (a match never spans lines)
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        out += (text[done:start], fix_encoding(text[start:end]))
        done = end
    out.append(text[done:])
    return "".join(out)


_GARBAGE = re.compile("[\ufffd\x00-\x08\x0b\x0e-\x1a\x1c-\x1f\ud800-\udfff\ue000-\uf8ff]")


def _checked(text: str) -> str:
    """Refuse a decoding that is mostly replacement characters, controls or private-use code points: bytes
    that only started like a BOM (a binary file beginning FF FE) decode into that."""
    sample = text[:_SNIFF]
    if len(_GARBAGE.findall(sample)) * 10 > len(sample):
        raise DecodeError("binary file, not text")
    return text


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 with a few broken bytes (a truncated copy, a stray Latin-1 byte): far more valid multi-byte
    characters than invalid bytes. A legacy 8-bit encoding almost never forms valid UTF-8 sequences."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = len(text) - text.count("\ufffd") - len(text.encode("ascii", "ignore"))
    return text if good >= 4 * bad else None


def _sniff_wide(data: bytes) -> str | None:
    """UTF-16/32 without a BOM: text in Latin scripts leaves every other byte NUL."""
    sample = data[:_SNIFF]
    if len(sample) < 4 or b"\x00" not in sample:
        return None
    half = len(sample) // 2
    even = sample[0::2].count(0) / half
    odd = sample[1::2].count(0) / half
    if len(sample) % 4 == 0:
        quarter = len(sample) // 4
        lanes = [sample[k::4].count(0) / quarter for k in range(4)]
        if lanes[0] < 0.1 and min(lanes[1:]) > 0.9:
            return "utf-32-le"
        if lanes[3] < 0.1 and min(lanes[:3]) > 0.9:
            return "utf-32-be"
    if odd > 0.4 and even < 0.1:
        return "utf-16-le"
    if even > 0.4 and odd < 0.1:
        return "utf-16-be"
    return None


def _sniff_iso2022(data: bytes) -> tuple[str, str] | None:
    """(text, codec) for 7-bit data with ISO-2022 designations that decodes strictly and consumes every ESC, SO
    and SI byte as part of the encoding; None for anything else (ANSI colour codes, stray ESC bytes, binary)."""
    if data.find(b"\x1b", 0, _SNIFF) < 0 or not data.isascii():
        return None
    sample = data[:_SNIFF]
    if not _ISO2022_DESIGNATION.search(sample):
        return None
    if _has_binary_bytes(data, allowed=b"\x0e\x0f"):
        return None
    for codec in ("iso2022_kr",) if b"\x1b$)C" in sample else _ISO2022_JP:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if not any(c in text for c in "\x1b\x0e\x0f"):  # every escape and shift was understood
            return _checked(text), codec
    return None


def _has_binary_bytes(data: bytes, allowed: bytes = b"") -> bool:
    sample = data[:_SNIFF]
    binary = _BINARY_BYTES.translate(None, allowed) if allowed else _BINARY_BYTES
    bad = len(sample) - len(sample.translate(None, binary))
    return bad > max(8, len(sample) // 100)


def _detect(data: bytes) -> str:
    """Legacy encodings: refuse binary data, then ask chardet; cp1252 when it cannot tell."""
    if _has_binary_bytes(data):
        raise DecodeError("binary file, not text")
    import chardet

    guess = chardet.detect(data).get("encoding")
    if guess:
        try:
            return codecs.lookup(guess).name
        except LookupError:
            pass
    return "cp1252"


# ---------------------------------------------------------------------------------------------- HTML
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:+-]{1,40})""",
    re.I,
)
# What browsers actually use for these labels (WHATWG Encoding Standard).
_BROWSER_LABELS = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254",
                   "iso8859-11": "cp874", "gb2312": "gb18030", "gbk": "gb18030", "euc_kr": "cp949"}  # fmt: skip


def declared_encoding(data: bytes) -> str | None:
    """The codec a page declares in its first bytes (`<meta charset>`, http-equiv, XML declaration), if Python
    knows it. A declared UTF-16/32 cannot be right for bytes we could read the declaration from as ASCII."""
    found = _DECLARED.search(data[:4096])
    if not found:
        return None
    label = (found.group(1) or found.group(2)).decode("ascii").lower()
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"
    return _BROWSER_LABELS.get(name, name)


def decode_html(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Bytes of a page: a forced codec, then the BOM, then a valid declared charset (if the bytes decode under
    it), then the usual detection. Returns (text, encoding used)."""
    if encoding:
        return decode(data, encoding)
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return decode(data)
    declared = declared_encoding(data)
    if declared:
        try:
            return data.decode(declared), declared
        except UnicodeDecodeError:
            pass  # the declaration lies (a common case: UTF-8 pages declaring ISO-8859-1)
    return decode(data, fix_mojibake=False)
