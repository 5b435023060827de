#!/usr/bin/env python3
"""Golden tests. Diagnostics: every `NAME.baml` under a folder is checked on its own with
`bamlc check --from NAME.baml`, run from that folder, and its stderr plus exit code must equal
`NAME.expected` byte for byte. IR (`--ir`): `bamlc build --emit-ir -` must print `NAME.ir.json`.

    run_goldens.py BAMLC DIR [--ir]          compare (exit 1 on any difference)
    run_goldens.py BAMLC DIR [--ir] --update rewrite every expectation from the current output

A folder NAME/ holding a `.golden-project` marker is one case, checked as one project.
"""
import difflib
import os
import pathlib
import subprocess
import sys


def cases(root, suffix):
    projects = sorted(marker.parent for marker in root.rglob(".golden-project"))
    for path in sorted(root.rglob("*.baml")):
        if not any(project in path.parents for project in projects):
            yield path, path.with_suffix(suffix)
    for folder in projects:
        yield folder, folder.with_suffix(suffix)


def run(bamlc, case, root, ir):
    rel = os.path.relpath(case, root)
    command = ["build", "--emit-ir", "-"] if ir else ["check"]
    proc = subprocess.run([bamlc, *command, "--from", rel], cwd=root, capture_output=True, text=True,
                          errors="replace", timeout=60)
    if ir:
        return proc.stdout if proc.returncode == 0 else proc.stderr + f"exit: {proc.returncode}\n"
    return proc.stderr + f"exit: {proc.returncode}\n"


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    bamlc, root = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve()
    update = "--update" in sys.argv[3:]
    ir = "--ir" in sys.argv[3:]
    passed = failed = 0
    for case, expected_path in cases(root, ".ir.json" if ir else ".expected"):
        actual = run(bamlc, case, root, ir)
        if update:
            expected_path.write_text(actual)
            passed += 1
            continue
        expected = expected_path.read_text() if expected_path.exists() else "<missing .expected file>\n"
        if actual == expected:
            passed += 1
            continue
        failed += 1
        print(f"FAIL {os.path.relpath(case, root)}")
        sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                   "expected", "actual"))
    if failed:
        print(f"to accept the new output: {' '.join(sys.argv)} --update")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
