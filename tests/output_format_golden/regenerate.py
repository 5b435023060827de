#!/usr/bin/env python3
"""Regenerates the ctx.output_format golden corpus from cases.py by asking the real BAML 0.226.2.

  python3 tests/output_format_golden/regenerate.py [--oracle-dir /work/oracle]

Writes project/main.baml (the project bamlc builds: every case is a function whose prompt is
`{{ ctx.output_format(...) }}`) and expected.json (function name -> {"options", "text" or
"error", "known_difference"?}). The oracle gets its own copy of the project in which every case
passes its options, also those bamlc's checker refuses (flag "checker_rejects").
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from cases import CASES, TYPES  # noqa: E402

ORACLE = os.path.join(HERE, "..", "..", "tools", "baml_oracle", "oracle.js")

CLIENT = """client<llm> C {
  provider openai-generic
  options {
    base_url "http://localhost:1"
    api_key "x"
    model "m"
  }
}
"""


def jinja(value):
    """A JSON value as a Jinja literal."""
    if value is None:
        return "none"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(jinja(v) for v in value) + "]"
    raise TypeError(value)


def call(options):
    if not options:
        return "{{ ctx.output_format }}"
    args = ", ".join(f"{k}={jinja(v)}" for k, v in options.items())
    return "{{ ctx.output_format(" + args + ") }}"


def project(with_all_options):
    out = [CLIENT, TYPES]
    for name, ret, options, flags in CASES:
        passed = options if (with_all_options or not flags.get("checker_rejects")) else {}
        out.append(f'function {name}() -> {ret} {{\n  client C\n  prompt #"{call(passed)}"#\n}}\n')
    return "\n".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--oracle-dir", default=os.environ.get("BAML_ORACLE_DIR", "/work/oracle"))
    args = ap.parse_args()

    names = [c[0] for c in CASES]
    assert len(names) == len(set(names)), "duplicate case names"
    os.makedirs(os.path.join(HERE, "project"), exist_ok=True)
    with open(os.path.join(HERE, "project", "main.baml"), "w") as f:
        f.write(project(with_all_options=False))

    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(tmp, "main.baml"), "w") as f:
            f.write(project(with_all_options=True))
        lines = "".join(json.dumps({"dir": tmp, "function": n, "args": {}}) + "\n" for n in names)
        run = subprocess.run(["node", os.path.abspath(ORACLE), "batch"], input=lines, capture_output=True,
                             text=True, cwd=args.oracle_dir, check=True)
    answers = [json.loads(l) for l in run.stdout.splitlines() if l.strip()]
    assert len(answers) == len(CASES), run.stderr

    expected = {}
    for (name, _ret, options, flags), answer in zip(CASES, answers):
        entry = {"options": options}
        if answer["ok"]:
            content = answer["request"]["body"]["messages"][0]["content"]
            entry["text"] = content if isinstance(content, str) else content[0]["text"]
        else:
            # The first line of BAML's message, without its source excerpt.
            entry["error"] = answer["error"].split("\n")[0]
            if "Error validating" in answer["error"]:
                sys.exit(f"{name}: BAML rejects the project: {answer['error'][:2000]}")
        if "known_difference" in flags:
            entry["known_difference"] = flags["known_difference"]
        expected[name] = entry
    with open(os.path.join(HERE, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1, ensure_ascii=False)
        f.write("\n")
    print(f"{len(expected)} cases, {sum('error' in e for e in expected.values())} errors")


if __name__ == "__main__":
    main()
