#!/usr/bin/env python3
"""End to end: every command follows CLI.md's conventions. For each of check, explain, build and
call, a case per exit code (0 it worked, 1 the project or the call is wrong, 2 the command line is
wrong), and what goes to stdout and stderr in each. No case here reaches a server: `call` fails
before sending (an unset key), which is exit 1 like any failed call.

    cli_conventions_test.py BAMLC REPO_ROOT
"""
import json
import os
import subprocess
import sys

from cases import Cases

BAMLC, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
PROJECTS = os.path.join(ROOT, "tests", "e2e", "projects")
CLEAN = os.path.join(PROJECTS, "clean", "baml_src")
BROKEN = os.path.join(PROJECTS, "broken", "baml_src")
MISSING = os.path.join(PROJECTS, "no-such-project")
ENV = {k: v for k, v in os.environ.items() if k != "OPENAI_API_KEY"}


def bamlc(*args):
    return subprocess.run([BAMLC, *args], capture_output=True, text=True, timeout=60, env=ENV)


def no_trace(p):
    """Never a CLI11 default code, a signal or a stack trace."""
    assert p.returncode in (0, 1, 2), (p.returncode, p.stderr)
    assert "terminate called" not in p.stderr and "Traceback" not in p.stderr, p.stderr


cases = Cases()
case = cases.case

# The command line of each command that reads a project, with a client where it takes one.
COMMANDS = {
    "check": [],
    "explain": ["Fast"],
    "build": ["--emit-ir", "-"],
    "call": ["Fast"],
}


@case("exit 0: each command that worked")
def _():
    for name, extra in (("check", []), ("explain", ["Fast"]), ("build", ["--emit-ir", "-"])):
        p = bamlc(name, *extra, "--from", CLEAN)
        no_trace(p)
        assert p.returncode == 0, (name, p.returncode, p.stderr)
    p = bamlc("--help")
    assert p.returncode == 0 and "check" in p.stdout, (p.returncode, p.stdout)
    p = bamlc("--version")
    assert p.returncode == 0 and p.stdout.startswith("bamlc "), (p.returncode, p.stdout)


@case("exit 1: a project that does not compile, for every command, text on stderr, JSON on stdout")
def _():
    for name, extra in COMMANDS.items():
        p = bamlc(name, *extra, "--from", BROKEN)
        no_trace(p)
        assert p.returncode == 1, (name, p.returncode, p.stderr)
        assert p.stdout == "" and "error[E" in p.stderr, (name, p.stdout, p.stderr)
        p = bamlc(name, *extra, "--from", BROKEN, "--format", "json")
        assert p.returncode == 1, (name, p.returncode, p.stderr)
        lines = [json.loads(line) for line in p.stdout.splitlines()]
        assert lines and all(d["code"].startswith("E") for d in lines), (name, p.stdout)


@case("exit 1: an unknown client names it, with a did-you-mean")
def _():
    for name in ("explain", "call"):
        p = bamlc(name, "Fats", "--from", CLEAN)
        no_trace(p)
        assert p.returncode == 1, (name, p.returncode, p.stderr)
        assert "no client named `Fats`" in p.stderr and "did you mean `Fast`?" in p.stderr, (name, p.stderr)
        assert p.stdout == "", (name, p.stdout)


@case("exit 1: a call that failed (a missing environment variable is a ConfigError)")
def _():
    p = bamlc("call", "Fast", "--from", CLEAN, "--format", "json")
    no_trace(p)
    assert p.returncode == 1, (p.returncode, p.stderr)
    out = json.loads(p.stdout)
    assert out["ok"] is False and out["error"]["type"] == "ConfigError", out


@case("exit 2: a path that does not exist, for every command, and nothing on stdout")
def _():
    for name, extra in COMMANDS.items():
        for fmt in ("text", "json"):
            p = bamlc(name, *extra, "--from", MISSING, "--format", fmt)
            no_trace(p)
            assert p.returncode == 2, (name, fmt, p.returncode, p.stderr)
            assert p.stdout == "" and "no such directory" in p.stderr, (name, fmt, p.stdout, p.stderr)


@case("exit 2: an unknown flag, an unknown subcommand, no subcommand, a bad --format")
def _():
    for args in (["check", "--nope"], ["frobnicate"], [], ["check", "--format", "xml", "--from", CLEAN],
                 ["explain", "Fast", "--from", CLEAN, "--bogus", "1"]):
        p = bamlc(*args)
        no_trace(p)
        assert p.returncode == 2, (args, p.returncode, p.stderr)
        assert p.stdout == "", (args, p.stdout)


@case("exit 2: a missing required argument, a flag value that does not parse")
def _():
    for args in (["explain", "--from", CLEAN], ["call", "--from", CLEAN],
                 ["call", "Fast", "--from", CLEAN, "--timeout", "abc"]):
        p = bamlc(*args)
        no_trace(p)
        assert p.returncode == 2, (args, p.returncode, p.stderr)
        assert p.stdout == "", (args, p.stdout)


cases.finish()
