#!/usr/bin/env python3
"""End to end: the built `bamlc check` on whole projects, as a user runs it. Checks exit codes,
where output goes, and that JSON output is one object per line.

    check_cli_test.py BAMLC REPO_ROOT
"""
import json
import os
import subprocess
import sys
import tempfile

from cases import Cases

BAMLC, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
PROJECTS = os.path.join(ROOT, "tests", "e2e", "projects")


def bamlc(*args, cwd=PROJECTS):
    return subprocess.run([BAMLC, *args], cwd=cwd, capture_output=True, text=True, timeout=60)


cases = Cases()
case = cases.case


@case("a clean project exits 0 and says so")
def _():
    p = bamlc("check", "--from", "clean/baml_src")
    assert p.returncode == 0, p.stderr
    assert "0 errors, 0 warnings" in p.stderr, p.stderr
    assert "found 1 class, 0 enums, 1 function, 1 client, 0 retry policies, 0 tests" in p.stderr, p.stderr
    assert p.stdout == "", p.stdout


@case("a project with only warnings exits 0 and prints them")
def _():
    p = bamlc("check", "--from", "warning_only/baml_src")
    assert p.returncode == 0, p.stderr
    assert "warning[" in p.stderr and "0 errors, 1 warning" in p.stderr, p.stderr


@case("a broken project exits 1 and reports every error in file order")
def _():
    p = bamlc("check", "--from", "broken/baml_src")
    assert p.returncode == 1, p.stderr
    lines = [l for l in p.stderr.splitlines() if ": error[" in l]
    assert len(lines) == 2, p.stderr
    assert lines[0].startswith("broken/baml_src/main.baml:8:5: error[E0102]"), lines[0]
    assert lines[1].startswith("broken/baml_src/main.baml:10:24: error[E0201]"), lines[1]


@case("--format json prints one object per diagnostic on stdout")
def _():
    p = bamlc("check", "--from", "broken/baml_src", "--format", "json")
    assert p.returncode == 1
    objects = [json.loads(line) for line in p.stdout.splitlines()]
    assert [o["code"] for o in objects] == ["E0102", "E0201"], objects
    assert objects[1]["line"] == 10 and objects[1]["column"] == 24 and objects[1]["hint"], objects[1]


@case("the default --from is ./baml_src")
def _():
    p = bamlc("check", cwd=os.path.join(PROJECTS, "clean"))
    assert p.returncode == 0, p.stderr


@case("a missing directory is a usage error with a clear message")
def _():
    p = bamlc("check", "--from", "does/not/exist")
    assert p.returncode == 2, p.returncode
    assert "no such directory: `does/not/exist`" in p.stderr, p.stderr
    with tempfile.TemporaryDirectory() as empty:
        p = bamlc("check", cwd=empty)
        assert p.returncode == 2 and "./baml_src" in p.stderr, p.stderr


@case("an unknown flag is a usage error")
def _():
    p = bamlc("check", "--frm", "x")
    assert p.returncode == 2, p.returncode
    assert "--frm" in p.stderr, p.stderr
    p = bamlc("frobnicate")
    assert p.returncode == 2, p.returncode


@case("an unknown --format is a usage error that names the two formats")
def _():
    p = bamlc("check", "--from", "clean/baml_src", "--format", "xml")
    assert p.returncode == 2, p.returncode
    assert "`xml` is not a format: write text or json" in p.stderr, p.stderr
    p = bamlc("check", "--from", "clean/baml_src", "--format", "JSON")
    assert p.returncode == 0 and p.stdout == "", (p.returncode, p.stdout)


@case("--help and --version work on bamlc and on check")
def _():
    for args in (["--help"], ["check", "--help"], ["--version"]):
        p = bamlc(*args)
        assert p.returncode == 0, (args, p.stderr)
        assert p.stdout.strip(), args
    assert "--from" in bamlc("check", "--help").stdout


@case("a project with no .baml files is clean")
def _():
    with tempfile.TemporaryDirectory() as empty:
        p = bamlc("check", "--from", empty)
        assert p.returncode == 0, p.stderr


cases.finish()
