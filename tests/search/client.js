// Runs the theme's search client under Node over a built site's client index.
// Usage: node client.js PUBLIC/search < queries.json
// queries.json: [{"q": "...", "filters": {...}, "limit": 10}, ...]
// Prints one JSON array with, per query, {total, results: [{url, score, ...}]}.
'use strict';
const path = require('path');
// The theme's client, its parts joined as the build joins them.
const client = require(path.join(__dirname, 'load-client.js'));

const dir = process.argv[2];
const queries = JSON.parse(require('fs').readFileSync(0, 'utf8'));
const search = client.createClient(client.fileLoader(dir));
(async () => {
  const out = [];
  for (const q of queries) {
    const r = await search.search(q.q, { filters: q.filters || {}, limit: q.limit || 10 });
    out.push({ total: r.total, notes: r.notes, results: r.results, facets: r.facets });
  }
  process.stdout.write(JSON.stringify(out));
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
