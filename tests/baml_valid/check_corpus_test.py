#!/usr/bin/env python3
"""The BAML-valid corpus: every project here passes `baml-cli check` 0.226.2 without a word
(see verify_with_baml_cli.py), so `bamlc check` must accept each one too: exit 0 and no error.
Warnings are allowed. One case per project, so a failure names the construct that broke.

    check_corpus_test.py BAMLC CORPUS_DIR
"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from cases import Cases  # noqa: E402

BAMLC, CORPUS = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])

projects = sorted(d for d in os.listdir(CORPUS) if os.path.isdir(os.path.join(CORPUS, d, "baml_src")))
cases = Cases()


def check_project(name):
    def run():
        p = subprocess.run([BAMLC, "check", "--from", os.path.join(name, "baml_src")],
                           cwd=CORPUS, capture_output=True, text=True, timeout=60)
        out = p.stdout + p.stderr
        errors = [line for line in out.splitlines() if "error[" in line]
        assert p.returncode == 0 and not errors, (
            f"exit {p.returncode}\n" + "\n".join("    " + line for line in out.splitlines()))
    return run


if not projects:
    print(f"FAIL no projects with a baml_src/ under {CORPUS}")
    sys.exit(1)
for name in projects:
    cases.check(name, check_project(name))
cases.finish()
