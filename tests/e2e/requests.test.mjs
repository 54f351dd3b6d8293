// Every page of the bundled site, opened over HTTP with the strict
// Content-Security-Policy `default-src 'self'` and straight from disk: no
// request to any other host, no CSP violation, no script error.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openSite, session } from './lib/browser.mjs';
import { assertNoProblems } from './lib/checks.mjs';
import { bundledSite, htmlPages } from './lib/site.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

for (const mode of ['http', 'file']) {
  test(`every page (${mode}) makes no external request and violates no CSP`, { timeout: 300_000 }, async (t) => {
    const site = await openSite(bundledSite(), mode);
    const s = await session(browser, site);
    const page = await s.newPage();
    const pages = htmlPages(site.dir);
    for (const rel of pages) {
      await page.goto(site.url(rel), { waitUntil: 'load' });
    }
    await page.close();
    const problems = s.problems();
    const requests = s.log.requests.length;
    await s.close();
    await site.close();
    t.diagnostic(`${pages.length} pages opened, ${requests} requests recorded`);
    assert.ok(requests >= pages.length, 'every navigation was recorded');
    assertNoProblems(problems);
  });
}
