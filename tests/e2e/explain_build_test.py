#!/usr/bin/env python3
"""End to end: the built `bamlc explain` and `bamlc build --emit-ir FILE` on a real project
(tests/e2e/projects/explain), as a user runs them. explain must list every attempt of a fallback
chain with retries in order, mark stdlib defaults, and give the worst case; an unknown client is
a usage error with a did-you-mean. build must write the IR to the file it is given.

    explain_build_test.py BAMLC REPO_ROOT
"""
import json
import os
import re
import subprocess
import sys
import tempfile

from cases import Cases

BAMLC, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
PROJECT = os.path.join(ROOT, "tests", "e2e", "projects", "explain", "baml_src")


def bamlc(*args):
    return subprocess.run([BAMLC, *args], capture_output=True, text=True, timeout=60)


cases = Cases()
case = cases.case


def table_rows(stdout):
    """The attempt rows of explain's table, split on runs of spaces (cells hold no double space)."""
    rows = []
    for line in stdout.splitlines():
        cells = re.split(r"\s{2,}", line.strip())
        if cells and cells[0].isdigit():
            rows.append(cells)
    return rows


@case("explain lists every attempt of a fallback chain with retries, in order, with its limits")
def _():
    p = bamlc("explain", "Chain", "--from", PROJECT)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("client Chain (fallback over Primary, Backup)"), p.stdout
    rows = table_rows(p.stdout)
    # #, path, attempt, wait, connect, first token, idle, request, total
    assert rows == [
        ["1", "Chain → Primary", "1 of 3", "-", "3s", "20s", "-", "30s", "-"],
        ["2", "Chain → Primary", "2 of 3", "1s", "3s", "20s", "-", "30s", "-"],
        ["3", "Chain → Primary", "3 of 3", "2s", "3s", "20s", "-", "30s", "-"],
        ["4", "Chain → Backup", "1 of 1", "-", "10s*", "-", "-", "10m*", "-"],
    ], rows


@case("explain says where limits came from: `*` marks a stdlib default, declared ones are bare")
def _():
    p = bamlc("explain", "Chain", "--from", PROJECT)
    assert "* stdlib default" in p.stdout, p.stdout
    assert "total_timeout of Chain 15m bounds every attempt under it" in p.stdout, p.stdout


@case("explain gives the worst case: 3 × 30s + waits of 1s and 2s + Backup's default 10m")
def _():
    p = bamlc("explain", "Chain", "--from", PROJECT)
    assert "worst case: 11m33s\n" in p.stdout, p.stdout


@case("explain shows a total_timeout cutting the plan short")
def _():
    p = bamlc("explain", "Tight", "--from", PROJECT)
    assert p.returncode == 0, p.stderr
    assert "worst case: 2m (the attempts alone could take 11m33s; total_timeout cuts them)" in p.stdout, p.stdout


@case("explain of an unknown client exits 1 with a did-you-mean")
def _():
    p = bamlc("explain", "Chian", "--from", PROJECT)
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert "no client named `Chian`" in p.stderr, p.stderr
    assert "did you mean `Chain`?" in p.stderr, p.stderr
    assert p.stdout == "", p.stdout


@case("explain takes a provider/model shorthand, with the stdlib's defaults, and names an unknown provider")
def _():
    p = bamlc("explain", "openai/gpt-4o", "--from", PROJECT)
    assert p.returncode == 0, (p.returncode, p.stderr)
    rows = table_rows(p.stdout)
    assert len(rows) == 1 and rows[0][1] == "openai/gpt-4o", p.stdout
    assert "10s*" in rows[0], rows
    p = bamlc("explain", "nosuch/model", "--from", PROJECT)
    assert p.returncode == 1, (p.returncode, p.stderr)
    assert "`nosuch/model`" in p.stderr and "known providers" in p.stderr, p.stderr


@case("build --emit-ir FILE writes the IR to FILE, with effective limits in milliseconds")
def _():
    with tempfile.TemporaryDirectory() as out:
        path = os.path.join(out, "program.ir.json")
        p = bamlc("build", "--emit-ir", path, "--from", PROJECT)
        assert p.returncode == 0, p.stderr
        assert p.stdout == "", p.stdout
        assert os.path.isfile(path), "no file written"
        with open(path) as f:
            ir = json.load(f)
        clients = {c["name"]: c for c in ir["clients"]}
        assert clients["Chain"]["limits"]["total_ms"] == 900000, clients["Chain"]
        assert clients["Primary"]["limits"]["request_ms"] == 30000, clients["Primary"]
        assert clients["Backup"]["limit_sources"]["request_ms"] == "default", clients["Backup"]
        assert [f["name"] for f in ir["functions"]] == ["Answer"], ir["functions"]


@case("build --emit-ir FILE writes nothing when the project has errors")
def _():
    with tempfile.TemporaryDirectory() as out:
        broken = os.path.join(ROOT, "tests", "e2e", "projects", "broken", "baml_src")
        path = os.path.join(out, "program.ir.json")
        p = bamlc("build", "--emit-ir", path, "--from", broken)
        assert p.returncode == 1, (p.returncode, p.stderr)
        assert not os.path.exists(path), "an IR was written for a broken project"


@case("the IR carries a duration-shaped test argument for a string as its text, for a duration as ms")
def _():
    with tempfile.TemporaryDirectory() as src:
        with open(os.path.join(src, "main.baml"), "w") as f:
            f.write('class Step {\n  label string\n  wait duration\n}\n'
                    'function Plan(label: string, steps: Step[], choice: string | int) -> string {\n'
                    '  client "openai/gpt-4o"\n  prompt #"{{ label }}"#\n}\n'
                    'test T {\n  functions [Plan]\n'
                    '  args {\n    label 10s\n    steps [{ label 2m, wait 2m }]\n    choice 5s\n  }\n}\n')
        p = bamlc("build", "--from", src, "--emit-ir", "-")
        assert p.returncode == 0, p.stderr
        assert p.stderr.count("warning[W0201]") >= 2, p.stderr  # the union member is chosen silently
        args = json.loads(p.stdout)["tests"][0]["args"]
        assert args["label"] == "10s" and args["choice"] == "5s", args
        assert args["steps"] == [{"label": "2m", "wait": 120000}], args


cases.finish()
