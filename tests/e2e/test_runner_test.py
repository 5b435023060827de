#!/usr/bin/env python3
"""End to end: `bamlc test` runs a project's test blocks against the mock LLM server and reports
them as TESTING.md says: each outcome, each exit code, filters, --list, --shard, --parallel order,
--repeat (flaky), --client, --timeout, dotenv, Ctrl-C (SIGINT sent by this script), and every JUnit
file validated with xmllint against tests/junit/junit.xsd. The example agent's mock tests run
green.

    test_runner_test.py BAMLC MOCK_SERVER REPO_ROOT
"""
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import xml.etree.ElementTree as ET

from cases import Cases
from mock_server import MockServer

BAMLC, MOCK, ROOT = (os.path.abspath(p) for p in sys.argv[1:4])
PROJECT = os.path.join(ROOT, "tests", "e2e", "projects", "tests_runner", "baml_src")
DOTENV = os.path.join(ROOT, "tests", "e2e", "projects", "tests_runner", "dotenv.env")
AGENT = os.path.join(ROOT, "examples", "agent", "baml_src")
XSD = os.path.join(ROOT, "tests", "junit", "junit.xsd")
WORK = tempfile.mkdtemp(prefix="bamlc_test_runner_")
LINE = re.compile(r"^(PASSED|FAILED|ERROR|NEEDS EVAL) +(\d+\.\d\d)s  (\S+::\S+)  (\S+:\d+)")
SUMMARY = re.compile(r"^(\d+) tests?: (\d+) passed, (\d+) failed, (\d+) errors?, (\d+) needs eval")

cases = Cases()
case = cases.case


