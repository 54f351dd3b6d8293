#!/usr/bin/env node
// Lighthouse performance figures for the four pages the browser suite scores
// (home, a document, the comparison, the results page with a query), on a
// phone (Lighthouse's default: simulated slow 4G and a 4x slower CPU) and on
// a desktop. Prints a table; asserts nothing (speed is not a test).
//
//   cargo build --release
//   KB_BIN=target/release/kennisbank node bench/lighthouse.mjs [RUNS]
//
// KB_SITE=DIR measures a site built already. Each figure is the median of RUNS
// runs (default 3). CLS is the cumulative layout shift: the results page
// should stay at or below 0.05.

import { openSite } from '../tests/e2e/lib/browser.mjs';
import { lighthouseReport } from '../tests/e2e/lib/lighthouse.mjs';
import { bundledSite } from '../tests/e2e/lib/site.mjs';

const PAGES = ['index.html', 'observaties/observatie-1.html', 'vergelijken/2014.html', 'zoeken.html?q=wijkteam'];
const runs = Number(process.argv[2] || 3);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const site = await openSite(bundledSite(), 'http');
const rows = [];
try {
  for (const desktop of [false, true]) {
    for (const rel of PAGES) {
      const samples = [];
      for (let i = 0; i < runs; i++) {
        const lhr = await lighthouseReport(site.url(rel), { categories: ['performance'], desktop, limitMs: 240_000 });
        const a = lhr.audits;
        samples.push({
          score: lhr.categories.performance.score * 100,
          fcp: a['first-contentful-paint'].numericValue,
          lcp: a['largest-contentful-paint'].numericValue,
          tbt: a['total-blocking-time'].numericValue,
          cls: a['cumulative-layout-shift'].numericValue,
        });
      }
      const m = (k) => median(samples.map((s) => s[k]));
      rows.push({ form: desktop ? 'desktop' : 'phone', page: rel, score: m('score'), fcp: m('fcp'), lcp: m('lcp'), tbt: m('tbt'), cls: m('cls'), clsMax: Math.max(...samples.map((s) => s.cls)) });
    }
  }
} finally {
  await site.close();
}

console.log(`Lighthouse performance, median of ${runs} run(s) per row`);
console.log('| form | page | performance | FCP ms | LCP ms | TBT ms | CLS (max) |');
console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(`| ${r.form} | ${r.page} | ${Math.round(r.score)} | ${Math.round(r.fcp)} | ${Math.round(r.lcp)} | ${Math.round(r.tbt)} | ${r.cls.toFixed(3)} (${r.clsMax.toFixed(3)}) |`);
}
const results = rows.filter((r) => r.page.startsWith('zoeken.html'));
const worst = Math.max(...results.map((r) => r.clsMax));
console.log(`\nResults page CLS, worst run: ${worst.toFixed(3)} (target: at most 0.05)${worst > 0.05 ? '  ABOVE TARGET' : ''}`);
