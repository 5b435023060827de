#!/usr/bin/env python3
"""End to end: `bamlc render` prints the request each client of a function's plan would be sent,
without sending it (FUNCTIONS.md, CLI.md). Exit codes, output streams, redaction of the API key,
argument errors that name the path, templates that loop or recurse without end stopped with an
error, hostile arguments.

    render_test.py BAMLC REPO_ROOT
"""
import json
import os
import subprocess
import sys

from cases import Cases

BAMLC, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
PROJECT = os.path.join(ROOT, "tests", "e2e", "projects", "render", "baml_src")
AGENT = os.path.join(ROOT, "examples", "agent", "baml_src")
BROKEN = os.path.join(ROOT, "tests", "e2e", "projects", "broken", "baml_src")
SECRET = "sk-render-test-0123456789abcdef"
ENV = dict(os.environ, RENDER_TEST_KEY=SECRET, OPENAI_API_KEY=SECRET, ANTHROPIC_API_KEY=SECRET,
           GEMINI_API_KEY=SECRET, GOOGLE_API_KEY=SECRET)

PERSON = {"name": "Ann", "age": 30, "tags": ["a", "b"]}


def render(*args, project=PROJECT, timeout=60):
    p = subprocess.run([BAMLC, "render", *args, "--from", project], capture_output=True, text=True,
                       timeout=timeout, env=ENV)
    assert p.returncode in (0, 1, 2), (p.returncode, p.stderr[-2000:])
    assert "terminate called" not in p.stderr and "internal error" not in p.stderr, p.stderr[-2000:]
    assert SECRET not in p.stdout and SECRET not in p.stderr, "the API key was printed"
    return p


def lines(p):
    return [json.loads(line) for line in p.stdout.splitlines() if line.strip()]


cases = Cases()
case = cases.case


@case("json: one request a line per leaf client, in plan order, the key redacted")
def _():
    p = render("Describe", "--args", json.dumps({"person": PERSON, "mood": "SAD"}), "--format", "json")
    assert p.returncode == 0, p.stdout + p.stderr
    assert p.stderr == "", p.stderr
    out = lines(p)
    assert [r["client"] for r in out] == ["Primary", "Claude"], out
    for r in out:
        assert set(r) == {"client", "method", "url", "headers", "body"}, r.keys()
        assert r["method"] == "POST"
    openai, claude = out
    assert openai["url"] == "https://api.openai.com/v1/chat/completions", openai["url"]
    assert openai["headers"]["authorization"] == "[REDACTED]", openai["headers"]
    assert claude["headers"]["x-api-key"] == "[REDACTED]", claude["headers"]
    roles = [m["role"] for m in openai["body"]["messages"]]
    assert roles == ["system", "user"], roles
    user_text = openai["body"]["messages"][1]["content"][0]["text"]
    # a class prints as BAML prints it; an enum value prints its alias
    assert user_text == '{\n    "name": "Ann",\n    "age": 30,\n    "tags": [\n        "a",\n        "b",\n    ],\n} feels blue.', repr(user_text)
    system = openai["body"]["messages"][0]["content"][0]["text"]
    assert system.endswith("Client: Primary (openai)."), system
    assert claude["body"]["system"][0]["text"].endswith("Client: Claude (anthropic)."), claude["body"]


@case("text: the messages under their roles, for a person to read")
def _():
    p = render("Describe", "--args", json.dumps({"person": PERSON, "mood": "HAPPY"}))
    assert p.returncode == 0, p.stderr
    assert "── Primary (openai) ──" in p.stdout and "── Claude (anthropic) ──" in p.stdout, p.stdout
    assert "[system]" in p.stdout and "[user]" in p.stdout, p.stdout
    assert "feels HAPPY." in p.stdout, p.stdout
    assert "authorization: [REDACTED]" in p.stdout, p.stdout


@case("media arguments become content parts")
def _():
    args = {"person": PERSON, "mood": "HAPPY", "photo": {"url": "https://example.com/a.png"}}
    out = lines(render("Describe", "--args", json.dumps(args), "--format", "json"))
    parts = out[0]["body"]["messages"][1]["content"]
    assert {"type": "image_url", "image_url": {"url": "https://example.com/a.png"}} in parts, parts


