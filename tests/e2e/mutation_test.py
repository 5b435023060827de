#!/usr/bin/env python3
"""End to end: a mutation loop over examples/agent (issue 13, §2). Each mutant is a copy of
examples/agent/baml_src with one to three random byte- or token-level mutations (bytes deleted,
duplicated or inserted, brackets swapped, brackets repeated thousands deep, the file truncated,
invalid UTF-8 inserted, lines duplicated, tokens swapped or dropped); `bamlc check --from` must
end on each within the bounds of hostile_inputs_test.py: in time, exit 0 or 1 (1 with a
positioned `error[E...]`), under 1 MB of output, diagnostics capped, no signal, no sanitizer
report.

    mutation_test.py BAMLC REPO_ROOT [--count N] [--seed S] [--index I] [--max-failures F]

Mutant I of seed S is always the same (its generator is seeded with "S:I"), so a failure is
reproduced with `--seed S --index I`. Failing mutants are kept in a temporary directory whose
path is printed, each with MUTATIONS.txt saying what was done to it.
"""
import argparse
import os
import random
import re
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hostile_inputs_test import TIMEOUT_S, check_bounds, is_sanitized, run_bounded  # noqa: E402

DEFAULT_SEED = 1302
DEFAULT_COUNT = 150
DEEP_SIZES = [8, 100, 1_000, 5_000, 20_000]

BAD_UTF8 = [b"\xc0\xaf", b"\xc1\xbf", b"\xe0\x80\xaf", b"\xf0\x80\x80\xaf", b"\xf4\x90\x80\x80", b"\xf5\x80\x80\x80",
            b"\xf6", b"\xf7\xbf\xbf\xbf", b"\xed\xa0\x80", b"\xed\xbf\xbf", b"\x80", b"\xbf\xbf", b"\xfe", b"\xff",
            b"\xe2\x82", b"\xf0\x9f\x98", b"\x00", b"\xc3"]
VOCABULARY = [b"{", b"}", b"[", b"]", b"(", b")", b"<", b">", b",", b"|", b"?", b"@", b"@@", b"#", b'"', b'#"', b'"#',
              b'##"', b"{{", b"}}", b"{%", b"%}", b"{#", b"#}", b":", b"->", b"=", b"{//", b"//}", b"//", b"\n",
              b"class", b"enum", b"client<llm>", b"function", b"type", b"map<", b"test", b"retry_policy", b"dynamic",
              b"template_string", b"generator", b"type_builder", b"4min", b"-5s", b"1e999", b"99999999999999999999h",
              b"0s", b"none", b"env.", b"_.role(", b"ctx.output_format", b"{% if x %}", b"{% endif %}", b"{% for",
              b"{% endfor %}", b"@check(c, {{", b"@@dynamic", b"@stream.done", b"max_retries 2147483647",
              b"\t", b"\r", b"\r\n", b"\xc3\xa9", b"\xe2\x86\x92", b"\xf0\x9f\x98\x80"]
BRACKETS = b"{}[]()<>"
OPENERS = [b"(", b"[", b"{", b"<", b"map<string, ", b"{{ ", b"{{ (", b"{% if x %}", b"{% for x in y %}", b"@",
           b"#\"", b"{ a ", b"[[", b"((", b"int[]", b"?"]
CLOSERS = {b"(": b")", b"[": b"]", b"{": b"}", b"<": b">", b"map<string, ": b">", b"{{ (": b")",
           b"{% if x %}": b"{% endif %}", b"{% for x in y %}": b"{% endfor %}", b"[[": b"]]", b"((": b"))",
           b"{ a ": b" }"}
TOKEN = re.compile(rb"\w+|\s+|[^\w\s]")


def pick_pos(rng, data):
    return rng.randint(0, len(data))


def delete_range(rng, data):
    i = pick_pos(rng, data)
    n = rng.choice([1, 1, 2, 5, 20, 200])
    return data[:i] + data[i + n:], f"delete {n} bytes at {i}"


def duplicate_range(rng, data):
    i = pick_pos(rng, data)
    n = rng.choice([1, 3, 10, 50, 500])
    j = pick_pos(rng, data)
    return data[:j] + data[i:i + n] + data[j:], f"copy {n} bytes from {i} to {j}"


def insert_random_bytes(rng, data):
    i = pick_pos(rng, data)
    chunk = bytes(rng.randrange(256) if rng.random() < 0.3 else rng.randrange(32, 127) for _ in range(rng.randint(1, 16)))
    return data[:i] + chunk + data[i:], f"insert {chunk!r} at {i}"


def insert_token(rng, data):
    i = pick_pos(rng, data)
    token = rng.choice(VOCABULARY)
    return data[:i] + token + data[i:], f"insert {token!r} at {i}"


def swap_bracket(rng, data):
    where = [k for k, b in enumerate(data) if b in BRACKETS]
    if not where:
        return insert_token(rng, data)
    i = rng.choice(where)
    new = rng.choice([b for b in BRACKETS if b != data[i]])
    return data[:i] + bytes([new]) + data[i + 1:], f"bracket {chr(data[i])!r} at {i} -> {chr(new)!r}"


def deep_brackets(rng, data):
    i = pick_pos(rng, data)
    opener = rng.choice(OPENERS)
    n = rng.choice(DEEP_SIZES)
    chunk = opener * n
    closer = CLOSERS.get(opener) if rng.random() < 0.5 else None  # sometimes balanced
    if closer is not None:
        chunk += b"x" + closer * n
    return data[:i] + chunk + data[i:], f"insert {opener!r} x {n}{' closed' if closer else ''} at {i}"


