#!/usr/bin/env python3
"""End to end: `bamlc run` calls a function through the real runtime against the mock LLM server
(answers chosen by [mock:...] tags in the prompt), and `bamlc parse` parses a model's text into a
function's return type (FUNCTIONS.md, CLI.md). Values, checks, asserts, ValidationErrors,
streaming partials, a stream cut by its idle limit keeping its last partial value, exit codes.

    run_parse_test.py BAMLC MOCK_SERVER REPO_ROOT
"""
import base64
import json
import os
import subprocess
import sys
import tempfile

from cases import Cases
from mock_server import MockServer

BAMLC, MOCK, ROOT = (os.path.abspath(p) for p in sys.argv[1:4])
PROJECT = os.path.join(ROOT, "tests", "e2e", "projects", "functions", "baml_src")
AGENT = os.path.join(ROOT, "examples", "agent", "baml_src")


# A return type's @check / @assert, a list item's @stream.done, a class's @@stream.done.
GROUPED_TYPES = """
client<llm> C {
  provider openai
  options {
    model "gpt-4o"
  }
}
class Step {
  id int
  title string
}
class Atomic {
  a string
  b int
  @@stream.done
}
function Even(x: string) -> int @check(even, {{ this % 2 == 0 }}) {
  client C
  prompt #"{{ x }}"#
}
function Odd(x: string) -> int @assert(odd, {{ this % 2 == 1 }}) {
  client C
  prompt #"{{ x }}"#
}
function Steps(x: string) -> (Step @stream.done)[] {
  client C
  prompt #"{{ x }}"#
}
function Atoms(x: string) -> Atomic[] {
  client C
  prompt #"{{ x }}"#
}
"""


def b64(text):
    return base64.b64encode(text.encode()).decode()


def no_crash(p):
    assert p.returncode in (0, 1, 2), (p.returncode, p.stderr[-2000:])
    assert "terminate called" not in p.stderr and "internal error" not in p.stderr, p.stderr[-2000:]


cases = Cases()
case = cases.case

