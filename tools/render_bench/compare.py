#!/usr/bin/env python3
"""Rendering speed, bamlc beside BAML 0.226.2, in the same run on the same machine
(docs/performance.md, "Rendering a function's request").

For each standard case of tests/render_golden/projects/bench (a resume extraction with a 10 KB
argument; a 200-field nested schema in ctx.output_format) it times
  * bamlc: tools/render_bench (baml::render_requests_json in process, the IR loaded once), and
  * BAML: tools/baml_oracle/bench_render.js (runtime.buildRequestSync, the runtime made once),
each as the median of several runs, and prints the ratio.

    compare.py BUILD_DIR [--rounds 3]

Needs node and @boundaryml/baml 0.226.2 (BAML_ORACLE_DIR, default /work/oracle).
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BENCH = os.path.join(ROOT, "tests", "render_golden", "projects", "bench", "baml_src")
CASES = os.path.join(ROOT, "tests", "render_golden", "cases.jsonl")
NAMES = {"ExtractResume": "resume_10kb", "BigSchema": "schema_200_fields"}


def main():
    build = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, "build"))
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 3
    bamlc = os.path.join(build, "cli", "bamlc")
    bench = os.path.join(build, "tools", "render_bench", "render_bench")
    cases = {}
    with open(CASES) as f:
        for line in f:
            c = json.loads(line)
            if c["project"] == "bench":
                cases[c["function"]] = c["args"]
    with tempfile.TemporaryDirectory() as tmp:
        ir = os.path.join(tmp, "ir.json")
        subprocess.run([bamlc, "build", "--from", BENCH, "--emit-ir", ir], check=True, capture_output=True)
        env = dict(os.environ, OPENAI_API_KEY="sk-bench", ANTHROPIC_API_KEY="sk-bench")
        for function, args in cases.items():
            args_path = os.path.join(tmp, function + ".json")
            with open(args_path, "w") as f:
                json.dump(args, f)
            ours, theirs = [], []
            for _ in range(rounds):
                out = subprocess.run([bench, ir, function, args_path, "--iterations", "2000", "--runs", "5"],
                                     check=True, capture_output=True, text=True, env=env).stdout
                ours.append(json.loads(out)["median_us"])
                out = subprocess.run(["node", os.path.join(ROOT, "tools", "baml_oracle", "bench_render.js"),
                                      "--runs", "300", "--warmup", "30", BENCH, function, json.dumps(args)],
                                     check=True, capture_output=True, text=True, env=env).stdout
                theirs.append(json.loads(out.splitlines()[-1])["median_us"])
            o, t = statistics.median(ours), statistics.median(theirs)
            print(json.dumps({"case": NAMES.get(function, function), "bamlc_us": round(o, 2), "baml_us": round(t, 1),
                              "ratio": round(t / o, 1), "rounds": rounds}))


if __name__ == "__main__":
    main()
