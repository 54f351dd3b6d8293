// Counts the round trips the search client needs for each query, without a
// clock: files it asks for are held back until the client has asked for all
// it can; then they arrive together (one wave) and the count goes up.
// Usage: node waves.js PUBLIC/search < queries.json
// queries.json: [{"q": "...", "limit": 10, "facets": false}, ...]
// Prints one JSON array with, per query, {waves: [[file, ...], ...], parts: N,
// rewritten: M} (N: the rare compounds' parts the query searched besides its
// words; M: its words searched otherwise than typed, or found nowhere).
'use strict';
const path = require('path');
// The theme's client, its parts joined as the build joins them.
const client = require(path.join(__dirname, 'load-client.js'));

const dir = process.argv[2];
const queries = JSON.parse(require('fs').readFileSync(0, 'utf8'));

const settle = () => new Promise((resolve) => setImmediate(resolve));

async function measure(q) {
  const read = client.fileLoader(dir);
  const held = [];
  const search = client.createClient((name) => new Promise((resolve, reject) => {
    held.push({ name, resolve, reject });
  }));
  let done = false;
  const result = search.search(q.q, { limit: q.limit || 10, facets: q.facets !== false })
    .finally(() => { done = true; });
  const waves = [];
  for (;;) {
    // Let the client run until it waits for files only.
    for (let i = 0; i < 20; i++) await settle();
    if (done || !held.length) break;
    const wave = held.splice(0);
    waves.push(wave.map((f) => f.name));
    for (const f of wave) read(f.name).then(f.resolve, f.reject);
  }
  const found = await result;
  // Words searched otherwise than typed: split as a compound, read as a
  // typo or another form, or found nowhere (their chunks may come later).
  const typed = new Set(q.q.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/).filter(Boolean));
  // A word written only at the start of compounds is searched as its head
  // (`maaltijden` as `maaltijd*`): rewritten too, unlike a prefix as typed.
  const query = q.q.toLowerCase();
  const rewritten = found.notes.unmatched.length + found.notes.searched
    .filter((s) => !s.startsWith('\u201C') && (s.endsWith('*') ? !query.includes(s) : !typed.has(s))).length;
  return { waves, parts: found.notes.parts.length, rewritten };
}

(async () => {
  const out = [];
  for (const q of queries) out.push(await measure(q));
  process.stdout.write(JSON.stringify(out));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
