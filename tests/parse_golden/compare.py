#!/usr/bin/env python3
"""Compares `bamlc parse` with the real BAML 0.226.2 on every case of expected.jsonl (written by
regenerate.py from cases.jsonl).

    compare.py [--bamlc BAMLC] [--known-differences FILE] [--report FILE] [--filter TEXT] [--every N]
               [--jobs N] [--verbose] [--self-test]

BAMLC defaults to $BAMLC, then build/cli/bamlc of this repository. For each case it runs, from
this folder and with only PATH/HOME/LANG/TMPDIR in the environment, the case's text on stdin:

    bamlc parse FUNCTION --from projects/PROJECT/baml_src --format json [--partial]

The contract (../../docs, shared/design/CLI.md): exit 0 and the value as ONE JSON document on
stdout; exit 1 and {"error": {...}} on stdout when the text does not fit the type. Then:
  * BAML parsed a value (ok true): bamlc must exit 0 and print a JSON-equal value: objects with
    the same keys (a missing optional field is null, not absent), lists of the same length,
    strings equal, numbers compared numerically (relative 1e-9: the oracle's values went through
    JS doubles, so an int and a float with the same value are equal and 3 vs 3.0 is not a
    difference), a bool never equal to a number, null only equal to null;
  * BAML refused (ok false): bamlc must exit 1 with {"error": ...} on stdout. The messages are not
    compared (BAML's is a Rust debug dump).
Cases listed in the known-differences file ({"case id": "reason", ...}) are reported but do not
fail; a listed case that now passes is reported so it can be removed from the list.

Prints one line per failure with a short diff, then a summary: failing cases by corpus category
(the CATEGORY of ids "PROJECT/FUNCTION#CATEGORY.label": json, fenced, prose, multi, malformed,
coerce, error, partial, prefix) and by kind of first difference, then `N passed, M failed, K known
differences`; --report writes every result as JSON. Exit 0 when nothing failed, 1 otherwise, 2 on
bad usage. --self-test checks the comparator itself against expected.jsonl (BAML's own values
must pass, planted differences must be caught); it needs no bamlc.
"""
import argparse
import collections
import concurrent.futures
import json
import math
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
REL_TOL = 1e-9
MAX_DIFFS = 6


# ---------------------------------------------------------------- comparison

def _is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _short(v, n=160):
    s = json.dumps(v, ensure_ascii=False)
    return s if len(s) <= n else s[:n] + "…"


def _string_diff(a, b):
    """Where two strings first differ, with a little context."""
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    lo = max(0, i - 30)
    return (f"first difference at char {i}: BAML …{_short(a[lo:i + 50], 120)} "
            f"vs bamlc …{_short(b[lo:i + 50], 120)} (lengths {len(a)} vs {len(b)})")


def json_diff(exp, act, path="value", out=None):
    """Differences between two JSON values, as "path: message" lines."""
    if out is None:
        out = []
    if len(out) >= MAX_DIFFS:
        return out
    if _is_num(exp) and _is_num(act):
        if not (exp == act or math.isclose(exp, act, rel_tol=REL_TOL, abs_tol=1e-12)):
            out.append(f"{path}: BAML {exp!r} vs bamlc {act!r}")
    elif isinstance(exp, dict) and isinstance(act, dict):
        for k in exp:
            if k not in act:
                out.append(f"{path}.{k}: missing in bamlc (BAML: {_short(exp[k])})")
            else:
                json_diff(exp[k], act[k], f"{path}.{k}", out)
        for k in act:
            if k not in exp:
                out.append(f"{path}.{k}: not in BAML (bamlc: {_short(act[k])})")
    elif isinstance(exp, list) and isinstance(act, list):
        if len(exp) != len(act):
            out.append(f"{path}: {len(exp)} items in BAML vs {len(act)} in bamlc")
        for i, (e, a) in enumerate(zip(exp, act)):
            json_diff(e, a, f"{path}[{i}]", out)
    elif isinstance(exp, str) and isinstance(act, str):
        if exp != act:
            out.append(f"{path}: {_string_diff(exp, act)}")
    elif type(exp) is not type(act) or exp != act:
        out.append(f"{path}: BAML {_short(exp)} vs bamlc {_short(act)}")
    return out[:MAX_DIFFS]


