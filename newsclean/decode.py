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


def decode(
    data: bytes, encoding: str | None = None, *, fix_mojibake: bool = True, warnings: list[str] | None = None
) -> tuple[str, str]:
    """Return (text, encoding used). `encoding` forces a codec; bytes it cannot decode become U+FFFD. A guess
    that may be wrong (no reading of the bytes looks like text) adds a line to `warnings`, if given."""
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
            used = _detect(data, warnings)
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


def _detect(data: bytes, warnings: list[str] | None = None) -> str:
    """Legacy encodings: refuse binary data, then read a sample with chardet's candidates in chardet's order and
    keep the first reading that looks like text in the language chardet heard (see `_oddities`), else the one
    that looks least wrong. When even that one looks wrong, say so in `warnings`: never a silent guess."""
    if _has_binary_bytes(data):
        raise DecodeError("binary file, not text")
    import chardet

    sample = data[:_SNIFF]
    ebcdic = _looks_ebcdic(sample)
    best, best_score, readings = "cp1252", (1.0, 1.0), set()
    for candidate in chardet.detect_all(data, ignore_threshold=True)[:_CANDIDATES]:
        try:
            name = codecs.lookup(candidate["encoding"] or "").name
        except LookupError:
            continue
        if name in _EBCDIC and not ebcdic:
            continue  # EBCDIC reads ASCII letters as other letters: never a guess for bytes with ASCII spaces
        text = sample.decode(name, errors="replace")
        if len(data) > _SNIFF:
            text = text.rstrip("\ufffd")  # a character cut by the end of the sample
        if text in readings:
            continue  # another name for a reading already scored (cp1252 and latin-1 on most Western text)
        readings.add(text)
        odd, foreign, seen = _oddities(text, candidate["language"])
        score = (odd / seen, foreign / seen) if seen else (0.0, 0.0)
        if score < best_score:
            best, best_score = name, score
        if score == (0.0, 0.0):
            break
    best = _narrowest(data, best)
    if best_score[0] > _IMPLAUSIBLE and warnings is not None:
        warnings.append(f"encoding guessed as {best} with low confidence")  # the name the text was read with
    return best


# Multi-byte code pages and the standard each extends. The extension reads a few of the standard's characters
# differently (GB2312 A1AA is U+2015 in GB2312, U+2014 in GBK; Shift_JIS 817C is U+2212, in cp932 U+FF0D).
_STANDARD = {"gb18030": "gb2312", "gbk": "gb2312", "cp936": "gb2312", "cp932": "shift_jis", "cp949": "euc_kr",
             "cp950": "big5"}  # fmt: skip


def _narrowest(data: bytes, name: str) -> str:
    """The standard rather than its extension when the bytes are valid in it: they are then in the standard,
    and a page declaring Shift_JIS or Big5 is read so too (see `decode_html`)."""
    standard = _STANDARD.get(name)
    if standard:
        try:
            data.decode(standard)
            return standard
        except UnicodeDecodeError:
            pass
    return name


_CANDIDATES = 24  # chardet ranks dozens of code pages; the right one is nearly always among its first few
_SCORED = 2000  # non-ASCII characters of a reading looked at: enough to see what a text looks like
_IMPLAUSIBLE = 0.05  # share of odd characters above which no reading is trusted
_EBCDIC = {"cp037", "cp273", "cp424", "cp500", "cp875", "cp1026", "cp1140"}
_NON_ASCII = re.compile("[^\x00-\x7f]+")
_ASCII_LETTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_BAD = frozenset(("Cc", "Co", "Cn", "Cs"))  # controls, private use, unassigned, surrogates
_QUOTES = frozenset(("Pi", "Pf", "Ps", "Pe"))  # quotation marks and brackets, which stand outside words
_APOSTROPHES = "\u2019\u2018\u02bc"  # `don’t`, the Hawaiian ʻokina


def _looks_ebcdic(sample: bytes) -> bool:
    """EBCDIC text separates words with 0x40 and ends lines with 0x15 or 0x25; ASCII text with 0x20 and 0x0A."""
    return sample.count(b"@") > 2 * sample.count(b" ") + 2 * sample.count(b"\n")