def truncate(rng, data):
    i = pick_pos(rng, data)
    return data[:i], f"truncate at {i}"


def insert_bad_utf8(rng, data):
    i = pick_pos(rng, data)
    seq = rng.choice(BAD_UTF8)
    return data[:i] + seq + data[i:], f"insert {seq!r} at {i}"


def duplicate_lines(rng, data):
    lines = data.split(b"\n")
    k = rng.randrange(len(lines))
    times = rng.choice([1, 2, 10, 1_000, 20_000])
    return b"\n".join(lines[:k] + [lines[k]] * (times + 1) + lines[k + 1:]), f"line {k + 1} repeated x{times}"


def swap_lines(rng, data):
    lines = data.split(b"\n")
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines), f"swap lines {a + 1} and {b + 1}"


def token_edit(rng, data):
    tokens = TOKEN.findall(data)
    if len(tokens) < 2:
        return insert_token(rng, data)
    a, b = rng.randrange(len(tokens)), rng.randrange(len(tokens))
    kind = rng.choice(["swap", "drop", "dup"])
    if kind == "swap":
        tokens[a], tokens[b] = tokens[b], tokens[a]
    elif kind == "drop":
        del tokens[a]
    else:
        tokens.insert(b, tokens[a])
    return b"".join(tokens), f"token {kind} {a}/{b}"


def long_line(rng, data):
    i = pick_pos(rng, data)
    n = rng.choice([10_000, 300_000, 2_000_000])
    filler = rng.choice([b"a", b"x ", b"$", b"{{", b"{{ (x }}", b"@"])
    return data[:i] + filler * (n // len(filler)) + data[i:], f"insert {filler!r} x {n // len(filler)} at {i}"


MUTATIONS = [delete_range, duplicate_range, insert_random_bytes, insert_token, insert_token, swap_bracket,
             swap_bracket, deep_brackets, truncate, insert_bad_utf8, duplicate_lines, swap_lines, token_edit,
             token_edit, long_line]


def mutate(rng, originals):
    """A mutant: {name: bytes} and what was done to it."""
    files = dict(originals)
    names = sorted(files)
    done = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        name = rng.choice(names)
        mutation = rng.choice(MUTATIONS)
        files[name], what = mutation(rng, files[name])
        done.append(f"{name}: {mutation.__name__}: {what}")
    return files, done


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bamlc")
    ap.add_argument("root")
    ap.add_argument("--count", type=int, default=DEFAULT_COUNT)
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--index", type=int, default=None, help="run only this mutant")
    ap.add_argument("--max-failures", type=int, default=10, help="stop after this many (0: never)")
    args = ap.parse_args()
    bamlc = os.path.abspath(args.bamlc)
    source = os.path.join(os.path.abspath(args.root), "examples", "agent", "baml_src")
    originals = {}
    for name in sorted(os.listdir(source)):
        with open(os.path.join(source, name), "rb") as f:
            originals[name] = f.read()
    slowdown = 3.0 if is_sanitized(bamlc) else 1.0
    timeout = TIMEOUT_S * slowdown
    indices = [args.index] if args.index is not None else range(args.count)
    print(f"mutation test: seed {args.seed}, {len(indices)} mutants of {source}")
    print(f"reproduce one with: {sys.argv[0]} BAMLC REPO_ROOT --seed {args.seed} --index I")

    work = tempfile.TemporaryDirectory(prefix="bamlc-mutant-")
    kept = None
    failures, exits, times = [], {}, []
    started = time.monotonic()
    for i in indices:
        rng = random.Random(f"{args.seed}:{i}")
        files, done = mutate(rng, originals)
        src = os.path.join(work.name, "baml_src")
        shutil.rmtree(src, ignore_errors=True)
        os.makedirs(src)
        for name, data in files.items():
            with open(os.path.join(src, name), "wb") as f:
                f.write(data)
        r = run_bounded([bamlc, "check", "--from", src], timeout=timeout)
        times.append((r.elapsed, i))
        exits[r.returncode] = exits.get(r.returncode, 0) + 1
        try:
            check_bounds(r, "any")
        except AssertionError as e:
            if kept is None:
                kept = tempfile.mkdtemp(prefix="bamlc-failing-mutants-")
            dest = os.path.join(kept, f"mutant-{args.seed}-{i}")
            shutil.copytree(src, os.path.join(dest, "baml_src"))
            with open(os.path.join(dest, "MUTATIONS.txt"), "w") as f:
                f.write(f"seed {args.seed} index {i}\n" + "\n".join(done) + f"\n{r.summary()}\n{e}\n")
            failures.append(i)
            print(f"FAIL mutant {i} ({r.summary()}): {str(e)[:300]}")
            for line in done:
                print(f"       {line}")
            print(f"       kept in {dest}")
            if args.max_failures and len(failures) >= args.max_failures:
                print(f"stopping after {len(failures)} failures")
                break
    total = time.monotonic() - started
    times.sort(reverse=True)
    print(f"exit codes: {dict(sorted(exits.items(), key=lambda kv: str(kv[0])))}; "
          f"slowest: {', '.join(f'#{i} {t:.2f} s' for t, i in times[:3])}; total {total:.1f} s")
    if kept:
        print(f"failing mutants kept in {kept}")
    ran = len(times)
    print(f"{ran - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
