// Keyboard focus on the busiest pages, at 1280 and at 320 CSS pixels: every
// element Tab reaches shows a focus indicator and is never entirely hidden
// under something else, such as the comparison table's sticky first column
// (WCAG 2.4.7 and 2.2's 2.4.11, which axe-core does not check).

import { after, before, test } from 'node:test';
import { launch, openSite, session } from './lib/browser.mjs';
import { assertNoProblems, tabThrough } from './lib/checks.mjs';
import { bundledSite } from './lib/site.mjs';

const PAGES = [
  'index.html',
  'vergelijken/2014.html',
  'factsheets/zaanstad-2014.html',
  'zoeken.html?q=wijkteam',
  'toegankelijkheid.html',
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

for (const [width, height] of [[1280, 900], [320, 640]]) {
  test(`every focus stop is visible and not hidden under anything at ${width}px`, { timeout: 300_000 }, async (t) => {
    const s = await session(browser, site, { viewport: { width, height } });
    const page = await s.newPage();
    const problems = [];
    for (const rel of PAGES) {
      await page.goto(site.url(rel), { waitUntil: 'load' });
      if (rel.startsWith('zoeken.html')) await page.waitForSelector('#kb-resultaten > li');
      problems.push(...(await tabThrough(page, `${rel} (${width}px)`)));
    }
    problems.push(...s.problems());
    await s.close();
    t.diagnostic(`${PAGES.length} pages tabbed through at ${width}px`);
    assertNoProblems(problems, `focus problems at ${width}px`);
  });
}
