#!/usr/bin/env python3
"""Writes a synthetic BAML project for benchmarks and stress tests of bamlc.

Each file is about 150 lines in BAML's one-entry-per-line layout and holds enums, classes,
retry policies, leaf clients whose timeouts use both duration literals and BAML's `_ms`
spellings, a fallback client, functions whose prompts use their parameters and
ctx.output_format, and tests. Names carry the file index so they are unique across the project;
each file after the first also refers to a class of the previous file, so name resolution
crosses files. Limits are chosen so the project checks without warnings: connect < first token
< request, and the fallback's total covers the worst case of its children.

Usage: gen_synthetic.py --files N --out DIR [--seed S] [--dialect bamlc|baml]
(500 files is about 78,000 lines)

--dialect baml writes the same project in what BAML 0.226.2 accepts, for measuring `baml-cli`
beside bamlc: `int` milliseconds for bamlc's `duration` type and literals, only `_ms` timeout
spellings, and a TypeScript generator instead of the C++ one.
"""

import argparse
import pathlib
import random
import sys

MS_PER_UNIT = (("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1))

# Set by --dialect: True writes BAML 0.226.2's spellings (it has no duration type).
BAML_DIALECT = False


def literal(ms):
    """The canonical duration literal for a count of milliseconds (1500 -> 1s500ms)."""
    if BAML_DIALECT:
        return str(ms)
    if ms == 0:
        return "0s"
    out = []
    for unit, size in MS_PER_UNIT:
        if ms >= size:
            out.append(f"{ms // size}{unit}")
            ms %= size
    return "".join(out)


def timeout_line(rng, field, ms):
    """One timeout entry, in bamlc's duration spelling or BAML's `_ms` one (same meaning)."""
    if rng.random() < 0.3 or BAML_DIALECT:
        return f"{field}_ms {ms}"
    return f"{field} {literal(ms)}"


class FileWriter:
    """Collects one file's lines with two-space indentation per open block."""

    def __init__(self):
        self.lines = []
        self.depth = 0

    def line(self, text=""):
        self.lines.append(("  " * self.depth + text) if text else "")

    def open(self, text):
        self.line(f"{text} {{" if text else "{")
        self.depth += 1

    def close(self, separator=""):
        self.depth -= 1
        self.line("}" + separator)

    def open_list(self, key):
        self.line(f"{key} [")
        self.depth += 1

    def close_list(self):
        self.depth -= 1
        self.line("]")

    def text(self):
        return "\n".join(self.lines) + "\n"


CHANNELS = ["Email", "Phone", "Chat", "Letter", "Store", "Social"]


def duration_type():
    return "int" if BAML_DIALECT else "duration"


def write_types(w, i, channels):
    w.open(f"enum Status{i}")
    w.line("Active")
    w.line('Paused @alias("on_hold")')
    w.line('Archived @description("kept for records only")')
    w.line("Deleted @skip")
    w.close()
    w.line()
    w.open(f"enum Channel{i}")
    for name in channels:
        w.line(name)
    w.close()
    w.line()
    w.open(f"class Customer{i}")
    w.line("id int")
    w.line('name string @description("full name as the customer wrote it")')
    w.line("email string?")
    w.line(f"status Status{i}")
    w.line("metadata map<string, string>")
    w.line(f'response_time {duration_type()} @description("typical time the customer takes to answer")')
    if i > 0:
        w.line(f"referred_by Customer{i - 1}?")
    w.close()
    w.line()
    w.open(f"class Order{i}")
    w.line("order_id string")
    w.line("skus string[]")
    w.line(f"channel Channel{i}")
    w.line(f"shipping_time {duration_type()}?")
    w.line("quantity int @assert(positive, {{ this > 0 }})")
    w.line('priority 1 | 2 | 3')
    w.close()
    w.line()
    w.open(f"class Report{i}")
    w.line("summary string")
    w.line('risk "low" | "medium" | "high"')
    w.line(f"next_contact_in {duration_type()}")
    w.line("followups string[] @stream.done")
    w.line(f'@@description("A customer report for file {i}")')
    w.close()
    w.line()


def write_clients(w, i, rng):
    retries = rng.randint(1, 3)
    request_ms = rng.choice([45_000, 60_000, 90_000, 120_000])
    w.open(f"retry_policy Retry{i}")
    w.line(f"max_retries {retries}")
    w.open("strategy")
    if rng.random() < 0.7:
        w.line("type exponential_backoff")
        w.line(timeout_line(rng, "delay", rng.choice([100, 200, 250, 500])))
        w.line("multiplier 1.5")
        w.line(timeout_line(rng, "max_delay", rng.choice([2_000, 5_000, 10_000])))
    else:
        w.line("type constant_delay")
        w.line(timeout_line(rng, "delay", rng.choice([200, 500, 1_000])))
    w.close()
    w.close()
    w.line()
    w.open(f"client<llm> Primary{i}")
    w.line("provider openai")
    w.line(f"retry_policy Retry{i}")
    w.open("options")
    w.line(f'model "{rng.choice(["gpt-4o", "gpt-4o-mini", "gpt-4.1-mini"])}"')
    w.line("api_key env.OPENAI_API_KEY")
    w.line(f"temperature {rng.choice(['0.0', '0.2', '0.7'])}")
    w.open("http")
    w.line(timeout_line(rng, "connect_timeout", rng.choice([2_000, 3_000, 5_000])))
    w.line(timeout_line(rng, "time_to_first_token_timeout", rng.choice([10_000, 20_000, 30_000])))
    w.line(timeout_line(rng, "idle_timeout", rng.choice([5_000, 10_000, 15_000])))
    w.line(timeout_line(rng, "request_timeout", request_ms))
    w.close()
    w.close()
    w.close()
    w.line()
    w.open(f"client<llm> Secondary{i}")
    w.line("provider anthropic")
    w.open("options")
    w.line('model "claude-3-5-haiku-latest"')
    w.line("api_key env.ANTHROPIC_API_KEY")
    w.line("max_tokens 2048")
    w.open("http")
    w.line("connect_timeout_ms 4000")
    w.line("request_timeout_ms 90000")
    w.close()
    w.close()
    w.close()
    w.line()
    # Worst case: (retries + 1) x 2m + backoff for the primary, 90s for the secondary and 10m
    # for the shorthand's default request limit: under 20m.
    w.open(f"client<llm> Chain{i}")
    w.line("provider fallback")
    w.open("options")
    w.line(f'strategy [Primary{i}, Secondary{i}, "openai/gpt-4o-mini"]')
    w.open("http")
    w.line("total_timeout_ms 1500000" if BAML_DIALECT else "total_timeout 25m")
    w.close()
    w.close()
    w.close()
    w.line()


def write_functions(w, i, rng):
    tone = rng.choice(["concise", "friendly", "formal", "neutral"])
    w.open(f"function Summarize{i}(customer: Customer{i}, orders: Order{i}[]) -> Report{i}")
    w.line(f"client Chain{i}")
    w.line('prompt #"')
    w.line('  {{ _.role("system") }}')
    w.line(f"  You write {tone} account reports.")
    w.line('  {{ _.role("user") }}')
    w.line("  Customer: {{ customer.name }} ({{ customer.status }})")
    w.line("  {% for order in orders %}")
    w.line("  - order {{ order.order_id }}: {{ order.quantity }} x {{ order.skus|join(', ') }} via {{ order.channel }}")
    w.line("  {% endfor %}")
    w.line("  {{ ctx.output_format }}")
    w.line('"#')
    w.close()
    w.line()
    w.open(f"function ClassifyStatus{i}(note: string) -> Status{i}")
    w.line(f"client Primary{i}")
    w.line('prompt #"')
    w.line("  {# The note comes from a support agent. #}")
    w.line("  Which status does this note describe? {{ note }}")
    w.line("  {{ ctx.output_format }}")
    w.line('"#')
    w.close()
    w.line()
    w.open(f"function EstimateShipping{i}(order: Order{i}, rush: bool) -> {duration_type()}")
    w.line(f"client Secondary{i}")
    w.line('prompt #"')
    w.line("  Estimate how long order {{ order.order_id }} takes to ship")
    w.line("  {% if rush %}with rush delivery{% endif %}.")
    w.line("  {{ ctx.output_format }}")
    w.line('"#')
    w.close()
    w.line()


def write_tests(w, i, rng, channels):
    w.open(f"test Summarizes{i}")
    w.line(f"functions [Summarize{i}]")
    w.open("args")
    w.open("customer")
    w.line(f"id {i}")
    w.line(f'name "Customer {i}"')
    w.line('status "Active"')
    w.open("metadata")
    w.line('source "gen_synthetic"')
    w.close()
    w.line(f"response_time {literal(rng.choice([90_000, 3_600_000, 5_400_000]))}")
    w.close()
    w.open_list("orders")
    w.open("")
    w.line(f'order_id "SO-{i:05d}"')
    w.line(f'skus ["A-{i}", "B-{i}"]')
    w.line(f"quantity {rng.randint(1, 5)}")
    w.line(f'channel "{rng.choice(channels)}"')
    w.line(f"shipping_time {literal(rng.choice([86_400_000, 172_800_000]))}")
    w.line(f"priority {rng.randint(1, 3)}")
    w.close()
    w.close_list()
    w.close()
    w.line("@@check(has_summary, {{ this.summary|length > 0 }})")
    w.close()
    w.line()
    w.open(f"test ClassifiesStatus{i}")
    w.line(f"functions [ClassifyStatus{i}]")
    w.open("args")
    w.line('note "The customer asked us to pause the account until next month."')
    w.close()
    w.line('@@assert({{ this == "Paused" }})')
    w.close()


def write_file(i, total, seed):
    rng = random.Random(f"{seed}:{i}")
    w = FileWriter()
    w.line(f"// Synthetic file {i} of {total}, written by tools/gen_synthetic.py --seed {seed}.")
    w.line()
    channels = rng.sample(CHANNELS, 4)  # the enum's values differ from file to file
    write_types(w, i, channels)
    write_clients(w, i, rng)
    write_functions(w, i, rng)
    write_tests(w, i, rng, channels)
    if i == 0:
        w.line()
        if BAML_DIALECT:
            w.open("generator SyntheticTs")
            w.line('output_type "typescript"')
        else:
            w.open("generator SyntheticCpp")
            w.line('output_type "cpp"')
        w.line('output_dir "../synthetic_client"')
        w.line('version "0.226.2"')
        w.close()
    return w.text()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, required=True, help="number of .baml files to write")
    parser.add_argument("--out", type=pathlib.Path, required=True, help="directory to write them into")
    parser.add_argument("--seed", type=int, default=1, help="seed for the variations (default 1)")
    parser.add_argument("--dialect", choices=["bamlc", "baml"], default="bamlc",
                        help="bamlc (default) or baml: what BAML 0.226.2 accepts (see above)")
    args = parser.parse_args()
    global BAML_DIALECT
    BAML_DIALECT = args.dialect == "baml"
    if args.files < 1:
        parser.error("--files must be at least 1")
    args.out.mkdir(parents=True, exist_ok=True)
    width = len(str(args.files - 1))
    lines = 0
    for i in range(args.files):
        text = write_file(i, args.files, args.seed)
        (args.out / f"synthetic_{i:0{width}d}.baml").write_text(text, encoding="utf-8")
        lines += text.count("\n")
    print(f"wrote {args.files} files, {lines} lines, to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
