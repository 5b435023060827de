#!/usr/bin/env python3
"""Fails when a file outside runtime/ includes a runtime header other than through <baml/...>:
the runtime's public headers live under runtime/include/baml/, everything else in runtime/ is
private to the library (ARCHITECTURE.md). Also fails when runtime/include/baml/ includes a private
runtime header, which would make that header public in all but name."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
runtime = root / "runtime"
public = runtime / "include" / "baml"
assert public.is_dir(), f"no public include root at {public}"
private = {p.relative_to(runtime).as_posix() for p in runtime.rglob("*.h") if public not in p.parents}
public_names = {p.relative_to(public).as_posix() for p in public.rglob("*.h")}
# common/ (durations, spelling) shares the prefix: <baml/duration.h> is public too.
shared = pathlib.Path(sys.argv[1]) / "common" / "include" / "baml"
public_names |= {p.relative_to(shared).as_posix() for p in shared.rglob("*.h")}
include = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.MULTILINE)


def runtime_header(name):
    """The runtime header `name` names, as "private" or "public" or None for any other header."""
    if name.startswith("runtime/"):
        name = name[len("runtime/"):]
    if name.startswith("include/baml/"):
        return "public-by-path"
    if name in private:
        return "private"
    return None


# The check must catch every spelling of a private header, and accept the public one.
assert runtime_header("http/engine.h") == "private" and runtime_header("runtime/http/engine.h") == "private"
assert runtime_header("baml/runtime.h") is None and "runtime.h" in public_names

offenders = []
checked = 0
for folder in ("cli", "common", "compiler", "tools", "tests", "stdlib", "examples", "runtime/include"):
    for path in (root / folder).rglob("*"):
        if path.suffix not in {".h", ".hpp", ".cpp", ".cc"}:
            continue
        checked += 1
        for bracket, name in include.findall(path.read_text(errors="replace")):
            kind = runtime_header(name)
            if name.startswith("baml/") and name[len("baml/"):] not in public_names:
                offenders.append(f"{path.relative_to(root)}: <{name}> is not a public runtime header")
            elif kind is not None:
                offenders.append(f"{path.relative_to(root)}: includes {name}, a runtime header not through <baml/...>")
            elif name.startswith("baml/") and bracket == '"':
                offenders.append(f'{path.relative_to(root)}: includes "{name}"; spell it <{name}>')
for line in offenders:
    print(line)
print(f"{checked} files checked, {len(offenders)} offending includes")
sys.exit(1 if offenders else 0)
