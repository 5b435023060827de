#!/usr/bin/env python3
"""The same project written in BAML's `_ms` spellings and in bamlc's durations must both check
clean and lower to identical clients and retry policies in the IR.

    spellings_agree_test.py BAMLC IR_TEST_DIR
"""
import json
import os
import subprocess
import sys

bamlc, root = sys.argv[1], sys.argv[2]


def ir_of(project):
    proc = subprocess.run([bamlc, "build", "--emit-ir", "-", "--from", os.path.join(root, project)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "error[" not in proc.stderr and "warning[" not in proc.stderr, proc.stderr
    return json.loads(proc.stdout)


ms, durations = ir_of("ms_spelling"), ir_of("duration_spelling")
failures = []
for key in ("clients", "retry_policies"):
    if ms[key] != durations[key]:
        failures.append(f"{key} differ:\n{json.dumps(ms[key], indent=1)}\n--- vs ---\n{json.dumps(durations[key], indent=1)}")
limits = {c["name"]: c["limits"] for c in ms["clients"]}
if limits["Backup"]["request_ms"] is not None or limits["Primary"]["request_ms"] != 120000:
    failures.append(f"unexpected limits: {limits}")
for f in failures:
    print(f)
print(f"{2 - min(len(failures), 2)} passed, {min(len(failures), 2)} failed")
sys.exit(1 if failures else 0)
