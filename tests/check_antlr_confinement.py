#!/usr/bin/env python3
"""Fails when a file outside compiler/syntax/ includes an ANTLR header: the parse tree must not
leak past the AST builder (ARCHITECTURE.md)."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
# The generated headers are named after the grammars (grammar/BamlLexer.g4 -> BamlLexer.h), so the
# list comes from grammar/ and a new grammar is covered without editing this file.
grammars = sorted(p.stem for p in (root / "grammar").glob("*.g4"))
assert grammars, f"no grammars under {root / 'grammar'}"
generated = "|".join(re.escape(name) for name in grammars)
pattern = re.compile(rf'#\s*include\s*[<"](antlr4-runtime\.h|antlr4-runtime/|(?:[A-Za-z0-9_/]*/)?(?:{generated})\.h|[A-Za-z/]*ATN)')
# The pattern must catch every generated header, however it is included.
for name in grammars:
    for line in (f'#include "{name}.h"', f'#include <{name}.h>', f'#include "gen/{name}.h"'):
        assert pattern.search(line), f"the pattern misses {line}"
offenders = []
checked = 0
SOURCE_DIRS = ("compiler", "runtime", "cli", "tools", "tests", "stdlib")
for path in (p for d in SOURCE_DIRS for p in (root / d).rglob("*")):
    if path.suffix not in {".h", ".hpp", ".cpp", ".cc"}:
        continue
    checked += 1
    if path.relative_to(root).parts[:2] == ("compiler", "syntax"):
        continue
    if pattern.search(path.read_text(errors="replace")):
        offenders.append(str(path.relative_to(root)))
for path in offenders:
    print(f"{path} includes an ANTLR header; only compiler/syntax/ may")
print(f"{checked - len(offenders)} passed, {len(offenders)} failed")
sys.exit(1 if offenders else 0)
