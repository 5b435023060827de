#!/usr/bin/env python3
"""Fails when the runtime's folders include each other in a cycle (say providers/ -> http/ ->
providers/): each folder is a layer that may use those below it only (docs/internals.md). A public
header (include/baml/x.h) counts as part of the folder whose x.cpp implements it, or of the layer
LAYER_OF_HEADER names; one with no .cpp is plain types and depends on nothing but other public
headers. Tests and test support are left out: they may use every layer."""
import pathlib
import re
import sys

runtime = pathlib.Path(sys.argv[1]) / "runtime"
include = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.MULTILINE)
sources = [p for p in runtime.rglob("*") if p.suffix in {".h", ".cpp"}]
implemented_in = {p.stem: p.relative_to(runtime).parts for p in sources if p.suffix == ".cpp"}


# Public headers implemented by a folder under another name than theirs; and the Value, plain data
# implemented in value/ but used by the errors below the type system that shares its folder.
LAYER_OF_HEADER = {"functions.h": "function", "test_checks.h": "function", "client_support.h": "function",
                   "value.h": "plain types", "value_json.h": "plain types"}


def layer(parts):
    """The layer of a file given by its path parts below runtime/."""
    if parts[0] == "include":
        if parts[-1] in LAYER_OF_HEADER:
            return LAYER_OF_HEADER[parts[-1]]
        home = implemented_in.get(pathlib.Path(parts[-1]).stem)
        return layer(home) if home else "plain types"
    return parts[0] if len(parts) > 1 else "runtime"


edges = {}
for path in sources:
    parts = path.relative_to(runtime).parts
    if path.name.endswith("_test.cpp") or parts[0] == "testing":
        continue
    source = layer(parts)
    for name in include.findall(path.read_text(errors="replace")):
        target = pathlib.PurePosixPath("include", name) if name.startswith("baml/") else pathlib.PurePosixPath(name)
        if not (runtime / target).exists():
            continue
        destination = layer(target.parts)
        if destination != source:
            edges.setdefault(source, {}).setdefault(destination, f"{path.relative_to(runtime)} includes {name}")

# A cycle is an edge whose target reaches back to its source.
def reaches(start, goal, seen):
    if start == goal:
        return True
    seen.add(start)
    return any(reaches(nxt, goal, seen) for nxt in edges.get(start, {}) if nxt not in seen)


cycles = [(a, b, why) for a, outs in edges.items() for b, why in outs.items() if reaches(b, a, set())]
for a, b, why in cycles:
    print(f"{a}/ -> {b}/ closes a cycle: {why}")
for a in sorted(edges):
    print(f"{a}: uses {', '.join(sorted(edges[a]))}")
sys.exit(1 if cycles else 0)
