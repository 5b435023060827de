#!/usr/bin/env python3
"""Differential test against the real BAML 0.226.2 on answers it has never seen: the whole answers
of cases.jsonl, each mutated a few ways (a character deleted or inserted, the text cut, quotes
changed or dropped, a span doubled, prose or fences added, commas added or dropped, Python words,
the whole text doubled or recased), parsed whole or as partials, by the oracle and by bamlc.

    mutants.py --bamlc build/cli/bamlc [--seed S] [--per-case N] [--out DIR] [-j J]

Writes DIR/cases.jsonl (the mutants), DIR/expected.jsonl (BAML's answers, regenerate.py) and
DIR/report.json (compare.py's), prints compare.py's summary and the failing cases (text, BAML's
value, the first difference). Needs the oracle (`npm install @boundaryml/baml@0.226.2` in
/work/oracle, or BAML_ORACLE_DIR). The same seed gives the same mutants for the same cases.jsonl.
Exit 0 always: the mismatches are findings to read, not a gate (the corpus is the gate).
"""
import argparse
import json
import os
import random
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

PIECES = list(',:{}[]"\'\n `#/*') + ["  ", "null", "true", "None", "True", "\\", "```", "```json\n", "...",
                                     "Here is the JSON:", "//x\n"]


def mutate(t, rng):
    k = rng.randrange(12)
    if not t:
        return rng.choice(PIECES)
    p = rng.randrange(len(t) + 1)
    if k == 0:
        return t[:p] + t[p + 1:]
    if k == 1:
        return t[:p] + rng.choice(PIECES) + t[p:]
    if k == 2:
        return t[:p]
    if k == 3:
        return t.replace('"', "'") if rng.random() < .5 else t.replace('"', "", rng.randrange(1, 6))
    if k == 4:
        q = rng.randrange(len(t) + 1)
        a, b = min(p, q), max(p, q)
        return t[:b] + t[a:b] + t[b:]
    if k == 5:
        return (rng.choice(["Sure! ", "Answer:\n", "I think\n", ""]) + t +
                rng.choice(["\nHope this helps.", " done", "\n```", ""]))
    if k == 6:
        return "```json\n" + t + rng.choice(["\n```", "", "\n```\nmore text"])
    if k == 7:
        return t.replace("}", ",}", 1).replace("]", ",]", 1)
    if k == 8:
        return t.replace("true", "True").replace("null", "None").replace("false", "False")
    if k == 9:
        return t + "\n" + t
    if k == 10:
        return t.upper() if rng.random() < .3 else t.lower()
    return t[:p] + t[p:].replace(",", "", 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bamlc", required=True)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--per-case", type=int, default=3)
    ap.add_argument("--out", default="/tmp/parse_mutants")
    ap.add_argument("-j", "--jobs", type=int, default=2)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    with open(os.path.join(HERE, "cases.jsonl"), encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    os.makedirs(a.out, exist_ok=True)
    cases_path = os.path.join(a.out, "cases.jsonl")
    with open(cases_path, "w", encoding="utf-8") as f:
        n = 0
        for c in cases:
            if c["partial"] or len(c["text"]) >= 3000:
                continue
            for i in range(a.per_case):
                t = c["text"]
                for _ in range(rng.choice([1, 1, 2, 3])):
                    t = mutate(t, rng)
                m = dict(c, text=t, partial=rng.random() < 0.25, id=f"{c['id']}~m{a.seed}.{i}")
                f.write(json.dumps(m) + "\n")
                n += 1
    expected = os.path.join(a.out, "expected.jsonl")
    report = os.path.join(a.out, "report.json")
    subprocess.run([sys.executable, os.path.join(HERE, "regenerate.py"), "--cases", cases_path, "--out", expected],
                   check=True)
    subprocess.run([sys.executable, os.path.join(HERE, "compare.py"), "--bamlc", a.bamlc, "--expected", expected,
                    "--known-differences", "", "--report", report, "-j", str(a.jobs)],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(expected, encoding="utf-8") as f:
        by_id = {d["id"]: d for d in map(json.loads, f)}
    with open(report, encoding="utf-8") as f:
        r = json.load(f)
    for res in r["results"]:
        if res["passed"]:
            continue
        e = by_id[res["id"]]
        print(f"===== {res['id']}{' (partial)' if e['partial'] else ''}: {'; '.join(res['diffs'])[:300]}")
        print("  text:", json.dumps(e["text"])[:400])
        print("  BAML:", json.dumps(e["value"] if e["ok"] else e["error"])[:300])
    print(f"mutants.py: seed {a.seed}: {r['passed']} of {n} mutants as BAML parses them, {r['failed']} differ")


if __name__ == "__main__":
    main()