def _oddities(text: str, language: str | None = None) -> tuple[int, int, int]:
    """(odd, foreign, seen) among the first `_SCORED` non-ASCII characters of a reading: `odd` ones are unlike
    any text, `foreign` letters are not written by `language` (what chardet heard, ASCII words included).

    A wrong code page turns letters into other characters, and they show: control, private-use or unassigned
    code points and U+FFFD; a symbol inside a word (`Vald´ba`, `F╢rderung`); a capital after a small letter
    (`BlanchardÕs`); a letter of another script inside a Latin word (`Jahrд`), or of a third script; letters
    that no one language writes together (`d´ba, budŧeta`). A member of the right family can still read as
    some language (ISO-8859-2 Slovene as cp1250 turns `zmanjšal` into `zmanjąal`, letters of Lithuanian): its
    letters are foreign to the language chardet heard. Only non-ASCII characters are looked at: all the
    candidates read ASCII alike (EBCDIC aside, see `_looks_ebcdic`)."""
    from unicodedata import category

    odd = seen = 0
    found: dict[str, int] = {}  # letter -> count
    known: dict[str, tuple[str, str]] = {}  # character -> (category, script), looked up once per character
    for run in _NON_ASCII.finditer(text):
        start, end = run.span()
        for i in range(start, end):
            char = text[i]
            kind, script = known.get(char) or known.setdefault(char, (category(char), _script(ord(char))))
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if kind[0] == "L":
                found[char] = found.get(char, 0) + 1
                odd += (kind == "Lu" and category(before) == "Ll") or (
                    script not in ("latin", "cjk") and (before in _ASCII_LETTERS or after in _ASCII_LETTERS)
                )
            elif kind in _BAD or char == "\ufffd":
                odd += 1
            elif kind == "Sk":  # a lone accent (`´ts`, `Vald´ba`): what a letter of another code page becomes
                odd += before.isalpha() or after.isalpha()
            elif kind[0] == "S" or kind == "No" or (kind in _QUOTES and char not in _APOSTROPHES):
                # inside a word (`F╢rderung`, `taup“ba`); CJK text runs without spaces, its symbols touch letters
                odd += before.isalpha() and after.isalpha() and _script(ord(before)) != "cjk"
            seen += 1
        if seen >= _SCORED:
            break
    letters: dict[str, dict[str, int]] = {}  # script -> non-ASCII small letter -> count
    for char, n in found.items():
        small = char.lower()[0]  # `İ` lowers to `i` and a combining dot: ASCII, in every alphabet
        if small > "\x7f":
            counts = letters.setdefault(known[char][1], {})
            counts[small] = counts.get(small, 0) + n
    totals = {script: sum(counts.values()) for script, counts in letters.items()}
    main = max((total for script, total in totals.items() if script != "latin"), default=0)
    odd += sum(total for script, total in totals.items() if script != "latin") - main  # letters of a third script
    foreign = 0
    for script, counts in letters.items():
        alphabets = _alphabets().get(script)
        if alphabets and (script == "latin" or totals[script] == main):
            fits = {lang: sum(n for small, n in counts.items() if small in abc) for lang, abc in alphabets.items()}
            odd += totals[script] - max(fits.values())
            foreign += max(fits.values()) - fits.get(language or "", max(fits.values()))
    return odd, foreign, seen


# Where the scripts a misread code page mixes up start, for `_script`: (first code point, script).
_SCRIPTS = (
    (0x0000, "latin"), (0x02B0, "other"), (0x0370, "greek"), (0x0400, "cyrillic"), (0x0530, "armenian"),
    (0x0590, "hebrew"), (0x0600, "arabic"), (0x0700, "syriac"), (0x0750, "arabic"), (0x0780, "thaana"),
    (0x0900, "indic"), (0x0E00, "thai"), (0x0E80, "lao"), (0x0F00, "tibetan"), (0x1000, "myanmar"),
    (0x10A0, "georgian"), (0x1100, "cjk"), (0x1200, "ethiopic"), (0x1E00, "latin"), (0x1F00, "greek"),
    (0x2000, "other"), (0x2E80, "cjk"), (0xA000, "yi"), (0xA4D0, "other"), (0xAC00, "cjk"), (0xD7B0, "other"),
    (0xF900, "cjk"), (0xFB00, "latin"), (0xFB1D, "hebrew"), (0xFB50, "arabic"), (0xFE00, "other"),
    (0xFE70, "arabic"), (0xFF00, "cjk"), (0xFFF0, "other"),
)  # fmt: skip
_SCRIPT_STARTS = [start for start, _ in _SCRIPTS]


