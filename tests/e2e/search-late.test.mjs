// A late answer never replaces a newer one: the files of an earlier query are
// held back until a later query's answer is on screen, then let through; the
// page must go on showing the later query (results page, header suggestions)
// or nothing at all (a field cleared in the meantime). No clock: the test
// waits until the client has no index file on its way, which means every
// answer has arrived and been handled.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openSite, session } from './lib/browser.mjs';
import { assertNoProblems } from './lib/checks.mjs';
import { bundledSite } from './lib/site.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Holds the index files (not the manifest) a page asks for while `holding`
 * is on; `asked` resolves at the first one held, `release()` lets them all
 * through.
 */
async function holdIndexFiles(page) {
  const held = [];
  let first;
  const control = {
    holding: false,
    asked: new Promise((resolve) => { first = resolve; }),
    release() {
      for (const route of held.splice(0)) route.continue();
    },
  };
  await page.route('**/search/**', (route) => {
    if (!control.holding || route.request().url().endsWith('/manifest.js')) {
      route.continue();
      return;
    }
    held.push(route);
    first();
  });
  return control;
}

/** Waits until no index file the client asked for is still on its way (the loader removes each once it has run). */
async function settled(page) {
  await page.waitForFunction(() => !document.querySelector('head script[src*="search/"]:not([data-kb-index])'));
}

/**
 * Opens `rel` of the bundled site over HTTP with its index files held
 * (`holdIndexFiles`), runs `steps(page, hold)`, then closes everything and
 * fails on any problem the session saw (console errors, failed requests).
 */
async function withHeldIndex(rel, steps) {
  const site = await openSite(bundledSite(), 'http');
  const s = await session(browser, site);
  try {
    const page = await s.open(rel);
    await steps(page, await holdIndexFiles(page));
    await page.close();
    assertNoProblems(s.problems());
  } finally {
    await s.close();
    await site.close();
  }
}

/**
 * Types `text` into the header's search field while the index files are
 * held, waits until the client has asked for one of them, and stops holding
 * (files asked for later pass). Returns the field.
 */
async function typeHeld(page, hold, text) {
  const input = page.locator('#kb-zoekveld');
  await input.focus();
  hold.holding = true;
  await input.fill(text);
  await hold.asked;
  hold.holding = false;
  return input;
}

const STATUS = /\d+ resultaten? voor/;

test('results page: a late answer to an earlier query does not replace the newer one', { timeout: 120_000 }, async () => {
  await withHeldIndex('zoeken.html', async (page, hold) => {
    const input = page.locator('#kb-zoekterm');
    hold.holding = true;
    await input.fill('tienermoeders');
    await input.press('Enter');
    await hold.asked;
    hold.holding = false;
    await input.fill('casemanagement');
    await input.press('Enter');
    await page.waitForFunction((re) => new RegExp(re + '.*casemanagement').test(document.getElementById('kb-status').textContent), STATUS.source);
    const titles = await page.locator('#kb-resultaten h2').allTextContents();
    hold.release();
    await settled(page);
    assert.match(await page.locator('#kb-status').textContent(), /voor “casemanagement”/);
    assert.deepEqual(await page.locator('#kb-resultaten h2').allTextContents(), titles);
  });
});

test('header suggestions: a late answer to an earlier query does not replace the newer one', { timeout: 120_000 }, async () => {
  await withHeldIndex('index.html', async (page, hold) => {
    const input = await typeHeld(page, hold, 'tiener');
    await input.fill('casem');
    await page.waitForSelector('#kb-suggesties[data-query="casem"] [role="option"]');
    const shown = await page.locator('#kb-suggesties [role="option"]').allTextContents();
    hold.release();
    await settled(page);
    assert.equal(await page.locator('#kb-suggesties').getAttribute('data-query'), 'casem');
    assert.deepEqual(await page.locator('#kb-suggesties [role="option"]').allTextContents(), shown);
  });
});

test('a late answer does not reopen suggestions after the field is cleared', { timeout: 120_000 }, async () => {
  await withHeldIndex('index.html', async (page, hold) => {
    const input = await typeHeld(page, hold, 'tiener');
    await input.fill('');
    hold.release();
    await settled(page);
    assert.equal(await input.getAttribute('aria-expanded'), 'false');
    assert.equal(await page.locator('#kb-suggesties').isHidden(), true);
    assert.equal(await page.locator('#kb-suggesties [role="option"]').count(), 0);
  });
});
