// Search in the browser, over HTTP (strict CSP) and straight from disk: the
// results page finds, marks and filters; the search field in the header is a
// keyboard-operable combobox that "/" focuses; titles are shown as text.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, openSite, session } from './lib/browser.mjs';
import { axeProblems, assertNoProblems } from './lib/checks.mjs';
import { artifact, bundledSite, fixtureSite } from './lib/site.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const STATUS = /\d+ resultaten? voor/;

for (const mode of ['http', 'file']) {
  test(`the results page finds, marks and filters (${mode})`, { timeout: 120_000 }, async () => {
    const site = await openSite(bundledSite(), mode);
    const s = await session(browser, site);
    const page = await s.open('zoeken.html?q=vrijwilligersorganisaties');
    await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
    const status = await page.locator('#kb-status').textContent();
    assert.equal(await page.locator('#kb-status').getAttribute('aria-live'), 'polite');
    const results = page.locator('#kb-resultaten > li');
    const count = await results.count();
    assert.ok(count >= 2, `${status}: at least two results`);
    assert.ok(await page.locator('#kb-resultaten mark').count() >= 1, 'matched words are marked');
    assert.equal(await page.locator('#kb-zoekterm').inputValue(), 'vrijwilligersorganisaties');
    // Filtering by kind narrows the results and puts the filter in the URL.
    const facet = page.locator('#kb-filters input[name="kind"][value="factsheet"]');
    assert.equal(await facet.count(), 1, 'a kind facet for factsheets');
    await facet.check();
    // The status passes through "Zoeken…": wait for the new count.
    await page.waitForFunction(([before, re]) => {
      const text = document.getElementById('kb-status').textContent;
      return text !== before && new RegExp(re).test(text);
    }, [status, STATUS.source]);
    const kinds = await page.locator('#kb-resultaten .meta').allTextContents();
    assert.ok(kinds.length >= 1 && kinds.every((k) => k.startsWith('Factsheet')), kinds.join(' | '));
    if (mode === 'http') assert.match(page.url(), /[?&]kind=factsheet/);
    // axe reads the stylesheets with XMLHttpRequest, which file:// refuses.
    if (mode === 'http') assert.deepEqual(await axeProblems(page, 'zoeken.html (results)'), []);
    await page.screenshot({ path: artifact(`search-results-${mode}.png`), fullPage: true });
    await page.close();
    // Words that stand together rank the page that says them so first: the
    // pair files load from disk as over HTTP.
    const together = await s.open('zoeken.html?q=' + encodeURIComponent('Hét sociale team'));
    await together.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
    const first = await together.locator('#kb-resultaten > li a').first().getAttribute('href');
    assert.match(first, /observatie-1\.html/);
    await together.close();
    const problems = s.problems();
    await s.close();
    await site.close();
    assertNoProblems(problems);
  });
}

test('the header search field is a combobox that "/" focuses', { timeout: 120_000 }, async () => {
  const site = await openSite(bundledSite(), 'file');
  const s = await session(browser, site);
  const page = await s.open('index.html');
  await page.keyboard.press('/');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'kb-zoekveld');
  const input = page.locator('#kb-zoekveld');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  await page.keyboard.type('wijkte', { delay: 20 });
  // On a slow machine an answer for "wijk" may come first and be replaced.
  await page.waitForSelector('#kb-suggesties[data-query="wijkte"] [role="option"]');
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  await page.keyboard.press('ArrowDown');
  const active = await input.getAttribute('aria-activedescendant');
  assert.equal(await page.locator(`#${active}`).getAttribute('aria-selected'), 'true');
  assert.match(await page.locator('#kb-suggestiestatus').textContent(), /^\d+ suggesties?; kies met pijltje/, 'the number of suggestions is announced');
  await page.keyboard.press('Escape');
  assert.equal(await input.getAttribute('aria-expanded'), 'false');
  // Down arrow opens the closed list again, on its first option.
  await page.keyboard.press('ArrowDown');
  assert.equal(await input.getAttribute('aria-expanded'), 'true');
  assert.equal(await input.getAttribute('aria-activedescendant'), 'kb-suggestie-0');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('e');
  await page.waitForSelector('#kb-suggesties[data-query="wijkte"] [role="option"]');
  await page.keyboard.press('ArrowDown');
  await Promise.all([page.waitForURL((url) => !url.href.endsWith('index.html')), page.keyboard.press('Enter')]);
  await page.close();
  const problems = s.problems();
  await s.close();
  assertNoProblems(problems);
});

