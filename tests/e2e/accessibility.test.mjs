// axe-core with the WCAG 2.1 A and AA rules on one page of every distinct
// template, served with the strict Content-Security-Policy: zero violations.
// Also WCAG 1.4.10 (reflow): at 320 CSS pixels wide no page scrolls sideways.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openSite, session } from './lib/browser.mjs';
import { axeProblems, assertNoProblems } from './lib/checks.mjs';
import { bundledSite, templatePages } from './lib/site.mjs';

// The hub with the most backlinks, the merged municipality, the glossary and
// the comparison pages, whatever their size.
const NAMED = [
  'gemeenten/zaanstad.html',
  'gemeenten/dijk-en-waard.html',
  'gemeenten/heerhugowaard.html',
  'begrippen/index.html',
  'vergelijken/index.html',
  'vergelijken/2014.html',
];

let browser;
let site;
before(async () => {
  browser = await launch();
  site = await openSite(bundledSite(), 'http');
});
after(async () => {
  await browser?.close();
  await site?.close();
});

test('every page template passes axe-core WCAG 2.1 A and AA rules', { timeout: 300_000 }, async (t) => {
  const pages = templatePages(site.dir, NAMED);
  for (const p of NAMED) assert.ok(pages.includes(p), `the bundled site has ${p}`);
  const s = await session(browser, site);
  const problems = [];
  for (const rel of pages) {
    const page = await s.open(rel);
    problems.push(...(await axeProblems(page, rel)));
    await page.close();
  }
  problems.push(...s.problems());
  await s.close();
  t.diagnostic(`${pages.length} pages checked: ${pages.join(', ')}`);
  assertNoProblems(problems, 'axe-core found WCAG 2.1 A/AA violations');
});

test('at 320 CSS pixels no page template scrolls sideways (WCAG 1.4.10 reflow) and axe still passes', { timeout: 300_000 }, async (t) => {
  const pages = templatePages(site.dir, NAMED);
  const s = await session(browser, site, { viewport: { width: 320, height: 640 } });
  const problems = [];
  for (const rel of pages) {
    const page = await s.open(rel);
    const wide = await page.evaluate(() => {
      const width = document.documentElement.clientWidth;
      if (document.documentElement.scrollWidth <= width) return [];
      // Name the outermost elements that stick out, not all their descendants.
      return [...document.body.querySelectorAll('*')]
        .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.parentElement.closest('.table-scroll, .chart'))
        .filter((el, _, all) => !all.includes(el.parentElement))
        .slice(0, 5)
        .map((el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> is ${Math.round(el.getBoundingClientRect().right)}px wide`);
    });
    problems.push(...wide.map((w) => `${rel}: scrolls sideways at 320px: ${w}`));
    problems.push(...(await axeProblems(page, `${rel} (320px)`)));
    await page.close();
  }
  problems.push(...s.problems());
  await s.close();
  t.diagnostic(`${pages.length} pages checked at 320px`);
  assertNoProblems(problems);
});
