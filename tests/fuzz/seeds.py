#!/usr/bin/env python3
"""Writes the seed corpus of each fuzz target (docs/fuzzing.md) from the tests' own inputs.

    seeds.py OUT_DIR [--bamlc BAMLC] [TARGET...]

OUT_DIR/TARGET/ gets one file per seed, named by its hash, so rerunning adds nothing twice and
leaves what the fuzzer added alone. Each seed starts with the bytes its target reads first (see
the target's header comment). Sources:

  compiler_fuzz  every .baml file under tests/ and examples/, and each project's files joined
  template_fuzz  the prompts, template_strings and @check/@assert expressions of those files, with
                 the arguments tests/render_golden/cases.jsonl gives the function
  http_fuzz      tests/fuzz/http_replies.jsonl (the mock LLM server's bodies and events for the
                 four wire formats, faults included, and the decoder tests' fixtures)
  ir_fuzz        tests/ir/*.ir.json, and the IR of every project, from `BAMLC build --emit-ir`
                 when a bamlc is given (scripts/fuzz passes build/cli/bamlc if it is built)
  args_fuzz      the arguments of tests/render_golden/cases.jsonl, the test blocks' arguments in
                 those IRs, each read whole and each value as every parameter type
  parse_fuzz     the model outputs of tests/parse_golden/cases.jsonl
  parse_stream_fuzz  the same (the two targets read the same inputs)
"""
import argparse
import hashlib
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARGETS = ["compiler_fuzz", "template_fuzz", "http_fuzz", "ir_fuzz", "args_fuzz", "parse_fuzz", "parse_stream_fuzz"]
MAX_LEN = 65536  # scripts/fuzz's -max_len

# The parameters of runtime/fuzz/fuzz_support.cpp, in order: args_fuzz's byte 0 picks one of them,
# or all of them as a function's arguments (the value after the last).
PARAMETERS = ["text", "n", "x", "flag", "nothing", "wait", "img", "audio", "pdf", "video", "person", "resume",
              "tree", "s", "pet", "color", "colors", "items", "grid", "people", "maybe_int", "maybe_person",
              "counts", "by_color", "by_letter", "int_or_text", "float_or_int", "job_or_jobs", "maybe_wait",
              "letter", "one_or_two", "yes", "json"]
# http_fuzz's providers, in runtime/fuzz/http_fuzz.cpp's order.
PROVIDERS = ["openai", "openai-generic", "azure-openai", "ollama", "openai-responses", "anthropic", "google-ai"]