def one_json_document(stdout):
    """The single JSON document bamlc printed (ValueError if none, or more than one)."""
    text = stdout.strip()
    if not text:
        raise ValueError("no output")
    dec = json.JSONDecoder()
    value, end = dec.raw_decode(text)
    if text[end:].strip():
        raise ValueError(f"more than one JSON document (then {_short(text[end:].strip()[:60])})")
    return value


def judge(case, rc, stdout, stderr):
    """(passed, [diff lines]) for one run of bamlc."""
    if not case["ok"]:
        if rc != 1:
            return False, [f"BAML refuses ({case['error'][:160]}) but bamlc exited {rc}"
                           + (f": {_short(stdout.strip(), 200)}" if rc == 0 else
                              f": {_short((stderr.strip() or stdout.strip())[:200])}")]
        try:
            doc = one_json_document(stdout)
        except ValueError as e:
            return False, [f"bamlc refused but its stdout is not one JSON document ({e})"]
        if not isinstance(doc, dict) or "error" not in doc:
            return False, [f"bamlc refused but its stdout is not {{\"error\": ...}}: {_short(doc)}"]
        return True, []
    if rc != 0:
        msg = stdout.strip()
        try:
            err = one_json_document(stdout)
            if isinstance(err, dict) and isinstance(err.get("error"), dict):
                msg = err["error"].get("message") or json.dumps(err["error"], ensure_ascii=False)
        except ValueError:
            msg = msg or stderr.strip()
        lines = str(msg).splitlines()
        return False, [f"bamlc exited {rc}: {_short(lines[0] if lines else '', 300)}"]
    try:
        act = one_json_document(stdout)
    except ValueError as e:
        return False, [f"bamlc's output is not one JSON document ({e}): {_short(stdout[:200])}"]
    diffs = json_diff(case["value"], act)
    return not diffs, diffs


# ---------------------------------------------------------------- running

def load_expected(path):
    with open(path, encoding="utf-8") as fh:
        return [json.loads(l) for l in fh if l.strip()]


def clean_env():
    return {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ}


def command(bamlc, case):
    cmd = [bamlc, "parse", case["function"], "--from", os.path.join("projects", case["project"], "baml_src"),
           "--format", "json"]
    if case.get("partial"):
        cmd.append("--partial")
    return cmd


def run_case(bamlc, case, env, timeout):
    try:
        p = subprocess.run(command(bamlc, case), cwd=HERE, env=env, input=case["text"].encode("utf-8"),
                           capture_output=True, timeout=timeout)
        rc = p.returncode
        out = p.stdout.decode("utf-8", errors="replace")
        err = p.stderr.decode("utf-8", errors="replace")
    except subprocess.TimeoutExpired:
        return False, [f"bamlc did not finish in {timeout}s"], None
    passed, diffs = judge(case, rc, out, err)
    return passed, diffs, rc


def case_category(case_id):
    """The corpus category of an id "PROJECT/FUNCTION#CATEGORY.label"."""
    tail = case_id.split("#", 1)[1] if "#" in case_id else ""
    return tail.split(".", 1)[0] or "?"


