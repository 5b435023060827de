#!/usr/bin/env python3
"""Compares `bamlc render` with the real BAML 0.226.2 on every case of expected.jsonl (written by
regenerate.py from cases.jsonl).

    compare.py [--bamlc BAMLC] [--known-differences FILE] [--report FILE] [--filter TEXT] [--every N]
               [--jobs N] [--verbose] [--self-test]

BAMLC defaults to $BAMLC, then build/cli/bamlc of this repository. For each case it runs, from
this folder and with only PATH/HOME and the dummy keys of env.json in the environment:

    bamlc render FUNCTION --from projects/PROJECT/baml_src --args 'JSON' --format json [--stream]

and compares the FIRST line (the first leaf client, the one BAML builds for a fallback) with BAML:
  * method and url: equal;
  * body: JSON-equal, numbers compared numerically (relative 1e-6: bedrock's f32 0.2 is
    0.20000000298023224), a bool never equal to a number;
  * headers (names case-insensitive): every header BAML sends must be there with the same value,
    except baml-original-url (BAML-internal) and the time-dependent AWS signing headers; secret
    headers (authorization, x-api-key, api-key, x-goog-api-key) must be there but redacted; extra
    headers are allowed;
  * the key never appears anywhere in bamlc's output (stdout or stderr);
  * a case BAML refuses (ok false) passes when bamlc exits 1.
Cases listed in the known-differences file ({"case id": "reason", ...}) are reported but do not
fail; a listed case that now passes is reported so it can be removed from the list.

Prints one line per failure with a short diff, then `N passed, M failed, K known differences`;
--report writes every result as JSON. Exit 0 when nothing failed, 1 otherwise, 2 on bad usage.
--self-test checks the comparator itself against expected.jsonl (expected vs expected with
secrets redacted must pass; planted differences must be caught); it needs no bamlc.
"""
import argparse
import concurrent.futures
import json
import collections
import math
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SECRET_HEADERS = {"authorization", "x-api-key", "api-key", "x-goog-api-key"}
IGNORED_HEADERS = {"baml-original-url"}
TIME_DEPENDENT = {"x-amz-date", "x-amz-security-token", "x-amz-content-sha256"}
REL_TOL = 1e-6
MAX_DIFFS = 6


# ---------------------------------------------------------------- comparison

def _is_num(x):
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _short(v, n=160):
    s = json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else json.dumps(v, ensure_ascii=False)
    return s if len(s) <= n else s[:n] + "…"


def _string_diff(a, b):
    """Where two strings first differ, with a little context."""
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    lo = max(0, i - 30)
    return (f"first difference at char {i}: BAML …{_short(a[lo:i + 50], 120)} "
            f"vs bamlc …{_short(b[lo:i + 50], 120)} (lengths {len(a)} vs {len(b)})")


def json_diff(exp, act, path="body", out=None):
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


def secret_of(name, value):
    """The key inside a secret header's value (without "Bearer ")."""
    v = str(value)
    if name == "authorization" and v.lower().startswith("bearer "):
        v = v[7:]
    return v.strip()


def compare_request(exp_req, act, aws):
    """Differences between BAML's request and bamlc's first line (a dict)."""
    diffs = []
    if act.get("method") != exp_req["method"]:
        diffs.append(f"method: BAML {exp_req['method']} vs bamlc {act.get('method')}")
    if act.get("url") != exp_req["url"]:
        diffs.append(f"url: BAML {exp_req['url']} vs bamlc {act.get('url')}")
    act_headers = {str(k).lower(): v for k, v in (act.get("headers") or {}).items()}
    for name, value in sorted(exp_req["headers"].items()):
        name = name.lower()
        if name in IGNORED_HEADERS or name in TIME_DEPENDENT or value == "<time-dependent>":
            continue
        if name == "authorization" and aws:
            continue
        if name not in act_headers:
            diffs.append(f"headers.{name}: missing in bamlc (BAML sends {'a secret' if name in SECRET_HEADERS else _short(value)})")
        elif name in SECRET_HEADERS:
            key = secret_of(name, value)
            if key and key in str(act_headers[name]):
                diffs.append(f"headers.{name}: the key is NOT redacted")
        elif act_headers[name] != value:
            diffs.append(f"headers.{name}: BAML {_short(value)} vs bamlc {_short(act_headers[name])}")
    if "body" not in act:
        diffs.append("body: missing in bamlc")
    else:
        diffs.extend(json_diff(exp_req["body"], act["body"]))
    return diffs


def secrets_in(case):
    """The keys a case's request carries (to check bamlc never prints them)."""
    if not case.get("ok"):
        return []
    out = []
    for name, value in case["request"]["headers"].items():
        if name.lower() in SECRET_HEADERS and value != "<time-dependent>":
            key = secret_of(name.lower(), value)
            if len(key) >= 6:
                out.append(key)
    return out


