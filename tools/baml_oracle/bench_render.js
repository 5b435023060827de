#!/usr/bin/env node
// Times BAML 0.226.2's request building (runtime.buildRequestSync: render the prompt, build the
// provider body; nothing is sent) for comparison with `bamlc render`.
//
//   node bench_render.js [--runs N] [--warmup N]                      the two standard cases
//   node bench_render.js [--runs N] [--warmup N] DIR FUNCTION 'ARGS_JSON' [--stream]
//
// The standard cases are the functions of tests/render_golden/projects/bench with the arguments
// its cases.jsonl gives them:
//   resume_10kb      ExtractResume(resume: a 10 KB string) -> Resume (class schema in the prompt)
//   schema_200_fields BigSchema(doc) -> Section0: 10 nested classes x 20 fields, ctx.output_format
// Prints one JSON line per case: {"case", "function", "median_us", "min_us", "p90_us", "runs",
// "warmup"}; the median is over N timed runs (default 200) after the warm-up runs (default 20).
// The runtime is created once, outside the timing. BAML is found as load_baml.js finds it.
'use strict';
const fs = require('fs');
const path = require('path');

const { runtimeFromDir } = require('./load_baml');

const REPO = path.resolve(__dirname, '..', '..');
const GOLDEN = path.join(REPO, 'tests', 'render_golden');

function runtimeFor(dir) {
  return runtimeFromDir(dir, {});
}

function standardCases() {
  const dir = path.join(GOLDEN, 'projects', 'bench', 'baml_src');
  const names = { ExtractResume: 'resume_10kb', BigSchema: 'schema_200_fields' };
  const out = [];
  for (const line of fs.readFileSync(path.join(GOLDEN, 'cases.jsonl'), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const c = JSON.parse(line);
    if (c.project === 'bench' && names[c.function]) {
      out.push({ name: names[c.function], dir, fn: c.function, args: c.args, stream: !!c.stream });
    }
  }
  return out;
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

function bench(c, runs, warmup) {
  const rt = runtimeFor(c.dir);
  const env = {};
  const once = () => rt.buildRequestSync(c.fn, c.args, rt.createContextManager(), null, null, c.stream, env);
  const first = once();  // fails loudly if the case does not build
  const bodyBytes = Buffer.byteLength(first.body.text());
  for (let i = 0; i < warmup; i++) once();
  const times = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    once();
    times.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  const r = (x) => Math.round(x * 10) / 10;
  return { case: c.name, function: c.fn, median_us: r(percentile(times, 0.5)), min_us: r(times[0]),
           p90_us: r(percentile(times, 0.9)), runs, warmup, body_bytes: bodyBytes };
}

function main() {
  const argv = process.argv.slice(2);
  let runs = 200;
  let warmup = 20;
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--runs') runs = parseInt(argv[++i], 10);
    else if (argv[i] === '--warmup') warmup = parseInt(argv[++i], 10);
    else rest.push(argv[i]);
  }
  let cases;
  if (rest.length === 0) {
    cases = standardCases();
  } else if (rest.length >= 2) {
    const [dir, fn, args] = rest;
    cases = [{ name: fn, dir: path.resolve(dir), fn, args: JSON.parse(args || '{}'), stream: rest.includes('--stream') }];
  } else {
    process.stderr.write('usage: bench_render.js [--runs N] [--warmup N] [DIR FUNCTION ARGS_JSON [--stream]]\n');
    process.exit(2);
  }
  for (const c of cases) process.stdout.write(JSON.stringify(bench(c, runs, warmup)) + '\n');
}
main();