test('a word no page uses is named, with the nearest spelling as a link', { timeout: 120_000 }, async () => {
  const site = await openSite(bundledSite(), 'http');
  const s = await session(browser, site);
  const page = await s.open('zoeken.html?q=' + encodeURIComponent('vrijwilligrsss toegang'));
  await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
  const status = await page.locator('#kb-status').textContent();
  assert.match(status, /Geen pagina gebruikt ‘vrijwilligrsss’ \(bedoelde u ‘vrijwilligers’\?\); gezocht op ‘toegang’\./);
  const link = page.locator('#kb-status a');
  assert.equal(await link.textContent(), '‘vrijwilligers’');
  assert.equal(await link.getAttribute('href'), '?q=' + encodeURIComponent('vrijwilligers toegang'));
  await Promise.all([page.waitForURL(/q=vrijwilligers/), link.click()]);
  await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
  assert.doesNotMatch(await page.locator('#kb-status').textContent(), /Geen pagina gebruikt/);
  // A word searched as a typo's correction is named too, without a link.
  await page.goto(site.url('zoeken.html?q=' + encodeURIComponent('vrijwiligers toegang')));
  await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
  assert.match(await page.locator('#kb-status').textContent(), /Geen pagina gebruikt ‘vrijwiligers’; gezocht op ‘vrijwilligers’, ‘toegang’\./);
  assert.equal(await page.locator('#kb-status a').count(), 0);
  await page.close();
  const problems = s.problems();
  await s.close();
  await site.close();
  assertNoProblems(problems);
});

test('a title with markup is shown as text', { timeout: 120_000 }, async () => {
  const site = await openSite(fixtureSite('search'), 'http');
  const s = await session(browser, site);
  const page = await s.open('zoeken.html?q=buurtteams');
  await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
  const titles = await page.locator('#kb-resultaten h2').allTextContents();
  assert.ok(titles.includes('Over <script> en buurtteams'), titles.join(' | '));
  assert.equal(await page.locator('#kb-resultaten script').count(), 0);
  await page.close();
  const problems = s.problems();
  await s.close();
  await site.close();
  assertNoProblems(problems);
});

test('a filter set with the keyboard narrows to its count, and the shared URL shows the same results', { timeout: 120_000 }, async () => {
  const site = await openSite(bundledSite(), 'http');
  const s = await session(browser, site);
  const page = await s.open('zoeken.html?q=wijkteam');
  await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
  const before = await page.locator('#kb-status').textContent();
  // A municipality that some but not all results are about.
  const boxes = page.locator('#kb-filters input[name="gemeente"]');
  assert.ok(await boxes.count() >= 2, 'municipality filters are offered');
  const labels = await page.locator('#kb-filters input[name="gemeente"]').evaluateAll((els) =>
    els.map((el) => ({ value: el.value, count: Number(/\((\d+)\)/.exec(el.parentElement.textContent)[1]) })));
  const total = Number(/^(\d+)/.exec(before)[1]);
  const pick = labels.find((l) => l.count >= 2 && l.count < total);
  assert.ok(pick, `a municipality filter narrows the ${total} results: ${JSON.stringify(labels)}`);
  const box = page.locator(`#kb-filters input[name="gemeente"][value="${pick.value}"]`);
  await box.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(([b, re]) => {
    const text = document.getElementById('kb-status').textContent;
    return text !== b && new RegExp(re).test(text);
  }, [before, STATUS.source]);
  const status = await page.locator('#kb-status').textContent();
  assert.match(status, new RegExp(`^${pick.count} resultaten voor`), 'the result count equals the filter\'s count');
  assert.deepEqual(await page.evaluate(() => [document.activeElement.name, document.activeElement.value, document.activeElement.checked]),
    ['gemeente', pick.value, true], 'focus stays on the filter that was set');
  const url = page.url();
  assert.match(url, new RegExp(`[?&]gemeente=${pick.value}(&|$)`));
  const titles = await page.locator('#kb-resultaten h2').allTextContents();
  // The shared URL, opened afresh, shows the same filter set and the same results.
  const shared = await s.open(url.slice(url.indexOf('zoeken.html')));
  await shared.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
  assert.equal(await shared.locator(`#kb-filters input[name="gemeente"][value="${pick.value}"]`).isChecked(), true);
  assert.deepEqual(await shared.locator('#kb-resultaten h2').allTextContents(), titles);
  await page.close();
  await shared.close();
  const problems = s.problems();
  await s.close();
  await site.close();
  assertNoProblems(problems);
});

