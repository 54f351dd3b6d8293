// axe-core with the WCAG 2.0, 2.1 and 2.2 A and AA rules and its best-practice
// rules on every page of the bundled site, served with the strict
// Content-Security-Policy, at 1280 and at 320 CSS pixels: zero violations. At
// 320 pixels no page may scroll sideways (WCAG 1.4.10, reflow). The example
// house style (docs/styles/gemeente.toml) builds and passes axe too, and both
// styles are photographed for the README.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openSite, session } from './lib/browser.mjs';
import { axeProblems, assertNoProblems } from './lib/checks.mjs';
import { artifact, bundledSite, htmlPages, styledSite, templatePages } from './lib/site.mjs';

// Pages every run must include, whatever else the site holds.
const NAMED = [
  'index.html',
  'zoeken.html',
  'toegankelijkheid.html',
  'gemeenten/zaanstad.html',
  'gemeenten/dijk-en-waard.html',
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

/** The outermost elements that stick out of a page `width` wide. */
function sideways(page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.body.querySelectorAll('*')]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.parentElement.closest('.table-scroll, .chart'))
      .filter((el, _, all) => !all.includes(el.parentElement))
      .slice(0, 5)
      .map((el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> is ${Math.round(el.getBoundingClientRect().right)}px wide`);
  });
}

/** axe (and at narrow widths the reflow check) on `pages` of `where`, one tab reused. */
async function audit(where, pages, viewport, label) {
  const s = await session(browser, where, { viewport });
  const page = await s.newPage();
  const problems = [];
  for (const rel of pages) {
    await page.goto(where.url(rel), { waitUntil: 'load' });
    const name = `${rel} (${label})`;
    if (viewport.width <= 320) problems.push(...(await sideways(page)).map((w) => `${name}: scrolls sideways: ${w}`));
    problems.push(...(await axeProblems(page, name)));
  }
  await page.close();
  problems.push(...s.problems());
  await s.close();
  return problems;
}

for (const [width, height] of [[1280, 900], [320, 640]]) {
  test(`every page passes axe-core (WCAG 2.0/2.1/2.2 A and AA, best practices) at ${width}px${width === 320 ? ' and does not scroll sideways' : ''}`, { timeout: 1_200_000 }, async (t) => {
    const pages = htmlPages(site.dir);
    for (const p of NAMED) assert.ok(pages.includes(p), `the bundled site has ${p}`);
    const problems = await audit(site, pages, { width, height }, `${width}px`);
    t.diagnostic(`${pages.length} pages checked at ${width}px`);
    assertNoProblems(problems, `axe-core found violations at ${width}px`);
  });
}

// The page a reader meets first and a page with most of the document template.
const SHOWN = [['home', 'index.html'], ['factsheet', 'factsheets/zaanstad-2014.html']];

test('the example municipality style builds and passes axe-core; both styles are photographed', { timeout: 600_000 }, async (t) => {
  const styled = await openSite(styledSite('docs/styles/gemeente.toml'), 'http');
  try {
    const pages = templatePages(styled.dir, NAMED);
    const problems = [
      ...(await audit(styled, pages, { width: 1280, height: 900 }, 'gemeente style, 1280px')),
      ...(await audit(styled, ['index.html', 'vergelijken/2014.html', 'zoeken.html'], { width: 320, height: 640 }, 'gemeente style, 320px')),
    ];
    t.diagnostic(`${pages.length} pages of the gemeente style checked`);
    assertNoProblems(problems, 'axe-core found violations in the gemeente style');
    for (const [style, where] of [['default', site], ['gemeente', styled]]) {
      const s = await session(browser, where, { viewport: { width: 1024, height: 720 } });
      const page = await s.newPage();
      for (const [name, rel] of SHOWN) {
        await page.goto(where.url(rel), { waitUntil: 'load' });
        await page.screenshot({ path: artifact(`style-${style}-${name}.png`) });
      }
      await s.close();
    }
  } finally {
    await styled.close();
  }
});
