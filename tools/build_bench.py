#!/usr/bin/env python3
"""`bamlc build --cpp-out` beside `baml-cli generate` 0.226.2, in the same run on the same machine
(issue 16; docs/generated-api.md, "Figures").

    build_bench.py [--bamlc build/cli/bamlc] [--files 500] [--runs 5] [--baml-runs 1] [--no-baml]

For a project of --files synthetic files (tools/gen_synthetic.py) it times, as the median of its
runs (each a fresh process; output written into a fresh directory, so nothing is skipped as
unchanged):
  * bamlc build --cpp-out on the project in bamlc's spelling (durations, the `duration` type);
  * bamlc build --cpp-out on the same project in BAML's spelling (--dialect baml), which both
    tools read;
  * baml-cli generate (its TypeScript client: BAML v0 has no C++ generator) on that same project,
    unless --no-baml. Needs node and @boundaryml/baml 0.226.2 (BAML_ORACLE_DIR, default
    /work/oracle); one run takes about a minute and a half for 500 files here.
The ratio is baml-cli's median over bamlc's on the identical BAML-spelled files.
"""
import argparse
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent


def timed(cmd):
    start = time.perf_counter()
    proc = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{proc.stdout[-2000:]}{proc.stderr[-2000:]}")
    return elapsed


def median_of(runs, make_cmd):
    times = [timed(make_cmd(i)) for i in range(runs)]
    return statistics.median(times), min(times), max(times)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bamlc", default=str(HERE.parent / "build" / "cli" / "bamlc"))
    parser.add_argument("--files", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5, help="runs of each bamlc measurement")
    parser.add_argument("--baml-runs", type=int, default=1, help="runs of baml-cli generate")
    parser.add_argument("--no-baml", action="store_true", help="measure bamlc only")
    args = parser.parse_args()
    baml_cli = pathlib.Path(os.environ.get("BAML_ORACLE_DIR", "/work/oracle")) / "node_modules" / ".bin" / "baml-cli"
    if not args.no_baml and not baml_cli.exists():
        sys.exit(f"build_bench: {baml_cli} not found (npm install @boundaryml/baml@0.226.2 there, or --no-baml)")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        projects = {}
        for dialect in ("bamlc", "baml"):
            src = tmp / dialect / "baml_src"
            subprocess.run([sys.executable, str(HERE / "gen_synthetic.py"), "--files", str(args.files), "--out", str(src),
                            "--dialect", dialect], check=True, capture_output=True)
            projects[dialect] = src
        lines = sum(p.read_text().count("\n") for p in projects["baml"].rglob("*.baml"))

        def bamlc_build(dialect):
            def cmd(i):
                out = tmp / f"out-{dialect}-{i}"
                shutil.rmtree(out, ignore_errors=True)
                return [args.bamlc, "build", "--from", str(projects[dialect]), "--cpp-out", str(out)]
            return cmd

        rows = [("bamlc build --cpp-out (bamlc spelling)", median_of(args.runs, bamlc_build("bamlc"))),
                ("bamlc build --cpp-out (BAML spelling)", median_of(args.runs, bamlc_build("baml")))]
        if not args.no_baml:
            def generate(i):
                shutil.rmtree(tmp / "baml" / "synthetic_client", ignore_errors=True)
                return [str(baml_cli), "generate", "--from", str(projects["baml"])]
            rows.append(("baml-cli generate (TypeScript)", median_of(args.baml_runs, generate)))

        print(f"{args.files} files, {lines} lines; median of {args.runs} runs (baml-cli: {args.baml_runs})")
        print(f"{'':40} {'median s':>9} {'min s':>7} {'max s':>7}")
        for name, (med, lo, hi) in rows:
            print(f"{name:40} {med:>9.3f} {lo:>7.3f} {hi:>7.3f}")
        if not args.no_baml:
            print(f"baml-cli generate / bamlc build (same files): {rows[2][1][0] / rows[1][1][0]:.1f}x")


if __name__ == "__main__":
    main()
