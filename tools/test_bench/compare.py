#!/usr/bin/env python3
"""The test runner's speed, bamlc beside baml-cli 0.226.2, in the same run on the same machine
(docs/performance.md, "bamlc test").

Writes a project with one function and N test blocks (each with an @@assert on the answer) whose
client is the mock LLM server (tools/mock_llm_server, openai-generic, answers at once), then times
  * `bamlc test --parallel P` and
  * `baml-cli test --parallel P` (npx, @boundaryml/baml 0.226.2),
each the median of several runs of the whole command, and reports the ratio and bamlc's time per
test beyond the mock's own time (wall time / N with the calls overlapping).

    compare.py BUILD_DIR [--tests 1000] [--parallel 50] [--rounds 3] [--no-baml]

Needs node and @boundaryml/baml 0.226.2 (BAML_ORACLE_DIR, default /work/oracle) unless --no-baml.
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tests", "e2e"))
from mock_server import MockServer  # noqa: E402


def project(n):
    out = ['client<llm> Mock {\n  provider openai-generic\n  options {\n    base_url env.BAML_MOCK_BASE_URL\n'
           '    model "mock-model"\n  }\n}\n\n'
           'function Echo(text: string) -> string {\n  client Mock\n  prompt #"\n    Say: {{ text }}\n  "#\n}\n']
    for i in range(n):
        out.append(f'\ntest T{i} {{\n  functions [Echo]\n  args {{\n    text "[mock:reply=hello {i}] item {i}"\n  }}\n'
                   f'  @@assert(says_hello, {{{{ "hello" in this }}}})\n}}\n')
    return "".join(out)


def timed(cmd, env, cwd=None):
    start = time.monotonic()
    p = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=3600)
    return time.monotonic() - start, p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("build", nargs="?", default=os.path.join(ROOT, "build"))
    ap.add_argument("--tests", type=int, default=1000)
    ap.add_argument("--parallel", type=int, default=50)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--no-baml", action="store_true")
    a = ap.parse_args()
    build = os.path.abspath(a.build)
    bamlc = os.path.join(build, "cli", "bamlc")
    oracle = os.environ.get("BAML_ORACLE_DIR", "/work/oracle")
    with tempfile.TemporaryDirectory() as tmp, MockServer(os.path.join(build, "tools", "mock_llm_server",
                                                                       "mock_llm_server")) as mock:
        src = os.path.join(tmp, "baml_src")
        os.makedirs(src)
        with open(os.path.join(src, "tests.baml"), "w") as f:
            f.write(project(a.tests))
        env = dict(os.environ, BAML_MOCK_BASE_URL=mock.base_url)
        ours, theirs = [], []
        for _ in range(a.rounds):
            t, p = timed([bamlc, "test", "--from", src, "--parallel", str(a.parallel)], env)
            if p.returncode != 0:
                sys.exit(f"bamlc test exited {p.returncode}: {p.stdout[-2000:]}{p.stderr[-2000:]}")
            ours.append(t)
            if not a.no_baml:
                t, p = timed([os.path.join(oracle, "node_modules", ".bin", "baml-cli"), "test", "--from", src,
                              "--parallel", str(a.parallel)], env, cwd=tmp)
                if p.returncode != 0:
                    sys.exit(f"baml-cli test exited {p.returncode}: {p.stdout[-2000:]}{p.stderr[-2000:]}")
                theirs.append(t)
        row = {"tests": a.tests, "parallel": a.parallel, "rounds": a.rounds,
               "bamlc_s": round(statistics.median(ours), 3),
               "bamlc_ms_per_test": round(1000 * statistics.median(ours) / a.tests, 3)}
        if theirs:
            row["baml_cli_s"] = round(statistics.median(theirs), 3)
            row["ratio"] = round(statistics.median(theirs) / statistics.median(ours), 1)
        print(json.dumps(row))


if __name__ == "__main__":
    main()
