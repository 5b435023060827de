#!/usr/bin/env python3
"""Writes the Unicode tables unicode_text.cpp includes (run by the build; the output is not kept
in the source tree):

    make_unicode_tables.py OUT.inc

kAccentFolds: every code point (outside Hangul syllables and surrogates) whose compatibility
decomposition (NFKD) without its combining marks differs from it, with that text in UTF-8, plus
the letters NFKD leaves alone that BAML 0.226.2 still spells in ASCII when it matches enum values
(ß → ss, æ → ae, œ → oe, ø → o). Combining marks themselves fold to nothing.
kLowerFull / kUpperFull: every code point whose full lowercase / uppercase differs from it (one
or more code points, as Rust's char::to_lowercase / to_uppercase: ß → SS, İ → i̇, ﬁ → FI).
kLowercase / kUppercase: the ranges of code points that are lowercase / uppercase letters.

Python's unicodedata and str methods are the source (the Unicode version is written into the file).
"""
import sys
import unicodedata

EXTRA = {"ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ø": "o", "Ø": "O"}


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
    folds = [(cp, fold(c)) for cp, c in code_points() if not 0xAC00 <= cp <= 0xD7A3 and fold(c) != c]
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
    with open(sys.argv[1], "w", encoding="utf-8") as fh:
        fh.write("\n".join(out))


if __name__ == "__main__":
    main()