def self_test(cases):
    """The comparator on expected data: BAML's own values pass, planted differences fail."""
    problems = []
    checks = 0

    def expect(name, case, rc, stdout, want_pass, stderr=""):
        nonlocal checks
        checks += 1
        passed, diffs = judge(case, rc, stdout, stderr)
        if passed != want_pass:
            problems.append(f"{name} [{case['id']}]: expected {'pass' if want_pass else 'fail'}, got "
                            f"{'pass' if passed else 'fail'} {diffs[:2]}")
        return diffs

    def floats(v):
        """The same value with every number printed as a float (3 -> 3.0)."""
        if isinstance(v, dict):
            return {k: floats(x) for k, x in v.items()}
        if isinstance(v, list):
            return [floats(x) for x in v]
        return float(v) if _is_num(v) else v

    def reorder(v):
        if isinstance(v, dict):
            return {k: reorder(v[k]) for k in reversed(list(v))}
        if isinstance(v, list):
            return [reorder(x) for x in v]
        return v

    def first(pred):
        return next(c for c in cases if pred(c))

    oks = [c for c in cases if c["ok"]]
    errs = [c for c in cases if not c["ok"]]
    for c in oks:
        expect("identical", c, 0, json.dumps(c["value"], ensure_ascii=False) + "\n", True)
        expect("pretty, keys reordered, numbers as floats", c, 0,
               json.dumps(reorder(floats(c["value"])), indent=2, ensure_ascii=True), True)
        expect("exit 1 on a good case", c, 1, json.dumps({"error": {"type": "ValidationError", "message": "m"}}), False)
    for c in errs:
        expect("refused", c, 1, json.dumps({"error": {"type": "ValidationError", "message": "m"}}) + "\n", True)
        expect("refused but parsed", c, 0, "{}\n", False)
        expect("refused but crashed", c, 134, "", False)
        expect("refused without the JSON error", c, 1, "error: does not fit\n", False)

    obj = first(lambda c: c["ok"] and isinstance(c["value"], dict) and any(isinstance(v, str) and v for v in c["value"].values()))
    k = next(k for k, v in obj["value"].items() if isinstance(v, str) and v)
    mut = dict(obj["value"]); mut[k] += " "
    expect("trailing space in a string", obj, 0, json.dumps(mut), False)
    mut = dict(obj["value"]); mut["extra"] = 1
    expect("extra key", obj, 0, json.dumps(mut), False)
    mut = dict(obj["value"]); del mut[k]
    expect("missing key", obj, 0, json.dumps(mut), False)
    nul = first(lambda c: c["ok"] and isinstance(c["value"], dict) and None in c["value"].values())
    mut = {k: v for k, v in nul["value"].items() if v is not None}
    expect("null field left out", nul, 0, json.dumps(mut), False)
    lst = first(lambda c: c["ok"] and isinstance(c["value"], list) and len(c["value"]) >= 2)
    expect("list item dropped", lst, 0, json.dumps(lst["value"][:-1]), False)
    expect("list reversed", lst, 0, json.dumps(list(reversed(lst["value"]))), lst["value"] == list(reversed(lst["value"])))
    num = first(lambda c: c["ok"] and _is_num(c["value"]) and c["value"] != 0)
    expect("number off by one", num, 0, json.dumps(num["value"] + 1), False)
    expect("number as string", num, 0, json.dumps(str(num["value"])), False)
    boo = first(lambda c: c["ok"] and c["value"] is True)
    expect("true vs 1", boo, 0, "1", False)
    checked = first(lambda c: c["ok"] and isinstance(c["value"], dict) and "checks" in c["value"])
    expect("checks dropped", checked, 0, json.dumps(checked["value"]["value"]), False)
    state = first(lambda c: c["ok"] and c["partial"] and "withstate" in c["id"] and isinstance(c["value"], dict))
    mut = {k: (v["value"] if isinstance(v, dict) and "state" in v else v) for k, v in state["value"].items()}
    expect("with_state unwrapped", state, 0, json.dumps(mut), False)
    expect("not JSON", obj, 0, "name: Alice\n", False)
    expect("two JSON documents", obj, 0, json.dumps(obj["value"]) + "\n" + json.dumps(obj["value"]), False)
    expect("nothing printed", obj, 0, "", False)
    # numbers: 3 vs 3.0 passes, 0.1+0.2 vs 0.3 passes, 1 vs true fails, null vs 0 fails, "2" vs 2 fails
    for exp, act, ok in ((3, 3.0, True), (0.30000000000000004, 0.3, True), (1, True, False), (None, 0, False),
                         ("2", 2, False), ([1], [1, 2], False), (0.25, 0.26, False), ({"a": None}, {}, False)):
        checks += 1
        if (not json_diff({"v": exp}, {"v": act})) != ok:
            problems.append(f"numbers: {exp!r} vs {act!r} should {'pass' if ok else 'fail'}")
    for p in problems:
        print("SELF-TEST FAIL", p)
    print(f"self-test: {checks - len(problems)} of {checks} checks behaved")
    return 1 if problems else 0


def category(diff):
    """A failure's kind, for the summary: the JSON path without indices, or the kind of exit."""
    m = re.match(r"bamlc exited (\d+)", diff)
    if m:
        return f"bamlc exited {m.group(1)} where BAML parsed a value"
    if diff.startswith("BAML refuses"):
        return "BAML refuses, bamlc " + ("parses a value" if "exited 0" in diff else "fails otherwise")
    if diff.startswith("bamlc refused but"):
        return "bamlc refused without {\"error\": ...} on stdout"
    if diff.startswith("bamlc's output is not"):
        return "bamlc's output is not one JSON document"
    if diff.startswith("bamlc did not finish"):
        return "timeout"
    head, _, rest = diff.partition(":")
    head = re.sub(r"\[\d+\]", "[]", head)
    kind = ("missing in bamlc" if "missing in bamlc" in rest else "extra in bamlc" if "not in BAML" in rest
            else "list length" if "items in BAML" in rest else "value")
    return f"{head} ({kind})"


