// The theme's search client as a Node module, for the tests and the benchmark:
// `require('./load-client.js')` gives what `require('public/static/search.js')`
// gives after a build. The theme ships the client in parts
// (themes/default/static/search.js.d/), and `kennisbank build` joins them into
// static/search.js (src/render/assets.rs); this file joins them the same way,
// so the order rule lives in those two places: the `.js` files directly in the
// folder, hidden files and editor leftovers aside, in the byte order of their
// names, with anything else in the folder an error.
// Run directly (`node load-client.js < input`), it prints the joined text as a
// JSON string, which the test suite compares with the built file
// (tests/testsuite/search/client.rs).
'use strict';
const fs = require('fs');
const path = require('path');
const { Module } = require('module');

const PARTS = path.join(__dirname, '../../themes/default/static/search.js.d');
// The file the build makes of them: the name the compiled module carries.
const JOINED = PARTS.slice(0, -'.d'.length);

// src/content/discover.rs `is_ignored`.
function ignored(name) {
  return name.startsWith('.') || name.startsWith('#') || name.endsWith('~') ||
    name.endsWith('.swp') || name.endsWith('.tmp');
}

/** The parts' bytes one after another. */
function joined() {
  const names = fs.readdirSync(PARTS, { withFileTypes: true })
    .filter((entry) => !ignored(entry.name))
    .map((entry) => {
      if (!entry.isFile() || !entry.name.endsWith('.js')) {
        throw new Error(`${path.join(PARTS, entry.name)} is not a part of ${JOINED}`);
      }
      return entry.name;
    })
    .sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  if (names.length === 0) {
    throw new Error(`${PARTS} has no parts`);
  }
  return Buffer.concat(names.map((name) => Buffer.from(partText(fs.readFileSync(path.join(PARTS, name), 'utf8')))));
}

/**
 * A part as the joined file holds it (src/output/sink.rs `part_bytes`):
 * without comment lines, indentation and blank lines.
 */
function partText(text) {
  let out = '';
  let inBlock = false;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let line of lines) {
    line = line.replace(/\r$/, '').trim();
    if (inBlock || line.startsWith('/*')) {
      const end = line.indexOf('*/');
      if (end < 0) { inBlock = true; continue; }
      inBlock = false;
      line = line.slice(end + 2).trim();
    }
    if (line === '' || line.startsWith('//')) continue;
    out += line + '\n';
  }
  return out;
}

/** The exports of `source` compiled as the CommonJS module `filename`. */
function compile(source, filename) {
  const compiled = new Module(filename, module);
  compiled.filename = filename;
  compiled._compile(source, filename);
  return compiled.exports;
}

if (require.main === module) {
  fs.readFileSync(0); // the suite's Node runner writes JSON to every script
  process.stdout.write(JSON.stringify(joined().toString('utf8')));
} else {
  module.exports = compile(joined().toString('utf8'), JOINED);
}
