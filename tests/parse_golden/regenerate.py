#!/usr/bin/env python3
"""Regenerates expected.jsonl: asks the real BAML 0.226.2 (tools/baml_oracle/oracle.js, batch mode,
the native runtime's parseLlmResponse under b.parse.Fn / b.parseStream.Fn) what it parses out of
every case of cases.jsonl (written by make_cases.py).

    regenerate.py [--node NODE] [--oracle-dir DIR] [--check]

One output line per case, in the order of cases.jsonl, keys sorted:
    the case + {"ok": true, "value": V}        V is BAML's JSON form of the parsed value
    the case + {"ok": false, "error": "first line of BAML's message"}
A case that makes BAML abort the whole process (a Rust panic) is recorded as an error
("BAML panicked: ...", "crashed": true) and the batch resumes after it.

The oracle runs in a clean environment (PATH/HOME/LANG only: parsing needs no key) from this
folder, with project directories relative to it, so the output does not depend on where the
repository is checked out. The output is deterministic: --check regenerates into memory and exits 1
if expected.jsonl would change.

BAML comes from /work/oracle (`npm install @boundaryml/baml@0.226.2`) or BAML_ORACLE_DIR.
"""
import argparse
import json
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ORACLE = os.path.join(REPO, "tools", "baml_oracle", "oracle.js")
CASE_KEYS = ("id", "project", "function", "text", "partial")


def load_cases(path):
    cases, ids = [], set()
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            c = json.loads(line)
            missing = [k for k in CASE_KEYS if k not in c]
            if missing:
                sys.exit(f"cases.jsonl:{n}: missing {missing}")
            if c["id"] in ids:
                sys.exit(f"cases.jsonl:{n}: duplicate id {c['id']}")
            if not os.path.isdir(os.path.join(HERE, "projects", c["project"], "baml_src")):
                sys.exit(f"cases.jsonl:{n}: no project {c['project']}")
            ids.add(c["id"])
            cases.append(c)
    return cases


def oracle_env(oracle_dir):
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "NODE_PATH") if k in os.environ}
    env["RUST_BACKTRACE"] = "0"
    env["BAML_LOG"] = "off"
    env["NO_COLOR"] = "1"
    if oracle_dir:
        env["BAML_ORACLE_DIR"] = oracle_dir
    return env


def _sorted_matches(m):
    items = re.findall(r"[^,]+? \(\d+ times\)", m.group(1))
    return "Got: " + ", ".join(sorted(i.strip() for i in items))


def short_error(msg):
    """The first meaningful line of BAML's message (the rest is a backtrace), at most 400 chars.
    BAML lists the candidates of an ambiguous enum match ("Too many matches for E. Got: A (1 times),
    B (1 times)") in hash-map order, which changes from run to run: they are sorted here."""
    for line in msg.splitlines():
        line = line.strip()
        if line:
            line = re.sub(r"Got: ((?:[^,\"]+? \(\d+ times\)(?:, )?)+)", _sorted_matches, line)
            return line[:400]
    return msg[:400]


def panic_message(stderr):
    m = re.search(r"panicked at ([^\n]*):\n([^\n]*)", stderr)
    if m:
        return f"BAML panicked: {m.group(2).strip()} (at {m.group(1).strip()})"
    return "BAML aborted: " + short_error(stderr or "no message")


def run_oracle(cases, node, env):
    """Runs the cases through the oracle; resumes after a case that kills the process."""
    results = []
    while len(results) < len(cases):
        todo = cases[len(results):]
        stdin = "".join(json.dumps({"dir": os.path.join("projects", c["project"], "baml_src"),
                                    "function": c["function"], "parse": c["text"],
                                    "partial": bool(c["partial"])}) + "\n" for c in todo)
        p = subprocess.run([node, ORACLE, "batch"], input=stdin, capture_output=True, text=True,
                           cwd=HERE, env=env, timeout=1200)
        lines = [l for l in p.stdout.splitlines() if l.strip()]
        results.extend(json.loads(l) for l in lines)
        if len(lines) < len(todo):
            if p.returncode == 0:
                sys.exit(f"oracle printed {len(lines)} of {len(todo)} answers and exited 0:\n{p.stderr}")
            results.append({"ok": False, "error": panic_message(p.stderr), "crashed": True})
    return results


def normalize(case, r):
    out = {k: case[k] for k in CASE_KEYS}
    out["ok"] = bool(r["ok"])
    if not r["ok"]:
        out["error"] = r["error"] if r.get("crashed") else short_error(r["error"])
        if r.get("crashed"):
            out["crashed"] = True
        return out
    out["value"] = r["value"]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--node", default="node")
    ap.add_argument("--oracle-dir", default=os.environ.get("BAML_ORACLE_DIR", "/work/oracle"))
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.jsonl"))
    ap.add_argument("--out", default=os.path.join(HERE, "expected.jsonl"))
    ap.add_argument("--check", action="store_true", help="exit 1 if the output would change")
    a = ap.parse_args()
    cases = load_cases(a.cases)
    results = run_oracle(cases, a.node, oracle_env(a.oracle_dir))
    text = "".join(json.dumps(normalize(c, r), sort_keys=True, ensure_ascii=False) + "\n"
                   for c, r in zip(cases, results))
    if a.check:
        old = open(a.out, encoding="utf-8").read() if os.path.exists(a.out) else ""
        if old != text:
            print(f"{a.out} is out of date: run regenerate.py")
            return 1
        print(f"{a.out} is up to date ({len(cases)} cases)")
        return 0
    with open(a.out, "w", encoding="utf-8") as fh:
        fh.write(text)
    ok = sum(1 for r in results if r["ok"])
    crashed = sum(1 for r in results if r.get("crashed"))
    print(f"wrote {a.out}: {len(cases)} cases, {ok} values, {len(cases) - ok} errors"
          + (f" ({crashed} crashed BAML)" if crashed else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
