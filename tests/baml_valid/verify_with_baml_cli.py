#!/usr/bin/env python3
"""Re-checks the BAML-valid corpus against the real baml-cli: every project here must pass
`baml-cli check` 0.226.2 with exit 0 and no output (baml-cli exits 1 on a warning too). Run it
after adding or editing a project; it is not part of CTest (baml-cli is not a build dependency).

    verify_with_baml_cli.py [BAML_CLI] [PROJECT ...]

BAML_CLI defaults to /work/oracle/node_modules/.bin/baml-cli, installed with
`npm install @boundaryml/baml@0.226.2` in /work/oracle. With no PROJECT, every folder here that
holds a baml_src/ is checked.
"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CLI = "/work/oracle/node_modules/.bin/baml-cli"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def projects(names):
    if names:
        return names
    return sorted(d for d in os.listdir(HERE) if os.path.isdir(os.path.join(HERE, d, "baml_src")))


def check(cli, name):
    """Runs baml-cli check on one project; returns (accepted, output without the backtrace)."""
    env = dict(os.environ, RUST_BACKTRACE="0", NO_COLOR="1")
    p = subprocess.run([cli, "check", "--from", os.path.join(HERE, name, "baml_src")],
                       capture_output=True, text=True, timeout=120, env=env)
    out = ANSI.sub("", p.stdout + p.stderr).split("Stack backtrace:")[0].strip()
    return p.returncode == 0 and out == "", out


def main():
    args = sys.argv[1:]
    cli = DEFAULT_CLI
    if args and (os.sep in args[0] or args[0].endswith("baml-cli")):
        cli = args.pop(0)
    if not os.path.exists(cli):
        print(f"baml-cli not found at {cli}: install it with "
              "`cd /work/oracle && npm install @boundaryml/baml@0.226.2`")
        return 2
    version = subprocess.run([cli, "--version"], capture_output=True, text=True).stdout.strip()
    print(f"using {cli} ({version})")
    rejected = []
    for name in projects(args):
        ok, out = check(cli, name)
        print(f"{'ok  ' if ok else 'FAIL'} {name}")
        if not ok:
            rejected.append(name)
            print("\n".join("     " + line for line in out.splitlines()))
    total = len(projects(args))
    print(f"{total - len(rejected)} accepted, {len(rejected)} rejected")
    return 1 if rejected else 0


if __name__ == "__main__":
    sys.exit(main())