class Corpus:
    def __init__(self, out, target):
        self.dir = out / target
        self.dir.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def add(self, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogateescape")
        if len(data) > MAX_LEN:
            return
        path = self.dir / ("seed-" + hashlib.sha1(data).hexdigest()[:16])
        if not path.exists():
            path.write_bytes(data)
        self.count += 1


def baml_files():
    return sorted(p for d in ("tests", "examples") for p in (ROOT / d).rglob("*.baml"))


def projects():
    """Directories that are projects: every baml_src, and the few test projects named otherwise."""
    found = sorted({p for d in ("tests", "examples") for p in (ROOT / d).rglob("baml_src") if p.is_dir()})
    found += sorted(p for p in (ROOT / "tests" / "ir").iterdir() if p.is_dir())
    found.append(ROOT / "tests" / "output_format_golden" / "project")
    return found


# Edges the tests do not reach (the first once failed here): escapes that are half a surrogate
# pair, durations and counts at their limits, long chains and cycles of aliases, classes and
# fallbacks, deep nesting of every kind.
HOSTILE_BAML = [
    'function F(x: int) -> int {\n  client "openai/gpt-4o"\n  prompt #"{{ "\\ud800" }} {{ "\\ud83d\\ude00" }}"#\n}\n',
    'client<llm> C {\n  provider openai\n  options {\n    model "m"\n    connect_timeout 2501999792h\n    total_timeout 9007199254740991ms\n'
    '    idle_timeout 99999999999999999999h\n  }\n}\nretry_policy P {\n  max_retries 2147483646\n  strategy {\n'
    '    type exponential_backoff\n    delay 2501999792h\n    multiplier 1e308\n  }\n}\n',
    "\n".join("type T%d = T%d" % (i, (i + 1) % 200) for i in range(200)) + "\n",
    "\n".join("class C%d {\n  x C%d\n}" % (i, (i + 1) % 100) for i in range(100)) + "\n",
    "\n".join("client<llm> C%d {\n  provider fallback\n  options {\n    strategy [C%d, C%d]\n  }\n}" % (i, i + 1, (i + 7) % 60)
               for i in range(60)) + "\n",
    "class A {\n  x " + "map<string, " * 120 + "int" + ">" * 120 + "\n  y int" + "[]" * 300 + "\n}\n",
    'function F(x: int) -> int {\n  client "openai/gpt-4o"\n  prompt #"' + "{% if x %}" * 120 + "a" + "{% endif %}" * 120 +
    "{{ " + "(" * 150 + "x" + ")" * 150 + " }}{{ x" + "|abs" * 500 + " }}" + '"#\n}\n',
    "test T {\n  functions [F]\n  args {\n    x 99999999999999999999999\n    y " + "[" * 200 + "]" * 200 + "\n  }\n}\n"
    'function F(x: int, y: int[]) -> int {\n  client "openai/gpt-4o"\n  prompt #"{{ x }}"#\n}\n',
]


def compiler_seeds(corpus):
    for text in HOSTILE_BAML:
        corpus.add(text)
    for path in baml_files():
        corpus.add(path.read_bytes())
    for project in projects():
        corpus.add(b"\n".join(p.read_bytes() for p in sorted(project.rglob("*.baml"))))


RAW = r'(#+)"(.*?)"\1'
TEMPLATE_STRING = re.compile(r'template_string\s+(\w+)\s*\(([^)]*)\)\s*' + RAW, re.S)
FUNCTION = re.compile(r'function\s+(\w+)\s*\(([^)]*)\)[^{]*\{(.*?)\n\}', re.S)
PROMPT = re.compile(r'prompt\s*' + RAW, re.S)
CHECK = re.compile(r'@@?(?:check|assert)\s*\((?:\s*\w+\s*,)?\s*\{\{(.*?)\}\}\s*\)', re.S)


def parameter_names(params):
    return [name for name in re.findall(r'(\w+)\s*:', params)]


def jsonl_lines(path):
    """The lines of a JSONL file: split at "\n" only (splitlines() also splits at U+2028 and U+0085,
    which a JSON line may hold unescaped)."""
    return [line for line in path.read_text(encoding="utf-8").split("\n") if line.strip()]


def render_golden_args():
    args = {}
    for line in jsonl_lines(ROOT / "tests" / "render_golden" / "cases.jsonl"):
        case = json.loads(line)
        args.setdefault(case["function"], []).append(case["args"])
    return args


HOSTILE_TEMPLATES = [
    "{{ 9223372036854775807 + 1 }}{{ -9223372036854775807 - 2 }}{{ 9223372036854775807 * 2 }}",
    "{{ (-9223372036854775807 - 1) // -1 }}{{ (-9223372036854775807 - 1) % -1 }}{{ -(-9223372036854775807 - 1) }}",
    "{{ (-9223372036854775807 - 1)|abs }}{{ 2 ** 64 }}{{ 2 ** -1 }}{{ 10 // 0 }}{{ 10 % 0 }}{{ 1e308 * 10 }}",
    "{{ (1e308 * 10)|int }}{{ 1e19|int }}{{ \"nan\"|float|int }}{{ \"9999999999999999999999999\"|int }}",
    "{{ range(-9223372036854775807 - 1, 9223372036854775807, 9223372036854775807)|list }}{{ range(0, 10, 0) }}",
    "{{ \"x\" * 9223372036854775807 }}{{ [1] * 9223372036854775807 }}{{ items[::0] }}{{ text[::-1] }}",
    "{{ items|batch(0) }}{{ items|slice(-1) }}{{ text|indent(-5) }}{{ 1.5|round(400) }}{{ x|round(-400) }}",
    "{% set ns = namespace(a=1) %}{% set ns.a = ns %}{{ ns }}",
    "{% set ns = namespace(x=1) %}{% for i in range(60000) %}{% set ns.x = [ns.x] %}{% endfor %}{{ ns.x }}",
    "{% set ns = namespace(items=[], n=0) %}{% for i in items %}{% set ns.items = ns.items + [i] %}"
    "{% set ns.n = ns.n + 1 %}{% endfor %}{{ ns.items }}{{ ns.n }}{{ loop }}",
    "{% for i in items %}{{ loop.changed(i) }}{{ loop.cycle(1, 2) }}{{ loop.previtem }}{% endfor %}",
    '{{ text|regex_match("(a+)+$") }}{{ ("a" * 28 ~ "!")|regex_match("(a+)+$") }}{{ ("x" * 100000)|regex_match(".*foo") }}',
    '{{ text|regex_match("(?i)^h\\w+[[:alpha:]]{1,3}\\b|(?m)^$|[^\\d\\s]{2,}?|\\x41\\u{1F600}") }}',
]


def template_seeds(corpus):
    golden = render_golden_args()
    for path in baml_files():
        text = path.read_text(errors="surrogateescape")
        macros = [f"{name}({', '.join(parameter_names(params))})\n{body}"
                  for name, params, _, body in TEMPLATE_STRING.findall(text)]
        tail = "".join("\0" + m for m in macros[:8])
        for i, (name, _, body) in enumerate(FUNCTION.findall(text)):
            prompt = PROMPT.search(body)
            if not prompt:
                continue
            for j, args in enumerate(golden.get(name, [{}])[:4]):
                flags = ((i + j) % 8) << 2  # the return type ctx.output_format shows
                corpus.add(bytes([flags]) + (prompt.group(2) + "\0" + json.dumps(args) + tail).encode())
        for _, _, _, body in TEMPLATE_STRING.findall(text):
            corpus.add(b"\0" + body.encode() + b"\0{}" + tail.encode())
        for expr in CHECK.findall(text):
            corpus.add(b"\x01" + expr.encode() + b"\0{}")
    # Edges the tests do not reach: int64's limits, NaN and infinities, huge repeats and ranges,
    # namespaces holding themselves or nesting without end (each of which once failed here).
    for text in HOSTILE_TEMPLATES:
        corpus.add(b"\0" + text.encode() + b'\0{"n": 3, "text": "h\u00e9llo", "items": ["a", "b"], "x": 1.5}')
    # Arguments of every fixed type, shown by a template that prints them all.
    shown = "".join("{{ %s }}\n" % p for p in PARAMETERS)
    corpus.add(b"\0" + shown.encode() + b"\0" + json.dumps({
        "text": "héllo", "n": 3, "x": 1.5, "flag": True, "wait": "1m30s", "img": {"url": "https://example.com/a.png"},
        "person": {"name": "Ada", "fullName": "Ada L", "full_name": "Ada Lovelace", "age": 36},
        "colors": ["RED", "verde"], "counts": {"a": 1}, "by_color": {"RED": "r"}, "json": [1, "a", {"k": [2]}],
    }).encode())


def http_seeds(corpus):
    replies = ROOT / "tests" / "fuzz" / "http_replies.jsonl"
    modes = {"stream": 0, "body": 1, "stream_json": 2, "error": 3}
    for i, line in enumerate(jsonl_lines(replies)):
        r = json.loads(line)
        body = r["body"].encode("utf-8", "surrogateescape")
        provider = PROVIDERS.index(r["provider"])
        mode = modes[r["mode"]]
        status = r.get("status", 200)
        second = (status - 400) % 200 if mode == 3 else i % 256  # the status, or the chunk sizes
        corpus.add(bytes([provider + 7 * mode, second]) + body)
        if mode == 1:
            corpus.add(bytes([provider + 7 * 2, second]) + body)  # a stream request answered with JSON
        if mode == 0:
            corpus.add(bytes([provider + 7 * 5, i % 256]) + body)  # the SSE parser alone
    for value in ["120", "0", "1.5", "Wed, 21 Oct 2015 07:28:00 GMT", "Sun, 06 Nov 1994 08:49:37 GMT", "250", "-1",
                  "99999999999999999999999"]:
        corpus.add(bytes([7 * 5, 0]) + value.encode())


def emit_ir(bamlc, project, out):
    result = subprocess.run([bamlc, "build", "--from", str(project), "--emit-ir", str(out)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return result.returncode == 0 and out.exists()


def ir_documents(bamlc):
    docs = [p.read_text() for p in sorted((ROOT / "tests" / "ir").glob("*.ir.json"))]
    if bamlc:
        with tempfile.TemporaryDirectory() as tmp:
            for i, project in enumerate(projects()):
                out = pathlib.Path(tmp) / f"{i}.json"
                if emit_ir(bamlc, project, out):
                    docs.append(out.read_text())
    return docs


# Edges of the IR reader (each of which once failed here): entries that are not objects, a
# max_retries past an int, a round-robin start past one, types nested deep, a cycle of fallbacks.
HOSTILE_IR = [
    {"ir_version": 1, "template_strings": ["members"], "functions": [7]},
    {"ir_version": 1, "clients": [{"name": "A", "provider": "openai", "kind": "leaf", "options": {"model": "m"},
                                   "retry_policy": "P"}],
     "retry_policies": [{"name": "P", "max_retries": 2147483647, "strategy": {"type": "constant_delay", "delay_ms": 1},
                         "retry_on": ["connect"]}]},
    {"ir_version": 1, "clients": [{"name": "R", "provider": "round-robin", "kind": "round-robin", "options": {},
                                   "strategy": ["R", "A"], "start": 9223372036854775807},
                                  {"name": "A", "provider": "fallback", "kind": "fallback", "options": {},
                                   "strategy": ["R"]}]},
    {"ir_version": 1, "aliases": [{"name": "Deep", "type": json.loads('{"kind": "list", "items": ' * 300 + '{"kind": "int"}' + "}" * 300)}]},
]


def ir_seeds(corpus, docs):
    for doc in docs + [json.dumps(d) for d in HOSTILE_IR]:
        corpus.add(doc)
        corpus.add(json.dumps(json.loads(doc), separators=(",", ":")))  # compact: shorter inputs


def args_seeds(corpus, docs):
    objects = [args for cases in render_golden_args().values() for args in cases]
    for doc in docs:
        for test in json.loads(doc).get("tests") or []:
            if isinstance(test.get("args"), dict):
                objects.append(test["args"])
    values = [v for args in objects for v in args.values()]
    extra = [{"url": "https://example.com/a.png", "media_type": "image/png"}, {"base64": "aGk=", "media_type": "image/png"},
               "90s", 1500, {"name": "Ada", "full_name": "Ada L", "age": 36}, {"kind": "dog", "bark": "woof"},
               {"v": 1, "children": [{"v": 2, "children": []}]}, {"RED": "r", "verde": "g"}, {"x": 1.5},
               [[1, 2], [3]], {"title": "t", "years": 2}, "verde"]
    whole = bytes([len(PARAMETERS)])
    for args in objects:
        corpus.add(whole + json.dumps(args).encode())
    # Each value of the tests as three of the types, each value written here as every type.
    seen = set()
    for i, value in enumerate(values + extra):
        text = json.dumps(value)
        if text in seen:
            continue
        seen.add(text)
        n = len(PARAMETERS)
        choices = range(n) if i >= len(values) else {i % n, (i + n // 3) % n, (i + 2 * n // 3) % n}
        for choice in choices:
            corpus.add(bytes([choice]) + text.encode())


def parse_seeds(corpus):
    # runtime/parse/fuzz.cpp's input: a function and whole or partial, a chunk size, then the text.
    for i, line in enumerate(jsonl_lines(ROOT / "tests" / "parse_golden" / "cases.jsonl")):
        text = json.loads(line)["text"].encode("utf-8", "surrogateescape")
        corpus.add(bytes([i % 58, i % 16]) + text)
    # Stray closing brackets, which once cost the square of their number (whole parse, FPerson).
    corpus.add(bytes([9, 15]) + b"}" * 20000 + b"]" * 20000)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=pathlib.Path)
    parser.add_argument("--bamlc", help="a bamlc to build the IR of the test projects with")
    parser.add_argument("targets", nargs="*", default=TARGETS)
    args = parser.parse_intermixed_args()
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        sys.exit(f"seeds.py: unknown target {', '.join(unknown)} (known: {', '.join(TARGETS)})")
    bamlc = args.bamlc if args.bamlc and os.access(args.bamlc, os.X_OK) else None
    docs = ir_documents(bamlc) if {"ir_fuzz", "args_fuzz"} & set(args.targets) else []
    make = {"compiler_fuzz": compiler_seeds, "template_fuzz": template_seeds, "http_fuzz": http_seeds,
            "ir_fuzz": lambda c: ir_seeds(c, docs), "args_fuzz": lambda c: args_seeds(c, docs),
            "parse_fuzz": parse_seeds, "parse_stream_fuzz": parse_seeds}
    for target in args.targets:
        corpus = Corpus(args.out, target)
        make[target](corpus)
        print(f"seeds.py: {target}: {corpus.count} seeds")


if __name__ == "__main__":
    main()
