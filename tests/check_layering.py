#!/usr/bin/env python3
"""Fails when the code crosses a layer ARCHITECTURE.md forbids: cli/ reaches the compiler only
through its front door (compiler/compiler.h), and durations are written by one function only
(common/, <baml/duration.h>).

    check_layering.py REPO_ROOT
"""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
SOURCES = {".h", ".hpp", ".cpp", ".cc"}
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
problems = []


def sources(folder):
    return sorted(p for p in (root / folder).rglob("*") if p.suffix in SOURCES)


# The CLI sees one compiler header.
for path in sources("cli"):
    for header in INCLUDE.findall(path.read_text(errors="replace")):
        if header.startswith("compiler/") and header != "compiler/compiler.h":
            problems.append(f"{path.relative_to(root)} includes {header}; cli/ may include only compiler/compiler.h")

# One definition of duration formatting, in common/.
DEFINITION = re.compile(r"^std::string\s+(?:\w+::)*format_(?:duration|elapsed)\s*\(", re.M)
for folder in ("common", "compiler", "runtime", "cli", "tools"):
    for path in sources(folder):
        if DEFINITION.search(path.read_text(errors="replace")) and path.relative_to(root).parts[0] != "common":
            problems.append(f"{path.relative_to(root)} defines a duration formatter; use <baml/duration.h>")

for p in problems:
    print(p)
print(f"{len(problems)} layering problems")
sys.exit(1 if problems else 0)
