#!/usr/bin/env python3
"""Fails when a file outside compiler/syntax/ includes an ANTLR header: the parse tree must not
leak past the AST builder (ARCHITECTURE.md)."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
pattern = re.compile(r'#\s*include\s*[<"](antlr4-runtime\.h|antlr4-runtime/|Baml(Lexer|Parser)\.h|[A-Za-z/]*ATN)')
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
