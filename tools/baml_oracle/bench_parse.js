#!/usr/bin/env node
// Times BAML 0.226.2's parser (runtime.parseLlmResponse: a model's text → the function's return
// type; nothing is sent) for comparison with tools/parse_bench.
//
//   node bench_parse.js DIR FUNCTION TEXT_FILE [--runs N] [--delta B --samples S]
//
// Prints one JSON line: {"bytes", "whole_us" (median of N timed parses after one warm-up),
// "mb_per_s"} and, with --delta, "stream_us" and "stream_ratio": what parsing the stream as BAML
// does costs (every prefix a multiple of B bytes long re-parsed as a partial answer), estimated
// from S prefixes spread evenly over the text (the sum of their times × prefixes / S), because
// timing every prefix of a 100 KB answer would take BAML hours. BAML is found as load_baml.js finds it.
'use strict';
const fs = require('fs');

const { runtimeFromDir } = require('./load_baml');


function flag(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

function main() {
  const [dir, fn, file] = process.argv.slice(2);
  const runs = flag('--runs', 5);
  const delta = flag('--delta', 0);
  const samples = flag('--samples', 40);
  const text = fs.readFileSync(file, 'utf8');
  const rt = runtimeFromDir(dir, {});
  const ctx = rt.createContextManager();
  const env = {};
  const parseOnce = (t, partial) => {
    const start = process.hrtime.bigint();
    try { rt.parseLlmResponse(fn, t, partial, ctx, null, null, env); } catch (e) { /* a prefix may not parse */ }
    return Number(process.hrtime.bigint() - start) / 1000;
  };
  parseOnce(text, false);
  const times = [];
  for (let i = 0; i < runs; i++) times.push(parseOnce(text, false));
  times.sort((a, b) => a - b);
  const whole = times[Math.floor(times.length / 2)];
  const out = { bytes: Buffer.byteLength(text), whole_us: whole, mb_per_s: Buffer.byteLength(text) / whole };
  if (delta > 0) {
    const prefixes = Math.ceil(text.length / delta);
    let sum = 0;
    const n = Math.min(samples, prefixes);
    for (let s = 1; s <= n; s++) sum += parseOnce(text.slice(0, Math.round((s / n) * prefixes) * delta), true);
    out.stream_us = (sum * prefixes) / n;
    out.stream_ratio = out.stream_us / whole;
    out.stream_estimated_from = n;
  }
  process.stdout.write(JSON.stringify(out) + '\n');
}
main();
