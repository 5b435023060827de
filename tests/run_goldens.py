#!/usr/bin/env python3
"""Golden tests for diagnostics: every `NAME.baml` under a folder is checked on its own with
`bamlc check --from NAME.baml`, run from that folder, and its stderr plus exit code must equal
`NAME.expected` byte for byte.

    run_goldens.py BAMLC DIR          compare (exit 1 on any difference)
    run_goldens.py BAMLC DIR --update rewrite every .expected from the current output

A folder NAME/ holding a `.golden-project` marker is checked as one project instead.
"""
import difflib
import os
import pathlib
import subprocess
import sys


def cases(root):
    projects = sorted(marker.parent for marker in root.rglob(".golden-project"))
    for path in sorted(root.rglob("*.baml")):
        if not any(project in path.parents for project in projects):
            yield path, path.with_suffix(".expected")
    for folder in projects:
        yield folder, folder.with_suffix(".expected")


def run(bamlc, case, root):
    rel = os.path.relpath(case, root)
    proc = subprocess.run([bamlc, "check", "--from", rel], cwd=root, capture_output=True, text=True,
                          errors="replace", timeout=60)
    return proc.stderr + f"exit: {proc.returncode}\n"


def main():
    if len(sys.argv) < 3:
        print(__doc__)
        return 2
    bamlc, root = os.path.abspath(sys.argv[1]), pathlib.Path(sys.argv[2]).resolve()
    update = "--update" in sys.argv[3:]
    passed = failed = 0
    for case, expected_path in cases(root):
        actual = run(bamlc, case, root)
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
        print(f"to accept the new output: {sys.argv[0]} {sys.argv[1]} {sys.argv[2]} --update")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
