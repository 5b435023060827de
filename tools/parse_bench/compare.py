#!/usr/bin/env python3
"""Parsing speed, bamlc beside BAML 0.226.2, in the same run on the same machine
(docs/performance.md, "Parsing a model's answer").

Generates the answers of tools/parse_bench/baml_src (ParseItems -> Item[]) at several sizes, in
two forms: clean JSON, and malformed the way models write it (prose around a ```json fence,
unquoted keys, single-quoted strings, an enum by its alias, a trailing comma, an unclosed fence).
For each it times
  * bamlc: tools/parse_bench (baml::parse_function_answer in process; --delta 4 also streams it), and
  * BAML: tools/baml_oracle/bench_parse.js (runtime.parseLlmResponse, the runtime made once),
each as the median of several runs, and prints one JSON line per case with the ratio.

    compare.py BUILD_DIR [--rounds 3] [--max-baml-kb 128] [--sizes 1,10,100,1000]

BAML is superlinear on malformed text; sizes above --max-baml-kb are timed for bamlc only.
Needs node and @boundaryml/baml 0.226.2 (BAML_ORACLE_DIR, default /work/oracle).
"""
import argparse
import json
import os
import statistics
import subprocess
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
PROJECT = os.path.join(ROOT, "tools", "parse_bench", "baml_src")
# The levels as the prompt shows them (SENIOR is rendered by its alias): what a model that follows
# the output format writes, so that every item of the clean answer fits the type.
LEVELS = ["JUNIOR", "Senior Engineer", "STAFF"]


def item(i):
    return {"id": i, "name": f"Candidate number {i} of the shortlist", "level": LEVELS[i % 3],
            "score": round(i * 0.37 % 10, 2), "tags": ["compilers", "distributed systems", f"team {i % 7}"],
            "note": None if i % 2 else f"Strong on item {i}; follow up about the notice period."}


def clean(n):
    return json.dumps([item(i) for i in range(n)])


def malformed_item(i):
    it = item(i)
    tags = ", ".join(f"'{t}'" for t in it["tags"])
    level = it["level"]
    note = "null" if it["note"] is None else json.dumps(it["note"])
    return (f'  {{id: {it["id"]}, name: "{it["name"]}", level: {level}, score: {it["score"]},\n'
            f'   tags: [{tags},], note: {note},}}')


def malformed(n):
    body = ",\n".join(malformed_item(i) for i in range(n))
    return f"Sure! Here are the candidates I found:\n\n```json\n[\n{body},\n]\n```\nLet me know if you need more."


def sized(make, kb):
    n = 1
    while len(make(n)) < kb * 1024:
        n = max(n + 1, int(n * kb * 1024 / max(1, len(make(n)))))
    return make(n)


def run_json(cmd):
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.splitlines()[-1])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--max-baml-kb", type=int, default=128)
    ap.add_argument("--sizes", default="1,10,100,1000")
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    bamlc = os.path.join(build, "cli", "bamlc")
    bench = os.path.join(build, "tools", "parse_bench", "parse_bench")
    node = os.path.join(ROOT, "tools", "baml_oracle", "bench_parse.js")
    with tempfile.TemporaryDirectory() as tmp:
        ir = os.path.join(tmp, "ir.json")
        subprocess.run([bamlc, "build", "--from", PROJECT, "--emit-ir", ir], check=True, capture_output=True)
        for form, make in (("clean", clean), ("malformed", malformed)):
            for kb in (int(s) for s in a.sizes.split(",")):
                path = os.path.join(tmp, f"{form}_{kb}.txt")
                with open(path, "w") as f:
                    f.write(sized(make, kb))
                stream = ["--delta", "4"] if kb == 100 else []
                ours = [run_json([bench, ir, "ParseItems", path, "--runs", "5"]) for _ in range(a.rounds)]
                row = {"case": f"{form}_{kb}kb", "bytes": ours[0]["bytes"],
                       "bamlc_us": round(statistics.median(o["whole_us"] for o in ours), 1),
                       "bamlc_mb_s": round(statistics.median(o["mb_per_s"] for o in ours), 1)}
                if stream:
                    # One streamed run: while streaming re-parses (docs/parsing.md), it takes a minute.
                    streamed = run_json([bench, ir, "ParseItems", path, "--runs", "1", *stream])
                    row["bamlc_stream_ratio"] = round(streamed["stream_us"] / row["bamlc_us"], 1)
                if kb <= a.max_baml_kb:
                    runs = "5" if kb <= 10 else "3"
                    theirs = [run_json(["node", node, PROJECT, "ParseItems", path, "--runs", runs,
                                        *(stream if r == 0 else [])]) for r in range(a.rounds)]
                    row["baml_us"] = round(statistics.median(t["whole_us"] for t in theirs), 1)
                    row["baml_mb_s"] = round(statistics.median(t["mb_per_s"] for t in theirs), 2)
                    row["ratio"] = round(row["baml_us"] / row["bamlc_us"], 1)
                    if stream:
                        row["baml_stream_ratio_est"] = round(theirs[0]["stream_ratio"], 0)
                print(json.dumps(row), flush=True)


if __name__ == "__main__":
    main()
