#!/usr/bin/env node
// Asks the real BAML (npm @boundaryml/baml, 0.226.2) what it does, without calling a model:
// the HTTP request a function's call would send, or what it parses out of a model's text.
//
//   node oracle.js request DIR FUNCTION 'ARGS_JSON' [--stream]
//   node oracle.js parse DIR FUNCTION [--partial] < text
//   node oracle.js batch < cases.jsonl      one JSON object a line:
//       {"dir": DIR, "function": F, "args": {...}, "stream": false}            → a request
//       {"dir": DIR, "function": F, "parse": "text", "partial": false}         → a parsed value
//     prints one JSON line per case: {"ok": true, "request"|"value": ...} or {"ok": false, "error": "..."}
//     (each line is written as soon as its case is done; if BAML aborts the process, the cases after
//     the last line printed did not run: see tests/render_golden/regenerate.py, which resumes)
//
// BAML is found by load_baml.js: BAML_ORACLE_DIR (a folder with node_modules/@boundaryml/baml), /work/oracle, or NODE_PATH.
// Media arguments: {"url": U, "media_type"?: T} or {"base64": B, "media_type": T}, wrapped in BAML's
// media classes according to the parameter's type when the type is known from the IR file given as
// "media" hints: {"media": {"param": "image"}} (default: image).
'use strict';
const fs = require('fs');

const { baml, runtimeFromDir } = require('./load_baml');

const runtimes = new Map();
function runtimeFor(dir) {
  if (!runtimes.has(dir)) runtimes.set(dir, runtimeFromDir(dir, Object.assign({}, process.env)));
  return runtimes.get(dir);
}

function mediaClass(kind) {
  return { image: baml.Image || baml.BamlImage, audio: baml.Audio || baml.BamlAudio,
           pdf: baml.Pdf || baml.BamlPdf, video: baml.Video || baml.BamlVideo }[kind];
}

// Converts {"url"} / {"base64"} objects of the top-level arguments named in `media` hints.
function convertArgs(args, media) {
  const out = {};
  for (const [k, v] of Object.entries(args || {})) out[k] = convertValue(v, media && media[k]);
  return out;
}
function convertValue(v, kind) {
  if (!kind) return v;
  if (Array.isArray(v)) return v.map((x) => convertValue(x, kind));
  if (v && typeof v === 'object' && ('url' in v || 'base64' in v)) {
    const C = mediaClass(kind);
    if ('url' in v) return kind === 'pdf' ? C.fromUrl(v.url) : C.fromUrl(v.url, v.media_type);
    return kind === 'pdf' ? C.fromBase64(v.base64) : C.fromBase64(v.media_type, v.base64);
  }
  return v;
}

function request(c) {
  const rt = runtimeFor(c.dir);
  const env = Object.assign({}, process.env);
  const req = rt.buildRequestSync(c.function, convertArgs(c.args, c.media), rt.createContextManager(), null, null,
                                  !!c.stream, env);
  let body = req.body.text();
  try { body = JSON.parse(body); } catch (e) { /* keep text */ }
  return { method: req.method, url: req.url, headers: req.headers, body };
}

function parse(c) {
  const rt = runtimeFor(c.dir);
  const env = Object.assign({}, process.env);
  return rt.parseLlmResponse(c.function, c.parse, !!c.partial, rt.createContextManager(), null, null, env);
}

function run(c) {
  try {
    if ('parse' in c) return { ok: true, value: parse(c) };
    return { ok: true, request: request(c) };
  } catch (e) {
    return { ok: false, error: String(e && e.message ? e.message : e) };
  }
}

function main() {
  const [cmd, ...rest] = process.argv.slice(2);
  if (cmd === 'batch') {
    // Written synchronously, one line per case as it completes: BAML can abort the process (a Rust
    // panic, e.g. an anthropic request with no messages), and the caller then knows which case did it
    // (the first one without an answer line) and can resume after it.
    const lines = fs.readFileSync(0, 'utf8').split('\n').filter((l) => l.trim());
    for (const l of lines) fs.writeSync(1, JSON.stringify(run(JSON.parse(l))) + '\n');
    return;
  }
  if (cmd === 'request') {
    const [dir, fn, args] = rest;
    const r = run({ dir, function: fn, args: JSON.parse(args || '{}'), stream: rest.includes('--stream') });
    process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    process.exit(r.ok ? 0 : 1);
  }
  if (cmd === 'parse') {
    const [dir, fn] = rest;
    const r = run({ dir, function: fn, parse: fs.readFileSync(0, 'utf8'), partial: rest.includes('--partial') });
    process.stdout.write(JSON.stringify(r, null, 2) + '\n');
    process.exit(r.ok ? 0 : 1);
  }
  process.stderr.write('usage: oracle.js request DIR FN ARGS [--stream] | parse DIR FN [--partial] | batch\n');
  process.exit(2);
}
main();