def first_json_line(stdout):
    # Lines end at "\n" only: a JSON line may hold U+2028 or U+0085, which splitlines() splits at.
    for line in stdout.split("\n"):
        line = line.strip()
        if line:
            return json.loads(line)
    raise ValueError("no output")


def judge(case, rc, stdout, stderr):
    """(passed, [diff lines]) for one run of bamlc."""
    leaks = [k for k in secrets_in(case) if k in stdout or k in stderr]
    diffs = [f"the key {k[:4]}… appears in bamlc's output" for k in leaks]
    if not case["ok"]:
        if rc != 1:
            diffs.insert(0, f"BAML refuses ({case['error'][:160]}) but bamlc exited {rc}"
                         + (f": {_short(stdout.strip(), 200)}" if rc == 0 else ""))
        return not diffs, diffs
    if rc != 0:
        msg = (stdout.strip() or stderr.strip()).splitlines()
        return False, [f"bamlc exited {rc}: {_short(msg[0] if msg else '', 300)}"] + diffs
    try:
        act = first_json_line(stdout)
    except ValueError as e:
        return False, [f"bamlc's output is not JSON lines ({e}): {_short(stdout[:200])}"] + diffs
    if not isinstance(act, dict):
        return False, [f"bamlc's first line is not an object: {_short(act)}"] + diffs
    aws = "amazonaws.com" in case["request"]["url"]
    diffs.extend(compare_request(case["request"], act, aws))
    return not diffs, diffs


# ---------------------------------------------------------------- running

def load_expected(path, cases_path=os.path.join(HERE, "cases.jsonl")):
    """The expectations, with each case's arguments as cases.jsonl writes them: expected.jsonl
    is written with sorted keys, but a map argument iterates in the order its keys were given."""
    with open(path, encoding="utf-8") as fh:
        expected = [json.loads(l) for l in fh if l.strip()]
    if os.path.exists(cases_path):
        with open(cases_path, encoding="utf-8") as fh:
            args = {c["id"]: c["args"] for c in (json.loads(l) for l in fh if l.strip())}
        for e in expected:
            if e.get("id") in args:
                e["args"] = args[e["id"]]
    return expected


def clean_env():
    env = {k: os.environ[k] for k in ("PATH", "HOME", "LANG", "TMPDIR") if k in os.environ}
    env.update(json.load(open(os.path.join(HERE, "env.json"))))
    return env


def command(bamlc, case):
    cmd = [bamlc, "render", case["function"], "--from", os.path.join("projects", case["project"], "baml_src"),
           "--args", json.dumps(case["args"], ensure_ascii=False), "--format", "json"]
    if case.get("stream"):
        cmd.append("--stream")
    return cmd


def run_case(bamlc, case, env, timeout):
    try:
        p = subprocess.run(command(bamlc, case), cwd=HERE, env=env, capture_output=True, text=True,
                           timeout=timeout, errors="replace")
        rc, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired:
        return False, [f"bamlc did not finish in {timeout}s"], None
    passed, diffs = judge(case, rc, out, err)
    return passed, diffs, rc


def redacted_like_bamlc(case):
    """What a correct bamlc line would be for a case: BAML's request with the secrets redacted."""
    req = json.loads(json.dumps(case["request"]))
    for k in list(req["headers"]):
        if k.lower() in SECRET_HEADERS:
            req["headers"][k] = "<redacted>"
    return dict({"client": "X"}, **req)


