#!/usr/bin/env python3
"""The incremental StreamParser against re-parsing every prefix (docs/parsing.md, "Streaming cost").

Every model output of tests/parse_golden is fed to a StreamParser in chunks of several sizes; after
each delta the value it emits (or not) must be exactly what parse_answer(text so far, partial)
gives, emitted when it parses and differs from the last one emitted, and finish() must equal the
whole parse. (baml_parse_probe --stream-diff does the comparing.)

    stream_golden_test.py BAMLC PROBE [--sizes 1,2,3,4,7,16,64] [--mutants N] [--seed S]
                          [--extra FILE.jsonl]

--mutants adds N texts made from the corpus's by random edits (characters that matter to the
parser inserted, deleted or doubled, fences and prose around, cut multi-byte characters), the same
N for a given --seed. --extra adds cases ({"project", "function", "text"} a line). Exit 0 when
every stream matches, 1 otherwise.
"""
import argparse
import collections
import json
import os
import random
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
GOLDEN = os.path.join(HERE, "..", "..", "tests", "parse_golden")


PIECES = ["{", "}", "[", "]", '"', "'", "`", "```", "```json\n", "\n```\n", ",", ", ", ":", " ", "\n", "\\",
          "\\u00e9", "\\ud83d", "//", "/*", "*/", "#", "null", "true", "1", "-2.5e3", "x", "é", "\u2603", "\ufffd",
          '"""', "\t", "\r\n", "Sure! ", "{\"a\": ", "[1, ", "\x00"]


def mutate(text, rng):
    """One random variation of a text: a few edits among those that change how it is read."""
    t = text
    for _ in range(rng.randint(1, 4)):
        op = rng.random()
        i = rng.randint(0, len(t))
        if op < 0.35:
            t = t[:i] + rng.choice(PIECES) + t[i:]
        elif op < 0.6 and t:
            j = min(len(t), i + rng.randint(1, 3))
            t = t[:i] + t[j:]
        elif op < 0.7 and t:
            j = min(len(t), i + rng.randint(1, 12))
            t = t[:j] + t[i:j] + t[j:]
        elif op < 0.8:
            t = rng.choice(["Here it is:\n```json\n", "```\n", "Answer: ", "  \n", "[note] ", "\"", "{\"x\": 1}\n"]) + t
        elif op < 0.9:
            t = t + rng.choice(["\n```", "\n```\nDone.", " ok", "}", "]", "\n\n", "```\n{\"y\": 2}", ",", "\""])
        else:
            t = t[:i]
    return t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bamlc")
    ap.add_argument("probe")
    ap.add_argument("--sizes", default="1,2,3,4,7,16,64")
    ap.add_argument("--extra", action="append", default=[])
    ap.add_argument("--mutants", type=int, default=0)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    by_project = collections.defaultdict(list)
    for path in [os.path.join(GOLDEN, "cases.jsonl")] + a.extra:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    c = json.loads(line)
                    by_project[c["project"]].append(c)
    rng = random.Random(a.seed)
    originals = [c for cases in by_project.values() for c in cases]
    for k in range(a.mutants):
        c = rng.choice(originals)
        by_project[c["project"]].append({"id": f"{c.get('id', c['function'])}~{k}", "project": c["project"],
                                         "function": c["function"], "text": mutate(c["text"], rng)})
    failed = 0
    total = 0
    with tempfile.TemporaryDirectory() as tmp:
        for project, cases in sorted(by_project.items()):
            ir = os.path.join(tmp, project + ".json")
            src = os.path.join(GOLDEN, "projects", project, "baml_src")
            subprocess.run([a.bamlc, "build", "--from", src, "--emit-ir", ir], check=True, capture_output=True)
            lines = "".join(json.dumps({"id": c.get("id", c["function"]), "function": c["function"], "text": c["text"]},
                                       ensure_ascii=False) + "\n" for c in cases)
            r = subprocess.run([a.probe, ir, "--stream-diff", a.sizes], input=lines.encode(), capture_output=True)
            out = r.stdout.decode(errors="replace").splitlines()
            summary = out[-1] if out else ""
            print(f"{project}: {summary}")
            for line in out[:-1][:20]:
                print("  " + line)
            if r.returncode != 0:
                failed += 1
                if r.stderr:
                    print(r.stderr.decode(errors="replace")[-2000:])
            total += len(cases)
    print(f"{total} texts; {'all streams match' if not failed else f'{failed} projects with differences'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