def validate(path):
    p = subprocess.run(["xmllint", "--noout", "--schema", XSD, path], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return ET.parse(path).getroot()


def results(stdout):
    """{id: outcome} and the ids in printed order."""
    order, out = [], {}
    for line in stdout.splitlines():
        m = LINE.match(line)
        if m:
            order.append(m.group(3))
            out[m.group(3)] = m.group(1)
    return out, order


with MockServer(MOCK) as mock:
    ENV = dict(os.environ, BAML_MOCK_BASE_URL=mock.base_url, NO_COLOR="1")
    ENV.pop("TEST_RUNNER_QUESTION", None)

    def reset():
        urllib.request.urlopen(urllib.request.Request(f"http://127.0.0.1:{mock.port}/_mock/reset", method="POST"),
                               timeout=5).read()

    def bamlc_test(*flags, project=PROJECT, timeout=60, cwd=WORK):
        p = subprocess.run([BAMLC, "test", "--from", project, *flags], capture_output=True, text=True,
                           timeout=timeout, env=ENV, cwd=cwd)
        assert "terminate called" not in p.stderr and "internal error" not in p.stderr, p.stderr[-2000:]
        return p

    @case("every outcome, with its details; exit 2; the summary line last; JUnit valid")
    def _():
        junit = os.path.join(WORK, "all.xml")
        p = bamlc_test("-x", "::Hangs", "-x", "::SlowAnswer", "-x", "::FlakyOnce", "-x", "::ClientProbe",
                       "--dotenv-path", DOTENV, "--junit", junit)
        assert p.returncode == 2, (p.returncode, p.stdout, p.stderr)
        got, _ = results(p.stdout)
        assert got == {"Ask::BothFunctions": "PASSED", "AskAgain::BothFunctions": "PASSED",
                       "Ask::FromEnvironment": "PASSED", "Ask::Passes": "PASSED",
                       "ExtractPerson::PersonPasses": "PASSED", "Ask::FailsAssert": "FAILED",
                       "Ask::NeedsEval": "NEEDS EVAL", "ExtractPerson::FailsToParse": "FAILED",
                       "Ask::ServerError": "ERROR"}, got
        assert "assert `says_hello` failed: this == \"hello\"" in p.stdout and 'where this = "goodbye"' in p.stdout
        assert "check `long_enough` failed" in p.stdout and "where this|length = 5" in p.stdout
        assert "ValidationError" in p.stdout and "can't find that information" in p.stdout, p.stdout
        assert "HttpError" in p.stdout and "kind: http" in p.stdout and "attempt 1 of 1" in p.stdout
        assert re.search(r"outcomes\.baml:3$", [l for l in p.stdout.splitlines() if "Ask::Passes" in l][0])
        last = p.stdout.strip().splitlines()[-1]
        m = SUMMARY.match(last)
        assert m and m.groups() == ("9", "5", "2", "1", "1"), last
        root = validate(junit)
        assert root.tag == "testsuites" and root.get("name") == "bamlc"
        assert (root.get("tests"), root.get("failures"), root.get("errors"), root.get("skipped")) == ("9", "2", "1", "1")
        cases_ = {(c.get("classname"), c.get("name")): c for c in root.iter("testcase")}
        assert ("baml.Ask", "BothFunctions") in cases_ and ("baml.AskAgain", "BothFunctions") in cases_
        failure = cases_[("baml.Ask", "FailsAssert")].find("failure")
        assert failure.get("type") == "AssertionFailed" and "\n" not in failure.get("message")
        assert "where this = \"goodbye\"" in failure.text, failure.text
        assert cases_[("baml.Ask", "NeedsEval")].find("skipped") is not None
        error = cases_[("baml.Ask", "ServerError")].find("error")
        assert error.get("type") == "HttpError" and "attempts:" in error.text, error.text
        ok = cases_[("baml.Ask", "Passes")]
        assert ok.get("file").endswith("tests_runner/baml_src/outcomes.baml") and ok.get("line") == "3", ok.attrib
        suites = [s.get("name") for s in root.iter("testsuite")]
        assert len(suites) == len(set(suites)), suites

    @case("exit 0 when all pass; NEEDS EVAL passes unless --require-human-eval (then 1)")
    def _():
        p = bamlc_test("-i", "::Passes", "-i", "::PersonPasses")
        assert p.returncode == 0, p.stdout + p.stderr
        assert SUMMARY.match(p.stdout.strip().splitlines()[-1]).group(2) == "2"
        p = bamlc_test("-i", "::Passes", "-i", "::NeedsEval")
        assert p.returncode == 0, p.stdout
        p = bamlc_test("-i", "::Passes", "-i", "::NeedsEval", "--require-human-eval")
        assert p.returncode == 1, p.stdout
        p = bamlc_test("-i", "::NeedsEval", "--require-human-eval", "--no-require-human-eval")
        assert p.returncode == 0, p.stdout

    @case("exit 5 when nothing is selected, 0 with --pass-if-no-tests")
    def _():
        p = bamlc_test("-i", "Nope::")
        assert p.returncode == 5 and "no tests selected" in p.stderr, (p.returncode, p.stderr)
        assert bamlc_test("-i", "Nope::", "--pass-if-no-tests").returncode == 0

    @case("exit 4: a bad flag, a bad --timeout, --shard, an unknown client, a missing dir, a project that does not check")
    def _():
        for flags in (["--bogus"], ["--timeout", "soon"], ["--shard", "3/2"], ["--parallel", "x"],
                      ["--client", "NoSuchClient"], ["--format", "xml"]):
            p = bamlc_test(*flags)
            assert p.returncode == 4, (flags, p.returncode, p.stderr)
        assert bamlc_test(project=os.path.join(WORK, "missing")).returncode == 4
        broken = os.path.join(WORK, "broken")
        os.makedirs(broken, exist_ok=True)
        with open(os.path.join(broken, "x.baml"), "w") as f:
            f.write("function F( -> string {\n")
        p = bamlc_test(project=broken)
        assert p.returncode == 4 and "error" in p.stderr and "Traceback" not in p.stderr, (p.returncode, p.stderr)

    @case("filters: Fn::Test, Fn::, ::Test, bare names, wildcards; exclude wins; --list")
    def _():
        def listed(*flags):
            p = bamlc_test("--list", *flags)
            assert p.returncode == 0, p.stderr
            return [l.split()[0] for l in p.stdout.splitlines()]
        everything = listed()
        assert len(everything) == 13 and everything[0] == "Ask::BothFunctions", everything
        assert listed("-i", "AskAgain::") == ["AskAgain::BothFunctions"]
        assert listed("-i", "::BothFunctions") == ["Ask::BothFunctions", "AskAgain::BothFunctions"]
        assert listed("-i", "Ask::BothFunctions") == ["Ask::BothFunctions"]
        assert listed("-i", "ExtractPerson") == ["ExtractPerson::PersonPasses", "ExtractPerson::FailsToParse"]
        assert listed("-i", "::Fails*") == ["Ask::FailsAssert", "ExtractPerson::FailsToParse"]
        assert listed("-i", "::Fails*", "-x", "ExtractPerson::") == ["Ask::FailsAssert"]
        p = bamlc_test("--list", "-x", "*")
        assert p.returncode == 5, p.returncode
        line = bamlc_test("--list", "-i", "::Passes").stdout.strip()
        assert re.fullmatch(r"Ask::Passes  \S*outcomes\.baml:3", line), line

    @case("tests of different functions may share a name; each keeps its own place")
    def _():
        shared = os.path.join(ROOT, "tests", "baml_valid", "test_values", "baml_src")
        p = bamlc_test("--list", "-i", "::SharedName", project=shared)
        assert p.returncode == 0, p.stderr
        lines = p.stdout.strip().splitlines()
        assert [l.split()[0] for l in lines] == ["SharedNameA::SharedName", "SharedNameB::SharedName"], lines
        assert lines[0].endswith("shared_test_names.baml:12") and lines[1].endswith("shared_test_names.baml:17"), lines

    @case("a test of functions with different parameters runs each with the arguments it takes")
    def _():
        project = os.path.join(WORK, "different_parameters")
        os.makedirs(project, exist_ok=True)
        with open(os.path.join(project, "main.baml"), "w") as f:
            f.write(open(os.path.join(PROJECT, "clients.baml")).read().split("class Person")[0] + """
function Short(text: string) -> string {
  client Mock
  prompt #"{{ text }}"#
}
function Limited(text: string, words: int?) -> string {
  client Mock
  prompt #"{{ text }} in {{ words }} words"#
}
test Both {
  functions [Short, Limited]
  args {
    text "[mock:reply=hello]"
    words 3
  }
  @@assert(echoes, {{ this == "hello" }})
}
""")
        check = subprocess.run([BAMLC, "check", "--from", project], capture_output=True, text=True, timeout=60)
        assert check.returncode == 0 and "W0811" in check.stderr and "`words` to `Short`" in check.stderr, check.stderr
        p = bamlc_test(project=project)
        got, _ = results(p.stdout)
        assert p.returncode == 0 and got == {"Short::Both": "PASSED", "Limited::Both": "PASSED"}, (p.stdout, p.stderr)

    @case("--shard K/N: every test in exactly one shard")
    def _():
        all_ids = [l.split()[0] for l in bamlc_test("--list").stdout.splitlines()]
        shards = [[l.split()[0] for l in bamlc_test("--list", "--shard", f"{k}/3").stdout.splitlines()] for k in (1, 2, 3)]
        assert sorted(sum(shards, [])) == sorted(all_ids), shards
        assert shards[0] == all_ids[0::3] and shards[1] == all_ids[1::3], shards

    @case("--parallel N: the output order is --parallel 1's, and calls overlap")
    def _():
        flags = ["-x", "::Hangs", "-x", "::FlakyOnce", "--dotenv-path", DOTENV]
        reset()
        one = bamlc_test("--parallel", "1", *flags)
        reset()
        many = bamlc_test("--parallel", "8", *flags)
        _, order_one = results(one.stdout)
        _, order_many = results(many.stdout)
        assert order_one == order_many and len(order_one) == 11, (order_one, order_many)
        # Three runs of a 1.5 s answer, all in flight at once: well under the 4.5 s one at a time
        # takes. The wall clock less what a run of one quick test takes (starting bamlc, loading
        # the project: seconds under the sanitizers on a loaded machine).
        base = time.monotonic()
        bamlc_test("-i", "::Passes")
        start = time.monotonic()
        p = bamlc_test("-i", "::SlowAnswer", "--repeat", "3", "--parallel", "3")
        took = (time.monotonic() - start) - (start - base)
        assert p.returncode == 0 and took < 3.0, (p.returncode, took)
        assert one.returncode == many.returncode == 2

    @case("--timeout: one budget per test; the call ends as a TimeoutError (ERROR)")
    def _():
        p = bamlc_test("-i", "::SlowAnswer", "--timeout", "300ms")
        assert p.returncode == 2, p.stdout
        assert results(p.stdout)[0] == {"Ask::SlowAnswer": "ERROR"} and "TimeoutError" in p.stdout, p.stdout
        # The test's own duration (the answer takes 1.5 s), not the process's start-up.
        took = float(LINE.match([l for l in p.stdout.splitlines() if "SlowAnswer" in l][0]).group(2))
        assert took < 1.0, took
        assert bamlc_test("-i", "::SlowAnswer", "--timeout", "10s").returncode == 0

    @case("--client NAME runs every test against another client")
    def _():
        assert bamlc_test("-i", "::ClientProbe").returncode == 2
        p = bamlc_test("-i", "::ClientProbe", "--client", "OtherMock")
        assert p.returncode == 0, p.stdout

    @case("--repeat N: a test whose runs disagree is reported flaky, in text, JSON and JUnit")
    def _():
        reset()
        junit = os.path.join(WORK, "flaky.xml")
        p = bamlc_test("-i", "::FlakyOnce", "-i", "::Passes", "--repeat", "3", "--junit", junit)
        assert p.returncode == 2, p.stdout
        flaky = [l for l in p.stdout.splitlines() if "FlakyOnce" in l][0]
        assert flaky.startswith("ERROR") and "flaky: 2 of 3 runs passed" in flaky, flaky
        assert "(3 runs)" in [l for l in p.stdout.splitlines() if "Ask::Passes" in l][0]
        assert ", 1 flaky" in p.stdout.strip().splitlines()[-1]
        root = validate(junit)
        error = [c for c in root.iter("testcase") if c.get("name") == "FlakyOnce"][0].find("error")
        assert error.get("message").startswith("flaky:"), error.attrib
        reset()
        p = bamlc_test("-i", "::FlakyOnce", "--repeat", "2", "--parallel", "1", "--format", "json")
        lines = [json.loads(l) for l in p.stdout.splitlines()]
        assert lines[0]["kind"] == "test" and lines[0]["flaky"] is True and lines[0]["passed_runs"] == 1, lines
        assert lines[-1]["kind"] == "summary" and lines[-1]["flaky"] == 1 and lines[-1]["exit_code"] == 2, lines

    @case("dotenv: --dotenv-path FILE, ./.env by default, --no-dotenv, the environment wins")
    def _():
        assert bamlc_test("-i", "::FromEnvironment").returncode == 2  # not set: a ConfigError
        assert bamlc_test("-i", "::FromEnvironment", "--dotenv-path", DOTENV).returncode == 0
        here = os.path.join(WORK, "with_env")
        os.makedirs(here, exist_ok=True)
        with open(os.path.join(here, ".env"), "w") as f:
            f.write("# comment\nTEST_RUNNER_QUESTION='[mock:reply=from dotenv]'\n")
        assert bamlc_test("-i", "::FromEnvironment", cwd=here).returncode == 0
        assert bamlc_test("-i", "::FromEnvironment", "--no-dotenv", cwd=here).returncode == 2
        ENV["TEST_RUNNER_QUESTION"] = "[mock:reply=from the environment]"
        try:
            assert bamlc_test("-i", "::FromEnvironment", cwd=here).returncode == 2  # the environment wins
        finally:
            del ENV["TEST_RUNNER_QUESTION"]
        assert bamlc_test("-i", "::FromEnvironment", "--dotenv-path", os.path.join(WORK, "nope.env")).returncode == 4

    @case("--format github: annotations for failures; --format json: one object a line")
    def _():
        p = bamlc_test("-i", "::FailsAssert", "-i", "::NeedsEval", "--format", "github")
        assert re.search(r"^::error file=\S+outcomes\.baml,line=22,title=Ask%3A%3AFailsAssert FAILED::", p.stdout, re.M), p.stdout
        assert re.search(r"^::warning file=.*title=Ask%3A%3ANeedsEval NEEDS EVAL::", p.stdout, re.M), p.stdout
        p = bamlc_test("-i", "::FailsAssert", "--format", "json")
        lines = [json.loads(l) for l in p.stdout.splitlines()]
        assert lines[0]["outcome"] == "failed" and lines[0]["type"] == "AssertionFailed" and lines[0]["line"] == 22
        assert lines[1] == {**lines[1], "kind": "summary", "failed": 1, "exit_code": 2}, lines[1]

    @case("-v shows the request (keys redacted) and the raw answer")
    def _():
        p = bamlc_test("-i", "::Passes", "-v")
        assert "request to Mock: POST" in p.stdout and "raw answer:" in p.stdout and "hello world" in p.stdout, p.stdout

    @case("Ctrl-C: calls in flight cancelled, the summary printed, the JUnit file written, exit 3")
    def _():
        reset()
        junit = os.path.join(WORK, "interrupted.xml")
        proc = subprocess.Popen([BAMLC, "test", "--from", PROJECT, "-i", "::Hangs", "-i", "::Passes", "-i", "::NeedsEval",
                                 "--parallel", "1", "--junit", junit], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                text=True, env=ENV, cwd=WORK)
        # Passes and NeedsEval answer at once; Hangs (file order: features.baml first) waits 30 s.
        deadline = time.monotonic() + 10
        while mock.counters()["requests"] < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)
        start = time.monotonic()
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=10)
        assert time.monotonic() - start < 3, "the interrupt did not end the run promptly"
        assert proc.returncode == 3, (proc.returncode, out, err)
        assert "interrupted" in out and SUMMARY.match(out.strip().splitlines()[-1]), out
        assert mock.wait_for("client_disconnects", 1) >= 1
        root = validate(junit)
        hangs = [c for c in root.iter("testcase") if c.get("name") == "Hangs"][0]
        assert hangs.find("error") is not None and hangs.find("error").get("type") == "CancelledError", ET.tostring(hangs)
        not_run = [c for c in root.iter("testcase") if c.find("skipped") is not None]
        assert len(not_run) == 2, [c.get("name") for c in not_run]

    @case("the example agent's tests.baml runs green against the mock")
    def _():
        reset()
        junit = os.path.join(WORK, "agent.xml")
        p = bamlc_test("-i", "::Mock*", "--junit", junit, project=AGENT, cwd=ROOT)
        assert p.returncode == 0, p.stdout + p.stderr
        got, _ = results(p.stdout)
        assert len(got) == 5 and set(got.values()) == {"PASSED"}, got
        assert all("examples/agent/baml_src/tests.baml:" in l for l in p.stdout.splitlines() if LINE.match(l))
        validate(junit)

    @case("--help carries the exit-code table")
    def _():
        p = subprocess.run([BAMLC, "test", "--help"], capture_output=True, text=True)
        assert p.returncode == 0
        for code in ("0  all passed", "1  only needs-eval", "2  a test failed", "3  interrupted", "4  usage", "5  no tests"):
            assert code in p.stdout, (code, p.stdout)

cases.finish()
