// Measures a search client under Node on a built site: bytes and requests
// for a first query (cold) and for the next query (warm), query latency, and
// quality on the judged set when the site is the bundled one.
//
// Usage: node client-bench.mjs kennisbank|pagefind PUBLIC_DIR QUERIES.json [PAGEFIND_JS]
// QUERIES.json: [{"query": "...", "relevant": ["slug", ...]}, ...]
// Prints one JSON object.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [engine, publicDir, queriesFile, pagefindJs] = process.argv.slice(2);
const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const require = createRequire(import.meta.url);

// Every file read counts as one request; bytes as served gzip-compressed
// (files that are compressed already count at their own size).
const counter = { requests: 0, raw: 0, gzip: 0 };
function count(buf) {
  counter.requests += 1;
  counter.raw += buf.length;
  counter.gzip += Math.min(buf.length, zlib.gzipSync(buf, { level: 6 }).length);
}

async function kennisbankEngine() {
  // The theme's client, its parts joined as the build joins them.
  const client = require(path.resolve(path.dirname(new URL(import.meta.url).pathname), '../tests/search/load-client.js'));
  const dir = path.join(publicDir, 'search');
  return () => {
    // One cache per client, as the browser's script loader keeps.
    const cache = new Map();
    const load = client.fileLoader(dir);
    const search = client.createClient((name) => {
      if (!cache.has(name)) {
        count(fs.readFileSync(path.join(dir, name)));
        cache.set(name, load(name));
      }
      return cache.get(name);
    });
    // No facet counts: the Pagefind index of the same HTML has no filters.
    return async (q) => (await search.search(q, { limit: 10, facets: false })).results.map((r) => r.url);
  };
}

async function pagefindEngine() {
  globalThis.fetch = async (url) => {
    const rel = String(url).split('?')[0].replace(/^\/+/, '');
    const buf = fs.readFileSync(path.join(publicDir, rel));
    count(buf);
    return new Response(buf);
  };
  return async () => {
    // A fresh module instance per cold start.
    const pf = await import(pathToFileURL(pagefindJs).href + '?i=' + Math.random());
    await pf.options({ basePath: '/pagefind/' });
    return async (q) => {
      const r = await pf.search(q);
      const data = await Promise.all(r.results.slice(0, 10).map((x) => x.data()));
      return data.map((d) => d.url);
    };
  };
}

const make = engine === 'pagefind' ? await pagefindEngine() : await kennisbankEngine();

function slug(url) {
  const file = url.split('#')[0].split('/').pop();
  return file.replace(/\.html$/, '');
}

// First query: a fresh client per query.
const first = { requests: 0, raw: 0, gzip: 0 };
for (const q of queries) {
  const search = await make();
  const before = { ...counter };
  await search(q.query);
  for (const k of Object.keys(first)) first[k] += counter[k] - before[k];
}
// Next query: one client, queries in turn; the cost of each after the first.
const next = { requests: 0, raw: 0, gzip: 0 };
const search = await make();
await search(queries[0].query);
const times = [];
const ranked = [];
const perQuery = process.env.PER_QUERY === '1';
for (const q of queries.slice(1)) {
  const before = { ...counter };
  const t = process.hrtime.bigint();
  await search(q.query);
  times.push(Number(process.hrtime.bigint() - t) / 1e6);
  for (const k of Object.keys(next)) next[k] += counter[k] - before[k];
}
// Latency once everything a query needs is loaded (the same queries again).
const warm = [];
for (const q of queries) {
  const t = process.hrtime.bigint();
  ranked.push(await search(q.query));
  warm.push(Number(process.hrtime.bigint() - t) / 1e6);
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
let mrr = 0, recall = 0, judged = 0;
queries.forEach((q, i) => {
  if (!q.relevant) return;
  judged += 1;
  const top = ranked[i].slice(0, 10).map(slug);
  const rank = top.findIndex((s) => q.relevant.includes(s));
  if (perQuery) console.error(`${q.query}\t${rank + 1}\t${top.slice(0, 3).join(' ')}`);
  if (rank >= 0) mrr += 1 / (rank + 1);
  recall += q.relevant.filter((r) => top.includes(r)).length / q.relevant.length;
});
const n = queries.length;
const per = (o, d) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, +(v / d).toFixed(1)]));
console.log(JSON.stringify({
  engine,
  queries: n,
  first: per(first, n),
  next: per(next, n - 1),
  latency_ms_next_median: +median(times).toFixed(2),
  latency_ms_warm_median: +median(warm).toFixed(2),
  mrr10: judged ? +(mrr / judged).toFixed(3) : null,
  recall10: judged ? +(recall / judged).toFixed(3) : null,
}));
