#!/usr/bin/env python3
r"""Writes the Unicode tables unicode_text.cpp includes (run by the build; the output is not kept
in the source tree):

    make_unicode_tables.py OUT.inc

kAccentFolds: every code point (outside Hangul syllables and surrogates) whose compatibility
decomposition (NFKD) without its combining marks differs from it, with that text in UTF-8, plus
the letters NFKD leaves alone that BAML 0.226.2 still spells in ASCII when it matches enum values
(ß → ss, æ → ae, œ → oe, ø → o). Combining marks themselves fold to nothing.
kLowerFull / kUpperFull: every code point whose full lowercase / uppercase differs from it (one
or more code points, as Rust's char::to_lowercase / to_uppercase: ß → SS, İ → i̇, ﬁ → FI).
kLowercase / kUppercase: the ranges of code points that are lowercase / uppercase letters.
kDebugEscaped: the ranges of code points Rust's Debug of a string writes as \u{...}: the
grapheme extenders (Mn, Me and Other_Grapheme_Extend) and what core::unicode::printable calls
unprintable (Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs, but the space).

Python's unicodedata and str methods are the source (the Unicode version is written into the file).
"""
import sys
import unicodedata

EXTRA = {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O"}


# Other_Grapheme_Extend (PropList.txt, Unicode 14-15): marks of other categories that extend a
# grapheme, which unicodedata does not expose.
OTHER_GRAPHEME_EXTEND = [(0x09BE, 0x09BE), (0x09D7, 0x09D7), (0x0B3E, 0x0B3E), (0x0B57, 0x0B57),
                         (0x0BBE, 0x0BBE), (0x0BD7, 0x0BD7), (0x0CC2, 0x0CC2), (0x0CD5, 0x0CD6),
                         (0x0D3E, 0x0D3E), (0x0D57, 0x0D57), (0x0DCF, 0x0DCF), (0x0DDF, 0x0DDF),
                         (0x1B35, 0x1B35), (0x200C, 0x200C), (0x302E, 0x302F), (0xFF9E, 0xFF9F),
                         (0x1133E, 0x1133E), (0x11357, 0x11357), (0x114B0, 0x114B0), (0x114BD, 0x114BD),
                         (0x115AF, 0x115AF), (0x11930, 0x11930), (0x1D165, 0x1D165), (0x1D16E, 0x1D172),
                         (0xE0020, 0xE007F)]


def debug_escaped(c):
    cp = ord(c)
    if any(a <= cp <= b for a, b in OTHER_GRAPHEME_EXTEND):
        return True
    cat = unicodedata.category(c)
    if cat in ("Mn", "Me"):
        return True
    return cat in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp", "Zs") and c != " "


def fold(c):
    if c in EXTRA:
        return EXTRA[c]
    return "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.category(x).startswith("M"))


def c_string(s):
    return '"' + "".join(f"\\x{b:02x}" for b in s.encode("utf-8")) + '"'


def code_points():
    for cp in range(0x80, 0x110000):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        yield cp, chr(cp)


def ranges(pred):
    out, start, prev = [], None, None
    for cp in range(0, 0x110000):
        if 0xD800 <= cp <= 0xDFFF or not pred(chr(cp)):
            continue
        if start is not None and cp == prev + 1:
            prev = cp
            continue
        if start is not None:
            out.append((start, prev))
        start = prev = cp
    if start is not None:
        out.append((start, prev))
    return out


def text_table(name, pairs):
    lines = [f"constexpr CodeText {name}[{len(pairs)}] = {{"]
    lines += [f"  {{0x{cp:X}, {c_string(t)}}}," for cp, t in pairs]
    return lines + ["};", ""]


def range_table(name, rs):
    lines = [f"constexpr CodeRange {name}[{len(rs)}] = {{"]
    lines += [f"  {{0x{a:X}, 0x{b:X}}}," for a, b in rs]
    return lines + ["};", ""]


def main():
    folds = [(cp, f) for cp, c in code_points() if not 0xAC00 <= cp <= 0xD7A3 for f in [fold(c)] if f != c]
    lower = [(cp, c.lower()) for cp, c in code_points() if c.lower() != c]
    upper = [(cp, c.upper()) for cp, c in code_points() if c.upper() != c]
    out = [f"// Written by runtime/text/make_unicode_tables.py from Unicode {unicodedata.unidata_version}.",
           "// Do not edit: the build writes it.", "",
           "struct CodeText { char32_t code; const char* text; };",
           "struct CodeRange { char32_t first, last; };", ""]
    out += text_table("kAccentFolds", folds)
    out += text_table("kLowerFull", lower)
    out += text_table("kUpperFull", upper)
    out += range_table("kLowercase", ranges(lambda c: c.islower()))
    out += range_table("kUppercase", ranges(lambda c: c.isupper()))
    out += range_table("kDebugEscaped", ranges(debug_escaped))
    with open(sys.argv[1], "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


if __name__ == "__main__":
    main()
