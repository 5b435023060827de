// Shared by the oracle scripts: the real BAML (npm @boundaryml/baml 0.226.2), found through
// BAML_ORACLE_DIR (a folder with node_modules/@boundaryml/baml), /work/oracle, the working
// directory or NODE_PATH; and a BAML runtime made from every .baml file under a folder.
'use strict';
const fs = require('fs');
const path = require('path');

function loadBaml() {
  const roots = [process.env.BAML_ORACLE_DIR, '/work/oracle', process.cwd()].filter(Boolean);
  for (const r of roots) {
    try { return require(path.join(r, 'node_modules', '@boundaryml', 'baml')); } catch (e) { /* next */ }
  }
  return require('@boundaryml/baml');
}
const baml = loadBaml();

// A BamlRuntime over every .baml file below `dir`, with `env` as its environment.
function runtimeFromDir(dir, env) {
  const files = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.baml')) files[p] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return baml.BamlRuntime.fromFiles(dir, files, env);
}

module.exports = { baml, runtimeFromDir };