def self_test(cases):
    """The comparator on expected data: exact copies pass, planted differences fail."""
    problems = []

    def expect(name, case, rc, stdout, want_pass, stderr=""):
        passed, diffs = judge(case, rc, stdout, stderr)
        if passed != want_pass:
            problems.append(f"{name} [{case['id']}]: expected {'pass' if want_pass else 'fail'}, got "
                            f"{'pass' if passed else 'fail'} {diffs[:2]}")
        return diffs

    oks = [c for c in cases if c["ok"]]
    errs = [c for c in cases if not c["ok"]]
    for c in oks:
        expect("identical", c, 0, json.dumps(redacted_like_bamlc(c)) + "\n" + json.dumps({"client": "Y"}) + "\n", True)
    for c in errs:
        expect("refused", c, 1, json.dumps({"error": {"type": "X", "message": "m"}}) + "\n", True)
        expect("refused but rendered", c, 0, "{}\n", False)
        expect("refused but crashed", c, 134, "", False)
    c = next(c for c in oks if c["request"]["body"].get("messages"))
    line = redacted_like_bamlc(c)
    mut = json.loads(json.dumps(line))
    m0 = mut["body"]["messages"][0]
    if isinstance(m0["content"], str):
        m0["content"] += " "
    else:
        m0["content"][0]["text"] += " "
    expect("trailing space in text", c, 0, json.dumps(mut), False)
    mut = json.loads(json.dumps(line))
    mut["body"]["extra"] = 1
    expect("extra body key", c, 0, json.dumps(mut), False)
    mut = json.loads(json.dumps(line))
    mut["url"] += "/"
    expect("url", c, 0, json.dumps(mut), False)
    mut = json.loads(json.dumps(line))
    mut["headers"] = {k.upper(): v for k, v in mut["headers"].items()}
    expect("header names are case-insensitive", c, 0, json.dumps(mut), True)
    mut["headers"]["X-Extra-From-Bamlc"] = "1"
    expect("extra headers are allowed", c, 0, json.dumps(mut), True)
    mut = json.loads(json.dumps(line))
    mut["headers"].pop("content-type", None)
    expect("missing content-type", c, 0, json.dumps(mut), False)
    secret_case = next(c for c in oks if secrets_in(c))
    line = redacted_like_bamlc(secret_case)
    leaked = json.loads(json.dumps(line))
    for k in leaked["headers"]:
        if k.lower() in SECRET_HEADERS:
            leaked["headers"][k] = secret_case["request"]["headers"][k]
    expect("unredacted key", secret_case, 0, json.dumps(leaked), False)
    expect("key on stderr", secret_case, 0, json.dumps(line), False, stderr="debug: " + secrets_in(secret_case)[0])
    missing = json.loads(json.dumps(line))
    for k in list(missing["headers"]):
        if k.lower() in SECRET_HEADERS:
            del missing["headers"][k]
    expect("secret header missing", secret_case, 0, json.dumps(missing), False)
    expect("not JSON", c, 0, "POST https://...\n", False)
    expect("exit 1 on a good case", c, 1, "", False)
    # numbers: 0.2 vs f32 0.2 passes, 0.2 vs 0.3 fails, 1 vs true fails, 2 vs 2.0 passes
    for exp, act, ok in ((0.2, 0.20000000298023224, True), (0.2, 0.3, False), (1, True, False),
                         (2, 2.0, True), ("2", 2, False), (None, 0, False), ([1], [1, 2], False)):
        if (not json_diff({"v": exp}, {"v": act})) != ok:
            problems.append(f"numbers: {exp!r} vs {act!r} should {'pass' if ok else 'fail'}")
    checks = len(oks) + 3 * len(errs) + 12 + 7
    for p in problems:
        print("SELF-TEST FAIL", p)
    print(f"self-test: {checks - len(problems)} of {checks} checks behaved")
    return 1 if problems else 0


def category(diff):
    """A failure's kind, for the summary: the JSON path without indices, or the kind of exit."""
    m = re.match(r"bamlc exited (\d+)", diff)
    if m:
        return f"bamlc exited {m.group(1)}"
    if diff.startswith("BAML refuses"):
        return "BAML refuses, bamlc " + ("renders" if "exited 0" in diff else "fails otherwise")
    head = diff.split(":", 1)[0]
    return re.sub(r"\[\d+\]", "[]", head)


def find_bamlc(arg):
    for cand in (arg, os.environ.get("BAMLC"), os.path.join(REPO, "build", "cli", "bamlc")):
        if cand:
            return os.path.abspath(cand)
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bamlc")
    ap.add_argument("--expected", default=os.path.join(HERE, "expected.jsonl"))
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.jsonl"),
                    help="the cases the expectations were made from (for the arguments' key order)")
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

    cases = load_expected(a.expected, a.cases)
    if a.self_test:
        return self_test(cases)
    if a.filter:
        cases = [c for c in cases if a.filter in c["id"]]
    cases = cases[::max(1, a.every)]
    known = {}
    if a.known_differences and os.path.exists(a.known_differences):
        known = {k: v for k, v in json.load(open(a.known_differences)).items() if not k.startswith("_")}
    unknown_ids = sorted(set(known) - {c["id"] for c in load_expected(a.expected, a.cases)})
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
            results.append({"id": c["id"], "passed": passed, "known": c["id"] in known,
                            "reason": known.get(c["id"]), "diffs": diffs, "exit": rc,
                            "expected_ok": c["ok"]})

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
    if cats:
        print("failure categories (first difference of each failing case):")
        for cat, n in cats.most_common():
            print(f"  {n:4d}  {cat}")
    passed = sum(1 for r in results if r["passed"])
    print(f"{passed} passed, {len(failed)} failed, {len(known_failed)} known differences "
          f"({len(results)} cases, bamlc {bamlc})")
    if a.report:
        with open(a.report, "w", encoding="utf-8") as fh:
            json.dump({"bamlc": bamlc, "passed": passed, "failed": len(failed), "categories": dict(cats),
                       "known_differences": len(known_failed), "results": results},
                      fh, indent=1, sort_keys=True, ensure_ascii=False)
            fh.write("\n")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
