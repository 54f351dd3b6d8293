#!/usr/bin/env node
// What a search costs a visitor, in a real browser: Debian's Chromium (driven
// by playwright-core) against a local HTTP/1.1 server that adds a fixed
// latency to every request and serves text gzip-compressed, as a modest real
// connection to a static host would. For a built site it measures
//
//   results page, cold   a fresh browser context per query opens
//                        zoeken.html?q=QUERY: every request from the HTML on
//   results page, next   one page, the queries submitted in turn (and
//                        typed: filled as one input event, Enter after a
//                        pause, in which both engines search it unseen)
//   header suggestions   a fresh context per query opens index.html, focuses
//                        the header field, waits, types the query
//   Pagefind, cold/next  the same on a small page that uses Pagefind's JS API
//                        (the top PF_TOP results' data loaded, 5 by default as
//                        Pagefind's UI shows; 10 to match the results page),
//                        if PUBLIC/pagefind exists
//
// and records requests, bytes on the wire (gzip where the server compresses),
// sequential round trips (requests whose lifetimes overlap count as one wave)
// and time to results (from navigation start, or from submitting the next
// query, to the list shown). Requests, bytes and waves are exact; times are
// medians and noisy. Prints one JSON line per measurement to stdout, and
// Markdown rows to stderr.
//
//   node bench/roundtrips.mjs PUBLIC_DIR LABEL [QUERIES.json]
//   LATENCY_MS=50 QUERIES=12 ONLY=kennisbank|pagefind PF_TOP=10 node bench/roundtrips.mjs ...
//
// QUERIES.json is bench/roundtrip-queries.json by default (twelve fixed
// queries, so runs stay comparable); QUERIES of its queries are used, spread
// evenly over the list (of tests/search/judged.json, say, when given).

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const [publicDir, label = path.basename(path.resolve(publicDir || '.')), queriesFile = path.join(here, 'roundtrip-queries.json')] = process.argv.slice(2);
if (!publicDir) {
  console.error('usage: node bench/roundtrips.mjs PUBLIC_DIR [LABEL] [QUERIES.json]');
  process.exit(2);
}
const LATENCY = Number(process.env.LATENCY_MS || 50);
const COUNT = Number(process.env.QUERIES || 12);
const ONLY = process.env.ONLY || '';
const PF_TOP = Number(process.env.PF_TOP || 5);
const all = JSON.parse(fs.readFileSync(queriesFile, 'utf8')).map((q) => q.query);
const step = all.length / COUNT;
const queries = Array.from({ length: Math.min(COUNT, all.length) }, (_, i) => all[Math.floor(i * step)]);

// ------------------------------------------------------------------ server
const TYPES = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon', '.wasm': 'application/wasm',
};
const COMPRESS = new Set(['.html', '.css', '.js', '.mjs', '.json', '.svg']);
const root = path.resolve(publicDir);
const gzipCache = new Map();
const log = [];
const now = () => performance.now();