def find_bamlc(arg):
    for cand in (arg, os.environ.get("BAMLC"), os.path.join(REPO, "build", "cli", "bamlc")):
        if cand:
            return os.path.abspath(cand)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bamlc")
    ap.add_argument("--expected", default=os.path.join(HERE, "expected.jsonl"))
    ap.add_argument("--known-differences", default=os.path.join(HERE, "known_differences.json"),
                    help="JSON object: case id -> reason (default: known_differences.json here; "
                         "'' for none)")
    ap.add_argument("--report", help="write the results as JSON to this file")
    ap.add_argument("--filter", help="only cases whose id contains this text")
    ap.add_argument("--every", type=int, default=1, metavar="N",
                    help="only every Nth case (the sanitized build's pass: the same code paths, "
                         "a third of the time)")
    ap.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--timeout", type=float, default=60)
    ap.add_argument("--verbose", "-v", action="store_true", help="also print passing cases")
    ap.add_argument("--self-test", action="store_true")
    a = ap.parse_args()

    all_cases = load_expected(a.expected)
    if a.self_test:
        return self_test(all_cases)
    cases = [c for c in all_cases if a.filter in c["id"]] if a.filter else all_cases
    cases = cases[::max(1, a.every)]
    known = {}
    if a.known_differences and os.path.exists(a.known_differences):
        known = {k: v for k, v in json.load(open(a.known_differences)).items() if not k.startswith("_")}
    unknown_ids = sorted(set(known) - {c["id"] for c in all_cases})
    bamlc = find_bamlc(a.bamlc)
    if not bamlc or not os.path.exists(bamlc):
        print(f"bamlc not found ({bamlc}): pass --bamlc or set BAMLC")
        return 2

    env = clean_env()
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        futs = [pool.submit(run_case, bamlc, c, env, a.timeout) for c in cases]
        for c, f in zip(cases, futs):
            passed, diffs, rc = f.result()
            results.append({"id": c["id"], "category": case_category(c["id"]), "passed": passed,
                            "known": c["id"] in known, "reason": known.get(c["id"]), "diffs": diffs,
                            "exit": rc, "expected_ok": c["ok"], "partial": c["partial"]})

    failed = [r for r in results if not r["passed"] and not r["known"]]
    known_failed = [r for r in results if not r["passed"] and r["known"]]
    fixed = [r for r in results if r["passed"] and r["known"]]
    for r in results:
        if r["passed"] and a.verbose:
            print(f"ok   {r['id']}")
    for r in failed:
        print(f"FAIL {r['id']}")
        for d in r["diffs"]:
            print(f"     {d}")
    for r in known_failed:
        print(f"known {r['id']}: {r['reason']}")
    for r in fixed:
        print(f"NOTE {r['id']} passes now: remove it from known differences")
    for i in unknown_ids:
        print(f"NOTE known difference {i} names no case")
    cats = collections.Counter(category(r["diffs"][0]) if r["diffs"] else "?" for r in failed)
    totals = collections.Counter(r["category"] for r in results)
    by_case_cat = collections.Counter(r["category"] for r in failed)
    if failed:
        print("failing cases by corpus category:")
        for cat in sorted(totals, key=lambda k: (-by_case_cat[k], k)):
            if by_case_cat[cat]:
                print(f"  {by_case_cat[cat]:4d} of {totals[cat]:4d}  {cat}")
        print("failure categories (first difference of each failing case):")
        for cat, n in cats.most_common():
            print(f"  {n:4d}  {cat}")
    passed = sum(1 for r in results if r["passed"])
    print(f"{passed} passed, {len(failed)} failed, {len(known_failed)} known differences "
          f"({len(results)} cases, bamlc {bamlc})")
    if a.report:
        with open(a.report, "w", encoding="utf-8") as fh:
            json.dump({"bamlc": bamlc, "passed": passed, "failed": len(failed), "categories": dict(cats),
                       "failed_by_case_category": dict(by_case_cat), "known_differences": len(known_failed),
                       "results": results}, fh, indent=1, sort_keys=True, ensure_ascii=False)
            fh.write("\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
