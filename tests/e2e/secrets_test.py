#!/usr/bin/env python3
"""End to end: an API key given through `env.` never appears in any output of any command
(issue 18, "Secrets"). Every command runs against the mock LLM server with a known key, at every
verbosity and format, through successes, HTTP errors (401, 500 with a fallback), a parse failure
and a timeout; every stdout, stderr and written file (IR, generated C++, JUnit) is searched for the
key, its base64 form and its `Bearer` header.

    secrets_test.py BAMLC MOCK_SERVER REPO_ROOT
"""
import base64
import glob
import json
import os
import subprocess
import sys
import tempfile

from cases import Cases
from mock_server import MockServer

BAMLC, MOCK, ROOT = (os.path.abspath(p) for p in sys.argv[1:4])
PROJECT = os.path.join(ROOT, "tests", "e2e", "projects", "secrets", "baml_src")
KEY = "sk-secrets-test-9f8e7d6c5b4a39281706"
FORMS = [KEY, base64.b64encode(KEY.encode()).decode(), KEY[3:]]

cases = Cases()
case = cases.case


def leaks(text):
    return [f for f in FORMS if f in text]


with MockServer(MOCK) as mock, tempfile.TemporaryDirectory() as tmp:
    ENV = dict(os.environ, BAML_MOCK_BASE_URL=mock.base_url, SECRETS_TEST_KEY=KEY)

    def bamlc(*args, stdin=None):
        p = subprocess.run([BAMLC, *args], input=stdin, capture_output=True, text=True, timeout=120, env=ENV, cwd=tmp)
        assert "internal error" not in p.stderr, p.stderr[-2000:]
        found = leaks(p.stdout) + leaks(p.stderr)
        assert not found, f"bamlc {' '.join(args)} printed the key ({found}): {(p.stdout + p.stderr)[-3000:]}"
        return p

    def files_clean(pattern):
        for path in glob.glob(os.path.join(tmp, pattern), recursive=True):
            if os.path.isfile(path):
                with open(path, errors="replace") as f:
                    found = leaks(f.read())
                assert not found, f"{path} holds the key ({found})"

    args = json.dumps({"text": "[mock:answer=object] Ada"})

    @case("check, explain, build (IR and C++): the key is not written anywhere")
    def _():
        bamlc("check", "--from", PROJECT)
        bamlc("check", "--from", PROJECT, "--format", "json")
        bamlc("explain", "KeyedChain", "--from", PROJECT)
        bamlc("build", "--from", PROJECT, "--emit-ir", os.path.join(tmp, "ir.json"))
        bamlc("build", "--from", PROJECT, "--cpp-out", os.path.join(tmp, "gen"))
        files_clean("ir.json")
        files_clean("gen/**")

    @case("render: headers and bodies show [REDACTED] in text and JSON")
    def _():
        for fn in ("Extract", "ExtractViaChain"):
            text = bamlc("render", fn, "--from", PROJECT, "--args", args)
            assert text.returncode == 0 and "[REDACTED]" in text.stdout, text.stdout + text.stderr
            bamlc("render", fn, "--from", PROJECT, "--args", args, "--format", "json", "--stream")

    @case("call and run: successes, 401s and 500s, streamed or not, at every verbosity")
    def _():
        for client in ("Keyed", "KeyedChain"):
            # echo: the server answers with the request it got, key included (scrubbed on the way out).
            for prompt in ("[mock:reply=hello]", "[mock:echo]", "[mock:status=401]", "[mock:status=500]",
                           "[mock:ttfb=5s]"):
                for extra in ([], ["--stream"], ["--format", "json"], ["--stream", "--format", "json"]):
                    bamlc("call", client, "--from", PROJECT, "--prompt", prompt, "--timeout", "1s", *extra)
        for fn in ("Extract", "ExtractViaChain"):
            for text in ("[mock:answer=object] Ada", "[mock:echo] Ada", "[mock:status=401] Ada",
                         "[mock:answer=prose] Ada", "[mock:ttfb=5s] Ada"):
                a = json.dumps({"text": text})
                for extra in ([], ["-v"], ["--format", "json"], ["--stream", "-v"], ["--stream", "--format", "json"]):
                    bamlc("run", fn, "--from", PROJECT, "--args", a, "--timeout", "1s", *extra)

    @case("parse: an answer that does not fit")
    def _():
        bamlc("parse", "Extract", "--from", PROJECT, stdin="no idea " + "x" * 10)
        bamlc("parse", "Extract", "--from", PROJECT, "--format", "json", stdin="no idea")

    @case("test: text, -v, json and github output, and the JUnit file")
    def _():
        for extra in ([], ["-v"], ["--format", "json"], ["--format", "github"]):
            bamlc("test", "--from", PROJECT, "--junit", os.path.join(tmp, "junit.xml"), *extra)
            files_clean("junit.xml")

cases.finish()