// The favicon is fetched after the page has loaded and has nothing to do
// with search: served, not counted.
const IGNORED = /favicon/;
const server = http.createServer((req, res) => {
  const entry = { url: req.url, start: now(), end: null, bytes: 0 };
  if (!IGNORED.test(req.url)) log.push(entry);
  setTimeout(() => {
    const rel = decodeURIComponent(req.url.split(/[?#]/)[0]);
    const file = path.join(root, path.posix.normalize('/' + rel));
    let body;
    let status = 200;
    try {
      body = fs.readFileSync(fs.statSync(file).isDirectory() ? path.join(file, 'index.html') : file);
    } catch {
      status = 404;
      body = Buffer.from('not found');
    }
    const ext = path.extname(file);
    const headers = { 'Content-Type': TYPES[ext] || 'application/octet-stream', 'Cache-Control': 'no-cache', 'Content-Security-Policy': "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'" };
    if (COMPRESS.has(ext) && /gzip/.test(req.headers['accept-encoding'] || '')) {
      if (!gzipCache.has(file)) gzipCache.set(file, zlib.gzipSync(body, { level: 6 }));
      body = gzipCache.get(file);
      headers['Content-Encoding'] = 'gzip';
    }
    headers['Content-Length'] = body.length;
    res.writeHead(status, headers);
    res.end(body);
    res.on('finish', () => { entry.end = now(); entry.bytes = body.length; });
  }, LATENCY);
});
await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
const origin = `http://127.0.0.1:${server.address().port}`;

/** Requests logged since `from`, once every one of them has finished. */
async function settled(from) {
  for (let i = 0; i < 200; i++) {
    const part = log.slice(from);
    if (part.every((e) => e.end !== null)) return part;
    await new Promise((ok) => setTimeout(ok, 10));
  }
  throw new Error('a request never finished');
}

/** Sequential round trips: requests whose lifetimes overlap count as one wave. */
function waves(entries) {
  const sorted = [...entries].sort((a, b) => a.start - b.start);
  let count = 0;
  let end = -Infinity;
  for (const e of sorted) {
    if (e.start >= end) count++;
    end = Math.max(end, e.end);
  }
  return count;
}

// TRACE=1 prints every request of every measurement (ms from the first).
function trace(entries) {
  if (process.env.TRACE !== '1') return;
  const t0 = Math.min(...entries.map((e) => e.start));
  for (const e of [...entries].sort((a, b) => a.start - b.start)) {
    console.error(`${(e.start - t0).toFixed(0).padStart(6)} ${(e.end - t0).toFixed(0).padStart(6)} ${String(e.bytes).padStart(7)} ${e.url}`);
  }
  console.error('');
}

const measure = (entries, ms) => (trace(entries), {
  requests: entries.length,
  kib: entries.reduce((s, e) => s + e.bytes, 0) / 1024,
  waves: waves(entries),
  ms,
});

// ------------------------------------------------------------------ pages
// The Pagefind page: the same site's index through Pagefind's JS API, as a
// module script (no inline script), the top PF_TOP results' data loaded.
const hasPagefind = fs.existsSync(path.join(root, 'pagefind/pagefind.js'));
if (hasPagefind) {
  fs.writeFileSync(path.join(root, 'pagefind-bench.html'), `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Pagefind</title>
<script type="module" src="pagefind-bench.js"></script></head><body>
<form id="f"><input id="q" name="q"><button>Zoek</button></form><p id="status"></p><ol id="results"></ol></body></html>\n`);
  fs.writeFileSync(path.join(root, 'pagefind-bench.js'), `const pf = await import('./pagefind/pagefind.js');
await pf.options({ basePath: '/pagefind/' });
pf.init();
const status = document.getElementById('status');
const list = document.getElementById('results');
async function run(q) {
  const r = await pf.search(q);
  const data = await Promise.all(r.results.slice(0, ${PF_TOP}).map((x) => x.data()));
  list.innerHTML = '';
  for (const d of data) {
    const li = document.createElement('li');
    li.textContent = d.meta.title + ' ' + d.excerpt;
    list.append(li);
  }
  status.textContent = r.results.length + ' resultaten voor \\u201C' + q + '\\u201D';
}
document.getElementById('f').addEventListener('submit', (e) => { e.preventDefault(); run(document.getElementById('q').value); });
// While a query is typed it is searched unseen, 120 ms after the last
// keystroke, top PF_TOP results' data loaded: what the Kennisbank results page
// does (client.preload), and what Pagefind's own UI does as it shows
// results while the visitor types.
let typing;
document.getElementById('q').addEventListener('input', (e) => {
  clearTimeout(typing);
  const v = e.target.value;
  typing = setTimeout(async () => {
    const r = await pf.search(v);
    await Promise.all(r.results.slice(0, ${PF_TOP}).map((x) => x.data()));
  }, 120);
});
const q = new URLSearchParams(location.search).get('q');
if (q) { document.getElementById('q').value = q; run(q); }
`);
}

// Records when the status line names a query: window.__kbDone[query] = time.
function watchStatus(statusId) {
  window.__kbDone = {};
  const start = () => {
    const el = document.getElementById(statusId);
    if (!el) return;
    const seen = () => {
      const m = /(?:resultaat|resultaten) voor \u201C(.*?)\u201D/.exec(el.textContent);
      if (m && !(m[1] in window.__kbDone)) window.__kbDone[m[1]] = performance.now();
    };
    new MutationObserver(seen).observe(el, { childList: true, characterData: true, subtree: true });
  };
  document.addEventListener('DOMContentLoaded', start);
}

const browser = await chromium.launch({
  executablePath: process.env.KB_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const newContext = async (statusId) => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(watchStatus, statusId);
  return context;
};
const doneAt = (page, q) => page.waitForFunction((q) => window.__kbDone && window.__kbDone[q], q, { timeout: 60_000 })
  .then((h) => h.jsonValue())
  .catch(async (err) => {
    const seen = await page.evaluate(() => JSON.stringify([window.__kbDone, document.body.innerText.slice(0, 400)])).catch(() => '?');
    throw new Error(`no results for ${JSON.stringify(q)} on ${page.url()}: ${seen}: ${err.message}`);
  });

async function cold(pageUrl, statusId, q) {
  const context = await newContext(statusId);
  const page = await context.newPage();
  const from = log.length;
  await page.goto(`${origin}/${pageUrl}?q=${encodeURIComponent(q)}`);
  const ms = await doneAt(page, q);
  await page.waitForTimeout(LATENCY * 3);
  const entries = await settled(from);
  await context.close();
  return measure(entries, ms);
}

// A typed next query: the query typed as one input event, then a person's
// pause before Enter (PAUSE_MS); requests, bytes and round trips count from
// the typing, the time from Enter.
const PAUSE = Number(process.env.PAUSE_MS || 300);

async function next(pageUrl, statusId, input, form, q0, rest, typed = false) {
  const context = await newContext(statusId);
  const page = await context.newPage();
  await page.goto(`${origin}/${pageUrl}?q=${encodeURIComponent(q0)}`);
  await doneAt(page, q0);
  await page.waitForTimeout(LATENCY * 3);
  const out = [];
  for (const q of rest) {
    await settled(0);
    const from = log.length;
    if (typed) {
      await page.fill('#' + input, q);
      await page.waitForTimeout(PAUSE);
    }
    const t0 = await page.evaluate(([input, form, q]) => {
      document.getElementById(input).value = q;
      const t = performance.now();
      document.getElementById(form).requestSubmit();
      return t;
    }, [input, form, q]);
    const ms = (await doneAt(page, q)) - t0;
    await page.waitForTimeout(LATENCY * 3);
    out.push(measure(await settled(from), ms));
  }
  await context.close();
  return out;
}

// Header suggestions: a loaded page, the field focused (as a click or "/"
// does), a pause as a person's, then the query typed as one input event.
async function suggestions(q) {
  const context = await newContext('none');
  const page = await context.newPage();
  await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
  await page.waitForTimeout(LATENCY * 3);
  await settled(0);
  await page.focus('#kb-zoekveld');
  await page.waitForTimeout(300);
  await settled(0);
  const from = log.length;
  const t0 = await page.evaluate((q) => {
    const input = document.getElementById('kb-zoekveld');
    input.value = q;
    const t = performance.now();
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return t;
  }, q);
  const ms = await page.waitForFunction((q) => {
    const list = document.getElementById('kb-suggesties');
    return list.getAttribute('data-query') === q && performance.now();
  }, q, { timeout: 60_000 }).then((h) => h.jsonValue()) - t0;
  await page.waitForTimeout(LATENCY * 3);
  const entries = await settled(from);
  await context.close();
  return measure(entries, ms);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const summary = (list) => ({
  ...Object.fromEntries(['requests', 'kib', 'waves', 'ms'].map((k) => [k, median(list.map((x) => x[k]))])),
  waves_max: Math.max(...list.map((x) => x.waves)),
});

const rows = [];
async function run(name, fn) {
  const list = await fn();
  const s = summary(list);
  rows.push({ site: label, what: name, latency_ms: LATENCY, queries: list.length, ...s });
  console.log(JSON.stringify(rows[rows.length - 1]));
}

try {
  if (ONLY !== 'pagefind') await kennisbank();
  if (ONLY !== 'kennisbank') await pagefind();
} finally {
  await browser.close();
  server.closeAllConnections();
  server.close();
}

async function kennisbank() {
  await run('Kennisbank results page, cold', async () => {
    const out = [];
    for (const q of queries) out.push(await cold('zoeken.html', 'kb-status', q));
    return out;
  });
  await run('Kennisbank results page, next query', () => next('zoeken.html', 'kb-status', 'kb-zoekterm', 'kb-zoekformulier', queries[0], queries.slice(1)));
  await run('Kennisbank results page, next query typed', () => next('zoeken.html', 'kb-status', 'kb-zoekterm', 'kb-zoekformulier', queries[0], queries.slice(1), true));
  await run('Kennisbank header suggestions, first keystroke', async () => {
    const out = [];
    for (const q of queries) out.push(await suggestions(q));
    return out;
  });
}

async function pagefind() {
  if (hasPagefind) {
    await run(`Pagefind (top ${PF_TOP}), cold`, async () => {
      const out = [];
      for (const q of queries) out.push(await cold('pagefind-bench.html', 'status', q));
      return out;
    });
    await run(`Pagefind (top ${PF_TOP}), next query`, () => next('pagefind-bench.html', 'status', 'q', 'f', queries[0], queries.slice(1)));
    await run(`Pagefind (top ${PF_TOP}), next query typed`, () => next('pagefind-bench.html', 'status', 'q', 'f', queries[0], queries.slice(1), true));
  } else {
    console.error(`no ${path.join(root, 'pagefind')}: Pagefind not measured`);
  }
}

console.error(`\n${label}, ${LATENCY} ms per request, median of ${queries.length} queries: ${queries.join(' · ')}`);
console.error('| site | what | requests | gzip KiB | round trips | ms to results |');
console.error('| --- | --- | ---: | ---: | ---: | ---: |');
for (const r of rows) console.error(`| ${r.site} | ${r.what} | ${r.requests} | ${r.kib.toFixed(1)} | ${r.waves} | ${Math.round(r.ms)} |`);