with MockServer(MOCK) as mock:
    ENV = dict(os.environ, BAML_MOCK_BASE_URL=mock.base_url)

    def run(function, args, *flags, project=PROJECT, timeout=60):
        p = subprocess.run([BAMLC, "run", function, "--from", project, "--args", json.dumps(args), *flags],
                           capture_output=True, text=True, timeout=timeout, env=ENV)
        no_crash(p)
        return p

    @case("run: a valid answer becomes the typed value, checks attached")
    def _():
        p = run("ExtractPerson", {"text": "[mock:answer=object] Ada"})
        assert p.returncode == 0, p.stderr
        value = json.loads(p.stdout)
        assert value["name"] == "Ada Lovelace" and value["age"] == 36, value
        assert value["email"] == {"value": "ada@example.com",
                                  "checks": {"has_at": {"name": "has_at", "expression": '"@" in this', "status": "succeeded"}}}, value
        assert "Mock answered in" in p.stderr, p.stderr

    @case("run --format json: one object with the value, the client, the raw text and the attempts")
    def _():
        p = run("ExtractPerson", {"text": "[mock:answer=fenced] Ada"}, "--format", "json")
        assert p.returncode == 0, p.stdout + p.stderr
        out = json.loads(p.stdout)
        assert out["ok"] is True and out["client"] == "Mock", out
        assert out["value"]["skills"] == ["mathematics", "poetry", "engineering"], out["value"]
        assert "```json" in out["raw_text"], out["raw_text"]
        assert len(out["attempts"]) == 1, out["attempts"]

    @case("run: sloppy JSON still parses")
    def _():
        p = run("ExtractPerson", {"text": "[mock:answer=malformed] Ada"})
        assert p.returncode == 0, p.stderr
        assert json.loads(p.stdout)["name"] == "Ada Lovelace"

    @case("run: an answer that fits nothing is a ValidationError with the raw text (exit 1)")
    def _():
        p = run("ExtractPerson", {"text": "[mock:answer=prose] Ada"}, "--format", "json")
        assert p.returncode == 1, p.stdout
        error = json.loads(p.stdout)["error"]
        assert error["type"] == "ValidationError", error
        assert "can't find that information" in error["raw_output"], error
        assert error.get("target_type") == "Person", error
        text = run("ExtractPerson", {"text": "[mock:answer=prose] Ada"})
        assert text.returncode == 1 and "validation" in text.stderr, text.stderr

    @case("run: a failed @assert is a ValidationError naming it")
    def _():
        answer = json.dumps({"name": "A", "age": -1, "email": None, "skills": []})
        p = run("ExtractPerson", {"text": f"[mock:reply_b64={b64(answer)}] x"}, "--format", "json")
        assert p.returncode == 1, p.stdout
        error = json.loads(p.stdout)["error"]
        assert error["type"] == "ValidationError" and "not_negative" in error["message"], error

    @case("run: a failed parameter @assert fails before anything is sent")
    def _():
        before = mock.counters().get("requests", 0)
        p = run("ClassifyMood", {"text": ""}, "--format", "json")
        assert p.returncode == 1, p.stdout
        error = json.loads(p.stdout)["error"]
        assert error["type"] == "InvalidArgumentError" and "not_empty" in error["message"], error
        assert mock.counters().get("requests", 0) == before

    @case("run: an enum answer by alias")
    def _():
        p = run("ClassifyMood", {"text": "[mock:reply=blue] how?"})
        assert p.returncode == 0, p.stderr
        assert json.loads(p.stdout) == "SAD", p.stdout

    @case("run --stream: partial values as they arrive, then the value")
    def _():
        p = run("ExtractPerson", {"text": "[mock:answer=object,chunk_size=8,gap=5ms] Ada"}, "--stream", "--format", "json")
        assert p.returncode == 0, p.stdout + p.stderr
        lines = [json.loads(l) for l in p.stdout.splitlines()]
        partials = [l for l in lines if l.get("kind") == "partial"]
        assert len(partials) >= 3, lines
        names = [x["value"].get("name") for x in partials if isinstance(x["value"], dict)]
        assert "Ada Lovelace" in names, names
        assert lines[-1]["ok"] is True and lines[-1]["value"]["age"] == 36, lines[-1]

    @case("run --stream: a stream cut by its idle limit keeps its last partial value")
    def _():
        p = run("ExtractPersonQuick", {"text": "[mock:answer=object,chunk_size=30,gap=10ms,stall_after=3] Ada"},
                "--stream", "--format", "json")
        assert p.returncode == 1, p.stdout
        last = json.loads(p.stdout.splitlines()[-1])
        assert last["ok"] is False and last["error"]["type"] == "TimeoutError", last
        assert last["error"]["kind"] == "idle", last
        assert isinstance(last["error"].get("partial_value"), dict), last["error"]

    @case("run: exit codes 1 (unknown function, bad argument) and 2 (bad --args, bad --timeout)")
    def _():
        assert run("Nope", {}).returncode == 1
        p = run("ExtractPerson", {"text": 3})
        assert p.returncode == 1 and "text: expected string" in p.stderr, p.stderr
        p = subprocess.run([BAMLC, "run", "ExtractPerson", "--from", PROJECT, "--args", "{bad"], capture_output=True,
                           text=True, env=ENV)
        assert p.returncode == 2, p.returncode
        assert run("ExtractPerson", {"text": "x"}, "--timeout", "soon").returncode == 2

    @case("run: the example agent's functions against the mock")
    def _():
        resume = run("ExtractResume", {"resume_text": "[mock:answer=resume] Grace Hopper"}, "--client", "MockReply",
                     project=AGENT)
        assert resume.returncode == 0, resume.stderr
        value = json.loads(resume.stdout)
        assert value["seniority"] == "Staff" and value["notice_period"] == "336h", value

    def parse(function, text, *flags, project=PROJECT):
        p = subprocess.run([BAMLC, "parse", function, "--from", project, *flags], input=text, capture_output=True,
                           text=True, timeout=60, env=ENV)
        no_crash(p)
        return p

    @case("parse: text on stdin becomes the value")
    def _():
        p = parse("ExtractPerson", 'Sure! {name: "Bo", age: 3, skills: ["x",],}')
        assert p.returncode == 0, p.stderr
        assert json.loads(p.stdout) == {"name": "Bo", "age": 3, "email": None, "skills": ["x"]}, p.stdout
        assert json.loads(parse("Count", "about 1,234 items").stdout) == 1234

    @case("parse: checks and asserts on a type alias apply where it is used")
    def _():
        p = parse("ReadGauge", '{"level": -2, "size": 5}')
        assert p.returncode == 0, p.stderr
        assert json.loads(p.stdout) == {"level": {"value": -2, "checks": {"positive": {
            "name": "positive", "expression": "this > 0", "status": "failed"}}}, "size": 5}, p.stdout
        bad = parse("ReadGauge", '{"level": 1, "size": 500}')
        assert bad.returncode == 1 and "small" in bad.stderr, bad.stderr

    @case("parse: checks on a return type, and @@stream.done / (T @stream.done) in partials")
    def _():
        with tempfile.TemporaryDirectory() as project:
            with open(os.path.join(project, "main.baml"), "w") as f:
                f.write(GROUPED_TYPES)
            def value(function, text, *flags):
                p = parse(function, text, *flags, project=project)
                assert p.returncode == 0, p.stderr
                return json.loads(p.stdout)
            even = {"even": {"name": "even", "expression": "this % 2 == 0", "status": "failed"}}
            assert value("Even", "7") == {"value": 7, "checks": even}
            assert value("Odd", "3") == 3
            bad = parse("Odd", "4", project=project)
            assert bad.returncode == 1 and "odd" in bad.stderr, bad.stderr
            assert value("Steps", '[{"id": 1, "title": "a"}, {"id": 2, "title": "b', "--partial") == [{"id": 1, "title": "a"}]
            assert value("Atoms", '[{"a": "x", "b": 1}, {"a": "y"', "--partial") == [{"a": "x", "b": 1}]
            assert value("Atoms", '[{"a": "x", "b": 1}, {"a": "y"}]') == [{"a": "x", "b": 1}]

    @case("parse --partial: a prefix of a stream")
    def _():
        p = parse("ExtractPerson", '{"name": "Ada Lov', "--partial")
        assert p.returncode == 0, p.stderr
        value = json.loads(p.stdout)
        assert value["name"] == "Ada Lov" and value["age"] is None, value

    @case("parse: text that does not fit is exit 1, the error on stderr or as JSON on stdout")
    def _():
        p = parse("ExtractPerson", "no idea")
        assert p.returncode == 1 and p.stdout == "" and "validation" in p.stderr, (p.stdout, p.stderr)
        j = parse("ExtractPerson", "no idea", "--format", "json")
        assert j.returncode == 1 and json.loads(j.stdout)["error"]["type"] == "ValidationError", j.stdout

    @case("parse: hostile text ends in an error or a value, never a crash or a hang")
    def _():
        for text in ["[" * 1_000_000, "\xff\xfe" * 1000, "{" * 200_000 + '"a": 1']:
            p = subprocess.run([BAMLC, "parse", "ExtractPerson", "--from", PROJECT], input=text.encode("utf-8", "surrogateescape"),
                               capture_output=True, timeout=60, env=ENV)
            assert p.returncode in (0, 1), p.returncode

cases.finish()
