// Lighthouse's accessibility, best-practices and SEO categories on the home
// page, a document page, the comparison page and the results page with a
// query, served with the strict Content-Security-Policy: 100 on each.
// Performance and layout shift are measured by bench/lighthouse.mjs, not here.

import { after, before, test } from 'node:test';
import { openSite } from './lib/browser.mjs';
import { assertNoProblems } from './lib/checks.mjs';
import { lighthouseProblems, lighthouseReport } from './lib/lighthouse.mjs';
import { bundledSite } from './lib/site.mjs';

export const LIGHTHOUSE_PAGES = [
  'index.html',
  'observaties/observatie-1.html',
  'vergelijken/2014.html',
  'zoeken.html?q=wijkteam',
];

let site;
before(async () => {
  site = await openSite(bundledSite(), 'http');
});
after(async () => {
  await site?.close();
});

for (const rel of LIGHTHOUSE_PAGES) {
  test(`Lighthouse accessibility, best practices and SEO are 100 on ${rel}`, { timeout: 240_000 }, async (t) => {
    const lhr = await lighthouseReport(site.url(rel), { limitMs: 180_000 });
    const scores = Object.entries(lhr.categories).map(([id, c]) => `${id} ${Math.round(c.score * 100)}`);
    t.diagnostic(`${rel}: ${scores.join(', ')} (Lighthouse ${lhr.lighthouseVersion}, ${lhr.environment.hostUserAgent.match(/Chrome\/[\d.]+/)?.[0]})`);
    assertNoProblems(lighthouseProblems(lhr, rel), `Lighthouse below 100 on ${rel}`);
  });
}
