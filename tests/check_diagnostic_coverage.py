#!/usr/bin/env python3
"""Fails when a diagnostic kind registered in compiler/diag/diagnostic_kinds.def has no golden
test: some `.expected` file under tests/diagnostics/ must show its code, e.g. `[E0201]`."""
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
kinds = re.findall(r'^DIAG\((\w+), "(\w+)"', (root / "compiler/diag/diagnostic_kinds.def").read_text(), re.M)
seen = set()
for expected in (root / "tests/diagnostics").rglob("*.expected"):
    seen.update(re.findall(r"\[([EW]\d{4})\]", expected.read_text()))
missing = [f"{name} ({code})" for name, code in kinds if code not in seen]
for item in missing:
    print(f"no golden test shows {item}: add tests/diagnostics/<area>/<case>.baml and its .expected")
print(f"{len(kinds) - len(missing)} passed, {len(missing)} failed")
sys.exit(1 if missing else 0)