def _script(code: int) -> str:
    from bisect import bisect_right

    return _SCRIPTS[bisect_right(_SCRIPT_STARTS, code) - 1][1]


def _alphabets() -> dict[str, dict[str, frozenset[str]]]:
    """Per script, per language, the non-ASCII small letters it writes (built on first use)."""
    if not _ALPHABETS:
        for language, letters in _LETTERS.items():
            _ALPHABETS.setdefault(_script(ord(letters[0])), {})[language] = frozenset(letters)
    return _ALPHABETS


_ALPHABETS: dict[str, dict[str, frozenset[str]]] = {}
_RU = "абвгдежзийклмнопрстуфхцчшщъыьэюяё"
# The non-ASCII small letters of the languages chardet names (ISO 639-1), English with its common loanwords.
# A reading whose letters one language does not write together is a code page of the right family but the
# wrong member: ISO-8859-2 Slovene read as cp1250 has `ą` for `š`, a letter of Polish and Lithuanian.
_LETTERS = {
    "en": "éèêëïöüçñàâôæœ", "de": "äöüßéàè", "fr": "àâæçéèêëîïôœùûüÿ", "es": "áéíñóúüºª", "pt": "áâãàçéêíóôõúºª",
    "it": "àèéìíîòóùúºª", "ca": "àçèéíïòóúü·", "gl": "áéíóúñüºª", "eu": "ñü", "nl": "áéëèíïóöúü", "da": "æøåéó",
    "no": "æøåéóòô", "sv": "åäöé", "fi": "äöåšž", "is": "áðéíóúýþæö", "fo": "áðíóúýæø", "et": "äöõüšž",
    "lv": "āčēģīķļņšūž", "lt": "ąčęėįšųūž", "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž",
    "sl": "čšžćđ", "hr": "čćđšž", "bs": "čćđšž", "sr": "čćđšž", "hu": "áéíóöőúüű", "ro": "ăâîșțşţ",
    "tr": "çğıöşüâîû", "sq": "çë", "mt": "ċġħżàèìòù", "ga": "áéíóú", "cy": "âêîôûŵŷäëïöüáéíóúàèìòù",
    "br": "âêîôûùüñ", "eo": "ĉĝĥĵŝŭ", "se": "áčđŋšŧž",
    "vi": "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ",
    "ru": _RU, "uk": _RU.translate(str.maketrans("", "", "ёъыэ")) + "ґєії",
    "be": _RU.translate(str.maketrans("", "", "иъщ")) + "іў", "bg": _RU.translate(str.maketrans("", "", "ёыэ")),
    "mk": "абвгдѓежзѕијклљмнњопрстќуфхцчџш",
    "sr-cyrl": "абвгдђежзијклљмнњопрстћуфхцчџш", "kk": _RU + "әғқңөұүһі", "tg": _RU + "ғӣқӯҳҷ",
    "el": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώϊϋΐΰς",
}  # fmt: skip


# ---------------------------------------------------------------------------------------------- HTML
_DECLARED = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:+-]{1,40})"""
    rb"""|<\?xml[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:+-]{1,40})""",
    re.I,
)
# What browsers actually use for these labels (WHATWG Encoding Standard). The single-byte ones always: their
# C1 controls are never meant. The multi-byte ones only for bytes that are not valid in the label's standard.
_BROWSER_LABELS = {"iso8859-1": "cp1252", "latin-1": "cp1252", "ascii": "cp1252", "iso8859-9": "cp1254",
                   "iso8859-11": "cp874"}  # fmt: skip
_BROWSER_EXTENSIONS = {"gb2312": "gb18030", "gbk": "gb18030", "euc_kr": "cp949"}


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


def decode_html(data: bytes, encoding: str | None = None, *, warnings: list[str] | None = None) -> tuple[str, str]:
    """Bytes of a page: a forced codec, then the BOM, then a valid declared charset (if the bytes decode under
    it), then the usual detection. Returns (text, encoding used); a doubtful guess adds to `warnings`."""
    if encoding:
        return decode(data, encoding)
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return decode(data)
    declared = declared_encoding(data)
    for name in filter(None, (declared, _BROWSER_EXTENSIONS.get(declared or ""))):
        try:
            return data.decode(name), name
        except UnicodeDecodeError:
            pass  # the declaration lies (a common case: UTF-8 pages declaring ISO-8859-1)
    return decode(data, fix_mojibake=False, warnings=warnings)
