#!/usr/bin/env python3
"""Reproduces the runtime figures of docs/performance.md ("Runtime").

Runs each `runtime_bench` subcommand --runs times (default 3) with --json, takes the median of
every figure over the runs (each statistic separately: the median of the p99s, and so on), and
prints the Markdown tables the document quotes (lateness includes issue 5's fallback-chain
scenarios, fallback-total and fallback-refuse; overhead includes the `strategy` comparison), with how busy the machine was. Extra arguments
after `--` go to every runtime_bench invocation (e.g. `-- --server-cpu 1`).

    python3 tools/runtime_bench/figures.py [--bench PATH] [--runs 3] [--only lateness,overhead,memory]
        [--lateness-args="--kinds fallback-total,fallback-refuse"] [--overhead-args="--modes strategy"]
"""
import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_BENCH = ROOT / "build-bench" / "tools" / "runtime_bench" / "runtime_bench"


def run(bench, command, extra):
    out = subprocess.run([str(bench), command, "--json", *extra], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def median(values):
    return statistics.median(values)


def load_line(runs):
    loads = [r["machine"][w]["load_1m"] for r in runs for w in ("before", "after")]
    compilers = [r["machine"][w]["compilers_running"] for r in runs for w in ("before", "after")]
    return (f"load average {min(loads):.2f}–{max(loads):.2f}, "
            f"compiler processes seen at the start/end of runs: {min(compilers)}–{max(compilers)}")


def lateness_table(runs):
    """One row per kind, one column per in-flight level: p50 / p99 / max in ms."""
    results = runs[0]["results"]
    levels = sorted({row["in_flight"] for row in results})
    kinds = list(dict.fromkeys((row["kind"], row["fault"]) for row in results))
    print("| kind | fault | " + " | ".join(f"p50 / p99 / max, N = {n:,}" for n in levels) +
          " | p99 of each run, N = " + f"{levels[-1]:,}" + " |")
    print("|---|---|" + "---|" * len(levels) + "---|")
    outcome_lines = []
    for kind, fault in kinds:
        cells = []
        for n in levels:
            i = next(k for k, row in enumerate(results) if row["kind"] == kind and row["in_flight"] == n)
            rows = [r["results"][i] for r in runs]
            stat = lambda key: median([x["lateness_ms"][key] for x in rows])
            cells.append(f"{stat('p50'):.2f} / {stat('p99'):.2f} / {stat('max'):.2f} ms")
            outcomes = {}
            for x in rows:
                for name, count in x["outcomes"].items():
                    outcomes[name] = outcomes.get(name, 0) + count
            text = ", ".join(f"`{k}` {v:,}" for k, v in sorted(outcomes.items()))
            outcome_lines.append(f"* {kind}, N = {n:,}: {text} (expected `{rows[0]['expected']}`)")
        last = next(k for k, row in enumerate(results) if row["kind"] == kind and row["in_flight"] == levels[-1])
        each = ", ".join(f"{r['results'][last]['lateness_ms']['p99']:.2f}" for r in runs)
        print(f"| {kind} | `{fault}` | " + " | ".join(cells) + f" | {each} |")
    print("\nOutcomes over all runs:\n")
    print("\n".join(outcome_lines))


def overhead_table(runs):
    print("| mode | client | p50 µs | p99 µs | CPU µs/call | ratio (p50) | ratio (mean) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for i, row in enumerate(runs[0]["results"]):
        for j, contender in enumerate(row["contenders"]):
            xs = [r["results"][i]["contenders"][j] for r in runs]
            p50 = median([x["per_call_us"]["p50"] for x in xs])
            p99 = median([x["per_call_us"]["p99"] for x in xs])
            cpu = median([x["cpu_us_per_call"] for x in xs])
            ratio = median([x["ratio_p50"] for x in xs])
            ratio_mean = median([x["ratio_mean"] for x in xs])
            print(f"| {row['mode'] if j == 0 else ''} | {contender['name']} | {p50:.1f} | {p99:.1f} | "
                  f"{cpu:.1f} | {ratio:.3f}× | {ratio_mean:.3f}× |")
        if "goal_ratio" in row:
            print(f"| | *goal* | | | | ≤ {row['goal_ratio']:.2f}× | |")


def memory_table(runs):
    print("| in flight | VmRSS before | VmRSS loaded | per call (VmRSS) | per call (peak) | outcomes |")
    print("|---:|---:|---:|---:|---:|---|")
    stat = lambda key: median([r[key] for r in runs])
    outcomes = ", ".join(sorted({f"`{k}` {v:,}" for r in runs for k, v in r["outcomes"].items()}))
    print(f"| {runs[0]['in_flight']:,} | {stat('baseline_rss_kib'):,.0f} KiB | {stat('loaded_rss_kib'):,.0f} KiB | "
          f"{stat('per_call_kib'):.1f} KiB | {stat('peak_per_call_kib'):.1f} KiB | {outcomes} |")


TABLES = {"lateness": lateness_table, "overhead": overhead_table, "memory": memory_table}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bench", default=str(DEFAULT_BENCH), help="the runtime_bench binary")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", default="lateness,overhead,memory", help="subcommands, comma-separated")
    parser.add_argument("--save", help="write every run's JSON to this file")
    for command in TABLES:
        parser.add_argument(f"--{command}-args", default="", help=f"extra arguments for `{command}` only")
    parser.add_argument("extra", nargs="*", help="after --: arguments for every runtime_bench run")
    args = parser.parse_args()
    saved = {}
    for command in args.only.split(","):
        runs = []
        for n in range(args.runs):
            print(f"running {command} ({n + 1}/{args.runs})...", file=sys.stderr, flush=True)
            own = getattr(args, f"{command}_args").split()
            runs.append(run(args.bench, command, [*own, *args.extra]))
        saved[command] = runs
        print(f"\n### {command} (median of {args.runs} runs; {load_line(runs)})\n")
        TABLES[command](runs)
    if args.save:
        Path(args.save).write_text(json.dumps(saved, indent=1))


if __name__ == "__main__":
    main()