@case("--stream renders the request of a streaming call")
def _():
    out = lines(render("Classify", "--args", '{"text": "meh"}', "--format", "json", "--stream"))
    assert out[0]["body"].get("stream") is True, out[0]["body"]


@case("--client renders for another client")
def _():
    out = lines(render("Classify", "--args", '{"text": "meh"}', "--format", "json", "--client", "Claude"))
    assert [r["client"] for r in out] == ["Claude"], out
    assert out[0]["url"].endswith("/v1/messages"), out[0]["url"]


@case("--args-file reads the arguments from a file")
def _():
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"render-args-{os.getpid()}.json")
    with open(path, "w") as f:
        json.dump({"text": "from a file"}, f)
    try:
        out = lines(render("Classify", "--args-file", path, "--format", "json"))
        assert "from a file" in json.dumps(out[0]["body"]), out
    finally:
        os.unlink(path)
    assert render("Classify", "--args-file", path + ".missing").returncode == 2


@case("exit 2: --args that is not a JSON object")
def _():
    for bad in ["{not json", "[1, 2]", "3"]:
        p = render("Classify", "--args", bad)
        assert p.returncode == 2, (bad, p.returncode, p.stderr)
        assert p.stdout == "", p.stdout


@case("exit 1: unknown function, unknown or missing parameter, a value that does not fit")
def _():
    expect = {
        ("Nope", '{}'): "unknown function `Nope`",
        ("Classify", '{"text": "x", "txt": 1}'): "unknown parameter `txt`",
        ("Classify", '{}'): "missing required parameter `text`",
        ("Describe", json.dumps({"person": {"name": "Ann", "tags": ["a", 2]}, "mood": "HAPPY"})):
            "person.tags[1]: expected string, got 2",
        ("Describe", json.dumps({"person": PERSON, "mood": "ANGRY"})): "mood: expected a value of enum Mood",
    }
    for (fn, args), message in expect.items():
        p = render(fn, "--args", args)
        assert p.returncode == 1, (fn, args, p.returncode, p.stdout)
        assert message in p.stderr, (message, p.stderr)
        assert p.stdout == "", p.stdout
        j = render(fn, "--args", args, "--format", "json")
        assert j.returncode == 1
        error = lines(j)[0]["error"]
        assert error["type"] == "InvalidArgumentError" and message in error["message"], error


@case("exit 1: a project that does not check, an unknown client")
def _():
    assert render("Classify", "--args", "{}", project=BROKEN).returncode == 1
    p = render("Classify", "--args", '{"text": "x"}', "--client", "Nobody")
    assert p.returncode == 1 and "Nobody" in p.stderr, p.stderr


@case("templates that loop or recurse without end stop with an error")
def _():
    p = render("Spin", "--args", '{"n": 1000000000000}', timeout=120)
    assert p.returncode == 1 and "template" in p.stderr, p.stderr
    p = render("Recurse", "--args", '{"x": 1}', timeout=120)
    assert p.returncode == 1 and "template" in p.stderr, p.stderr


@case("hostile arguments: a 5 MB string renders, 100,000 nested lists fail cleanly")
def _():
    big = "x" * (5 << 20)
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"render-big-{os.getpid()}.json")
    with open(path, "w") as f:
        json.dump({"text": big}, f)
    try:
        p = render("Classify", "--args-file", path, "--format", "json", timeout=120)
        assert p.returncode == 0, p.stderr[-500:]
        assert big in p.stdout
    finally:
        os.unlink(path)
    deep = "[" * 100000 + "]" * 100000
    with open(path, "w") as f:
        f.write('{"text": ' + deep + "}")
    try:
        p = render("Classify", "--args-file", path)
        assert p.returncode in (1, 2), p.returncode
    finally:
        os.unlink(path)


@case("the example project's functions render")
def _():
    resume = {"name": "Ann", "skills": ["C++"], "seniority": "Senior", "experience": [], "education": []}
    job = {"title": "SRE", "must_have": ["Linux"], "nice_to_have": []}
    p = render("ScoreCandidate", "--args", json.dumps({"resume": resume, "job": job}), "--format", "json", project=AGENT)
    assert p.returncode == 0, p.stdout + p.stderr
    assert len(lines(p)) >= 1


cases.finish()
