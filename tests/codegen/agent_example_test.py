#!/usr/bin/env python3
"""examples/agent/cpp end to end (docs/generated-api.md, "A walk-through: examples/agent/cpp"): the
example is configured against this build tree's CMake package, built with Ninja, and run against
the mock LLM server; it must extract the resume, stream the score in several partial values, fall
back to MockReply and report MockAskSlow's time-to-first-token limit as a TimeoutError.

    agent_example_test.py BUILD_DIR MOCK_SERVER REPO_ROOT NINJA
"""
import os
import pathlib
import subprocess
import sys
import tempfile

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / "e2e"))
from mock_server import MockServer  # noqa: E402

BUILD, MOCK, ROOT, NINJA = pathlib.Path(sys.argv[1]), sys.argv[2], pathlib.Path(sys.argv[3]), sys.argv[4]
failures = []


def check(ok, what, detail=""):
    print(("ok   " if ok else "FAIL ") + what, flush=True)
    if not ok:
        if detail:
            print(detail)
        failures.append(what)
    return ok


def run(*cmd, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, **kw)


with tempfile.TemporaryDirectory() as tmp:
    out = pathlib.Path(tmp) / "agent-cpp"
    p = run("cmake", "-G", "Ninja", f"-DCMAKE_MAKE_PROGRAM={NINJA}", "-S", ROOT / "examples/agent/cpp", "-B", out,
            f"-Dbamlc_DIR={BUILD}")
    if check(p.returncode == 0, "find_package(bamlc) configures examples/agent/cpp", p.stdout[-3000:] + p.stderr[-3000:]):
        p = run(NINJA, "-C", out, "-j2")
        if check(p.returncode == 0, "the example builds", p.stdout[-4000:] + p.stderr[-2000:]):
            with MockServer(MOCK) as mock:
                r = run(out / "agent", env=dict(os.environ, BAML_MOCK_BASE_URL=mock.base_url), timeout=60)
            print(r.stdout + r.stderr)
            lines = r.stdout.splitlines()
            partials = [line for line in lines if line.strip().startswith("partial:")]
            check(r.returncode == 0, "the example exits 0")
            check(any(line.startswith("1. resume: Grace Hopper (Staff)") for line in lines), "1. the resume is extracted")
            check(len(partials) >= 3 and len(set(partials)) == len(partials), "2. the score streams in distinct partial values")
            check("  final: 87, interview, gaps [No cloud experience]" in lines, "2. then the final value")
            check("  answered by MockReply" in lines and sum("TimeoutError" in line for line in lines if "MockChain" in line) == 2,
                  "3. the fallback passes two timeouts and MockReply answers")
            check(any(line.startswith("4. TimeoutError: time_to_first_token_timeout 1000ms fired after")
                      and line.endswith("on MockSlowFirstToken") for line in lines),
                  "4. MockAskSlow's time-to-first-token limit is a TimeoutError")

print(f"{len(failures)} failures")
sys.exit(1 if failures else 0)
