// Browsing by keyboard only, as a person without a mouse would: home ->
// municipality -> its factsheet -> a practice story the factsheet links to ->
// back, with Tab and Enter, over HTTP and from disk. Every element that takes
// focus must show a visible focus indicator (computed outline or box-shadow).

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openSite, session } from './lib/browser.mjs';
import { focusProblem, focusState, assertNoProblems } from './lib/checks.mjs';
import { artifact, bundledSite } from './lib/site.mjs';

const MAX_TABS = 400;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/** Presses Tab until the focused link's address matches `wanted`; checks the focus indicator at every step. */
async function tabTo(page, where, wanted, problems) {
  for (let i = 1; i <= MAX_TABS; i += 1) {
    await page.keyboard.press('Tab');
    const state = await focusState(page);
    const problem = focusProblem(`${where}, Tab ${i}`, state);
    if (problem) problems.push(problem);
    if (state.href && wanted.test(state.href)) return state;
  }
  assert.fail(`${where}: no link matching ${wanted} after ${MAX_TABS} presses of Tab`);
}

/** First Tab reaches the skip link; Enter moves focus to the main content. */
async function skipToContent(page, where, problems) {
  await page.keyboard.press('Tab');
  const state = await focusState(page);
  assert.match(state.element, /Naar de inhoud/, `${where}: the first Tab reaches the skip link`);
  const problem = focusProblem(`${where}, skip link`, state);
  if (problem) problems.push(problem);
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'inhoud', `${where}: the skip link moves focus to the main content`);
}

async function follow(page, where, wanted, problems) {
  await skipToContent(page, where, problems);
  const link = await tabTo(page, where, wanted, problems);
  await Promise.all([page.waitForURL(link.href), page.keyboard.press('Enter')]);
  return link;
}

const heading = (page) => page.locator('h1').first().innerText();

for (const mode of ['http', 'file']) {
  test(`keyboard only (${mode}): home, municipality, factsheet, story and back, focus always visible`, { timeout: 120_000 }, async (t) => {
    const site = await openSite(bundledSite(), mode);
    const s = await session(browser, site);
    t.after(() => Promise.all([s.close(), site.close()]));
    const page = await s.open('index.html');
    const problems = [];

    await follow(page, 'index.html', /\/gemeenten\/zaanstad\.html$/, problems);
    assert.equal(await heading(page), 'Zaanstad');

    await follow(page, 'gemeenten/zaanstad.html', /\/factsheets\/zaanstad-2014\.html$/, problems);
    const factsheet = await heading(page);
    assert.match(factsheet, /Zaanstad/);

    // Show a person what the focus ring looks like, on the story link.
    await skipToContent(page, 'factsheets/zaanstad-2014.html', problems);
    const story = await tabTo(page, 'factsheets/zaanstad-2014.html', /\/praktijkverhalen\/(?!index\.html)[^/]+\.html$/, problems);
    if (mode === 'http') await page.screenshot({ path: artifact('focus-story-link.png') });
    await Promise.all([page.waitForURL(story.href), page.keyboard.press('Enter')]);
    assert.equal(await page.locator('.kind-label').innerText(), 'Praktijkverhaal'.toUpperCase());

    // Back with the browser's own Back (Alt+Left is a browser shortcut, not a
    // key event a page receives, so headless Chromium cannot be sent it), then
    // the keyboard goes on working there.
    await page.goBack({ waitUntil: 'load' });
    assert.match(page.url(), /factsheets\/zaanstad-2014\.html(#inhoud)?$/);
    assert.equal(await heading(page), factsheet);
    await tabTo(page, 'factsheets/zaanstad-2014.html after back', /./, problems);

    problems.push(...s.problems());
    assertNoProblems(problems);
  });
}
