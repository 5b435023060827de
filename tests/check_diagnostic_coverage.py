#!/usr/bin/env python3
"""Fails when a diagnostic kind registered in compiler/diag/diagnostic_kinds.def has no golden
test (some `.expected` file under tests/diagnostics/ must show its code, e.g. `[E0201]`) or is
missing from docs/diagnostics.md (regenerate it with tools/gen_diagnostics_doc.py)."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
kinds = re.findall(r'^DIAG\((\w+), "(\w+)"', (root / "compiler/diag/diagnostic_kinds.def").read_text(), re.M)
seen = set()
for expected in (root / "tests/diagnostics").rglob("*.expected"):
    seen.update(re.findall(r"\[([EW]\d{4})\]", expected.read_text()))
documented = set(re.findall(r"^\| ([EW]\d{4}) \|", (root / "docs/diagnostics.md").read_text(), re.M))
missing = [f"{name} ({code})" for name, code in kinds if code not in seen]
for item in missing:
    print(f"no golden test shows {item}: add tests/diagnostics/<area>/<case>.baml and its .expected")
undocumented = [code for _, code in kinds if code not in documented]
for code in undocumented:
    print(f"docs/diagnostics.md does not list {code}: run python3 tools/gen_diagnostics_doc.py")
missing += undocumented
print(f"{len(kinds) - len(missing)} passed, {len(missing)} failed")
sys.exit(1 if missing else 0)