test('a next query typed on the results page loads its words and its results while it is typed, so submitting asks for nothing', { timeout: 120_000 }, async () => {
  const site = await openSite(bundledSite(), 'http');
  const s = await session(browser, site);
  const page = await s.open('zoeken.html?q=tienermoeders');
  await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
  const searchFiles = (from) => s.log.requests.slice(from).map((r) => r.url).filter((u) => u.includes('/search/'));
  // Term chunks, pair files and the record table: what a query needs before its results.
  const words = (from) => searchFiles(from).filter((u) => /\/search\/(t-|r\/|records-)/.test(u));
  const results = (from) => searchFiles(from).filter((u) => u.includes('/search/f/'));
  const typedFrom = s.log.requests.length;
  const query = 'casemanagement in de wijk';
  await page.locator('#kb-zoekterm').fill(query);
  for (let waited = 0; words(typedFrom).length === 0 || results(typedFrom).length === 0; waited += 50) {
    assert.ok(waited < 10_000, `typing loads the index files of the words typed and the result files of the first results (so far: ${searchFiles(typedFrom).join(', ')})`);
    await page.waitForTimeout(50);
  }
  // Until every file asked for has arrived (the loader removes its script then).
  await page.waitForFunction(() => !document.querySelector('head script[src*="search/"]:not([data-kb-index])'));
  const typed = searchFiles(typedFrom);
  const submittedFrom = s.log.requests.length;
  await page.locator('#kb-zoekterm').press('Enter');
  await page.waitForFunction((q) => document.getElementById('kb-status').textContent.includes('voor \u201c' + q + '\u201d'), query);
  assert.deepEqual(searchFiles(submittedFrom), [], `after submitting, no search file that typing had not loaded (typing loaded ${typed.join(', ')})`);
  assert.ok(await page.locator('#kb-resultaten > li').count() >= 1);
  await page.close();
  const problems = s.problems();
  await s.close();
  await site.close();
  assertNoProblems(problems);
});

test('without JavaScript the results page says so and links to every overview', { timeout: 120_000 }, async () => {
  const dir = bundledSite();
  const site = await openSite(dir, 'http');
  const s = await session(browser, site, { javaScriptEnabled: false });
  const page = await s.open('zoeken.html');
  const notice = page.locator('main .notice');
  assert.match(await notice.textContent(), /Zoeken werkt met JavaScript/);
  assert.equal(await notice.isVisible(), true);
  const links = await page.locator('main noscript ~ ul a, main ul a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.ok(links.length >= 5, `links to the overviews: ${links.join(' ')}`);
  for (const href of links) {
    assert.ok(fs.existsSync(path.join(dir, href.replace(/^(\.\/)+/, ''))), `${href} exists`);
  }
  await page.close();
  const problems = s.problems();
  await s.close();
  await site.close();
  assertNoProblems(problems);
});

test('results come ten at a time: "Meer resultaten" adds the next ten, moves focus to the first of them and announces them', { timeout: 120_000 }, async () => {
  const site = await openSite(bundledSite(), 'http');
  const s = await session(browser, site);
  const page = await s.open('zoeken.html?q=wijkteam');
  await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
  const total = Number(/^(\d+)/.exec(await page.locator('#kb-status').textContent())[1]);
  assert.ok(total > 20, `enough results to page through twice: ${total}`);
  const items = page.locator('#kb-resultaten > li');
  assert.equal(await items.count(), 10);
  // The page loads what it shows: result files for the ten shown (pages
  // found together share one), each once; the manifest once (the page names
  // it in a <script src>, the client reuses it).
  const loaded = (part) => s.log.requests.filter((r) => r.url.includes(part)).length;
  const distinct = (part) => new Set(s.log.requests.filter((r) => r.url.includes(part)).map((r) => r.url)).size;
  const first = loaded('/search/f/');
  assert.ok(first >= 1 && first <= 10, `result files for the ten shown: ${first}`);
  assert.equal(distinct('/search/f/'), first, 'each result file is requested once');
  assert.equal(loaded('/search/manifest.js'), 1, 'the manifest is requested once');
  const more = page.locator('#kb-meer');
  assert.equal(await more.isVisible(), true);
  await more.focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelectorAll('#kb-resultaten > li').length === 20);
  assert.equal(await page.evaluate(() => document.activeElement === document.querySelector('#kb-resultaten > li:nth-child(11) a')), true,
    'focus is on the first new result');
  assert.equal(await page.locator('#kb-meer-status').getAttribute('role'), 'status');
  await page.waitForFunction(() => document.getElementById('kb-meer-status').textContent !== '');
  assert.equal(await page.locator('#kb-meer-status').textContent(), `10 meer getoond: 11 tot en met 20 van ${total}.`);
  const second = loaded('/search/f/');
  assert.ok(second >= first && second <= first + 10, `at most ten more result files: ${first}, then ${second}`);
  assert.equal(distinct('/search/f/'), second, 'each result file is requested once');
  assert.deepEqual(await axeProblems(page, 'zoeken.html (more results)'), []);
  // To the end of the list: then the control goes away.
  for (let shown = 20; shown < total; shown += 10) {
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll('#kb-resultaten > li').length === n, Math.min(total, shown + 10));
  }
  assert.equal(await more.isVisible(), false);
  // Every result once: the pages follow on from each other.
  const pages = await items.locator('h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href').split('#')[0]));
  assert.equal(new Set(pages).size, total);
  await page.close();
  const problems = s.problems();
  await s.close();
  await site.close();
  assertNoProblems(problems);
});
