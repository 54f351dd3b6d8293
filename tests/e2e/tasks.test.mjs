// Everyday tasks of a policy officer (issue 17), each walked from the home page
// at 1280 and 375 pixels in at most three steps (a click, a query or a choice
// is a step), asserting what is on the page at the end: how municipalities
// arrange access, two municipalities side by side, a practice story about
// volunteers, what a term means and who says something about it, and the
// self-scores as a workbook (read with exceljs) and a CSV Dutch Excel opens.
// Also: the results page fits a phone with a long unbroken title, the header
// menu is by task, and at 320 pixels no page scrolls sideways and the header
// stays under 120 pixels.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { launch, openSite, session } from './lib/browser.mjs';
import { axeProblems, assertNoProblems } from './lib/checks.mjs';
import { artifact, bundledSite, htmlPages, repoRoot } from './lib/site.mjs';

const LONG = 'Samenwerkingsovereenkomstenonderhandelingsverslagvanhetsocialewijkteamsamenwerkingsverband'.repeat(2);
const STATUS = /\d+ resulta(at|ten) voor/;

let browser;
let longSite;
before(async () => {
  browser = await launch();
  longSite = await openSite(longTitleSite(), 'http');
});
after(async () => {
  await browser?.close();
  await longSite?.close();
});

/** The search fixture plus a story whose title is one unbroken word of 180 letters. */
function longTitleSite() {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-e2e-long-'));
  process.on('exit', () => fs.rmSync(root, { recursive: true, force: true }));
  fs.cpSync(path.join(repoRoot, 'themes', 'default'), path.join(root, 'themes', 'default'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'tests', 'fixtures', 'search'), root, { recursive: true });
  fs.writeFileSync(path.join(root, 'content', 'verhalen', 'lang.md'),
    `---\ntitle: "${LONG}"\ngemeente: zaanstad\njaar: 2014\nthemas: [toegang]\n---\n\nHet sociaal wijkteam en het Wmo-loket: ${LONG}.\n`);
  const out = path.join(root, 'public');
  const bin = process.env.KB_BIN || path.join(repoRoot, 'target', 'debug', 'kennisbank');
  execFileSync(bin, ['build', '--root', root, '--output', out], { stdio: 'pipe' });
  return out;
}

/** How far the page scrolls sideways, in CSS pixels (0 when it fits). */
function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const width of [320, 375, 1280]) {
  test(`the results page fits ${width}px with a long unbroken title, filters ${width < 600 ? 'in a closed panel' : 'beside the results'}`, { timeout: 120_000 }, async () => {
    const s = await session(browser, longSite, { viewport: { width, height: 700 } });
    const problems = [];
    for (const rel of ['zoeken.html?q=wijkteam', 'verhalen/lang.html', 'verhalen/index.html', 'index.html']) {
      const page = await s.open(rel);
      if (rel.startsWith('zoeken')) {
        await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
        const titles = await page.locator('#kb-resultaten h2').allTextContents();
        assert.ok(titles.includes(LONG), `the long title is a result: ${titles.join(' | ')}`);
      }
      const wide = await overflow(page);
      if (wide > 0) problems.push(`${rel} at ${width}px: scrolls sideways by ${wide}px`);
      await page.close();
    }
    const page = await s.open('zoeken.html?q=wijkteam');
    await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
    const box = page.locator('#kb-filters input[name="kind"]').first();
    const summary = page.locator('.kb-filter-panel > summary');
    if (width < 600) {
      assert.equal(await summary.textContent(), 'Filter resultaten');
      assert.equal(await box.isVisible(), false, 'the filters wait in a closed panel');
      const first = await page.locator('#kb-resultaten > li').first().boundingBox();
      const panel = await summary.boundingBox();
      assert.ok(first.y > panel.y, 'the closed panel is one line above the results');
      assert.ok(first.y - panel.y < 80, `the first result follows the closed panel at once (${first.y - panel.y}px below it)`);
      await summary.click();
      assert.equal(await box.isVisible(), true, 'opening the panel shows the filters');
    } else {
      assert.equal(await summary.isVisible(), false, 'no panel to open on a wide screen');
      assert.equal(await box.isVisible(), true, 'the filters are shown beside the results');
    }
    await box.check();
    await page.waitForURL(/[?&]kind=/);
    problems.push(...(await axeProblems(page, `zoeken.html (${width}px)`)));
    await page.screenshot({ path: artifact(`tasks-results-${width}.png`), fullPage: true });
    await page.close();
    problems.push(...s.problems());
    await s.close();
    assertNoProblems(problems);
  });
}

/** The sheets of a downloaded workbook, read with exceljs: name and rows of cell values. */
async function readWorkbook(file) {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(file);
  return book.worksheets.map((sheet) => {
    const rows = [];
    sheet.eachRow((row) => rows.push(row.values.slice(1)));
    return { name: sheet.name, rows };
  });
}

/** The workbook's promises: a sheet per round and its distribution, labels as headers, values as labels. */
function assertSelfScores(sheets) {
  assert.deepEqual(sheets.map((s) => s.name), ['Meetronde 2014', 'Verdeling 2014']);
  const [round, spread] = sheets;
  const header = round.rows[0];
  assert.deepEqual(header.slice(0, 4), ['Gemeente', 'Factsheet', 'Meetronde', 'Meetmoment']);
  assert.ok(header.includes('Rol gemeente in de uitvoering (Keuzevraagstukken)'), header.join(' | '));
  assert.ok(!header.some((h) => /^kv_/.test(h)), 'no code names as headers');
  assert.equal(round.rows.length, 12, 'eleven municipalities and the header');
  const zaanstad = round.rows.find((r) => r[0] === 'Zaanstad');
  assert.equal(zaanstad[2], 2014, 'the round is a number');
  assert.equal(zaanstad[3], 'Eenmeting', 'values are labels, not codes');
  assert.deepEqual(spread.rows[0], ['Keuzevraagstukken', 'Pool laag', '1', '2', '3', '4', '5', 'Pool hoog', 'Totaal']);
  assert.equal(spread.rows.length, 12, 'eleven choice questions and the header');
  assert.ok(spread.rows.slice(1).every((r) => r[8] === 9), 'every row counts the nine municipalities that scored');
}

/** A fresh tab on the bundled site's home page at `width`, with downloads allowed. */
async function home(width) {
  const site = await openSite(bundledSite(), 'http');
  const s = await session(browser, site, { viewport: { width, height: 800 }, acceptDownloads: true });
  const page = await s.open('index.html');
  return { site, s, page };
}

async function finish({ site, s }, problems = []) {
  problems.push(...s.problems());
  await s.close();
  await site.close();
  assertNoProblems(problems);
}

for (const width of [1280, 375]) {
  test(`task 1, how municipalities arrange access: the home page's example question, then the theme with its municipalities (${width}px, 2 steps)`, { timeout: 120_000 }, async () => {
    const walk = await home(width);
    const { page } = walk;
    // Step 1: the example question, typed in the large search field (a GET form: no script needed).
    const field = page.getByLabel('Stel uw vraag of zoek op een woord');
    assert.match(await page.locator('#kb-vraag-voorbeeld').textContent(), /hoe regelen gemeenten de toegang\?/);
    await field.fill('hoe regelen gemeenten de toegang?');
    await Promise.all([page.waitForURL(/zoeken\.html\?q=hoe\+regelen/), field.press('Enter')]);
    await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
    const first = page.locator('#kb-resultaten > li h2 a').first();
    assert.equal(await first.textContent(), 'Toegang');
    // Step 2: the first result.
    await Promise.all([page.waitForURL(/themas\/toegang\.html$/), first.click()]);
    const mentioned = await page.locator('section.mentioned li a').allTextContents();
    assert.ok(mentioned.length >= 3 && mentioned.includes('Zaanstad'), `municipalities that say something about access: ${mentioned}`);
    assert.match(await page.locator('main').textContent(), /Wmo-loket/);
    // The entry link on the home page leads to the same page in one click.
    const again = await walk.s.open('index.html');
    await Promise.all([again.waitForURL(/themas\/toegang\.html$/), again.getByRole('link', { name: 'Hoe regelen gemeenten de toegang?' }).click()]);
    await again.close();
    await page.close();
    await finish(walk);
  });

  test(`task 3, a practice story about volunteers: stories per theme, the theme, the story (${width}px, 3 steps)`, { timeout: 120_000 }, async () => {
    const walk = await home(width);
    const { page } = walk;
    await Promise.all([page.waitForURL(/themas\/index\.html$/), page.getByRole('link', { name: 'Praktijkverhalen per thema' }).click()]);
    await Promise.all([page.waitForURL(/vrijwilligers-en-civil-society\.html$/), page.locator('main').getByRole('link', { name: 'Vrijwilligers en civil society' }).first().click()]);
    const stories = page.locator('main a[href^="../praktijkverhalen/"]:not([href$="/index.html"])');
    const titles = await stories.allTextContents();
    assert.ok(titles.some((t) => /vrijwilligers/i.test(t)), `stories on the theme page: ${titles.join(' | ')}`);
    const story = stories.filter({ hasText: 'Heerhugowaard: een klein, vast team met vrijwilligers aan tafel' });
    await Promise.all([page.waitForURL(/praktijkverhalen\/heerhugowaard-klein-team-met-vrijwilligers\.html$/), story.click()]);
    assert.equal(await page.locator('h1').textContent(), 'Heerhugowaard: een klein, vast team met vrijwilligers aan tafel');
    assert.match(await page.locator('main').textContent(), /vrijwilligersorganisaties/);
    await page.close();
    await finish(walk);
  });

  test(`task 4, what a term means and which municipalities say something about it (${width}px, 2 steps)`, { timeout: 120_000 }, async () => {
    const walk = await home(width);
    const { page } = walk;
    await Promise.all([page.waitForURL(/begrippen\/index\.html$/), page.getByRole('link', { name: 'Wat betekent …?' }).click()]);
    await Promise.all([page.waitForURL(/begrippen\/nulmeting\.html$/), page.locator('main').getByRole('link', { name: 'Nulmeting en eenmeting', exact: true }).click()]);
    assert.match(await page.locator('main').textContent(), /De twee gespreksrondes van de Kenniskring bij de elf gemeenten/);
    const mentioned = await page.locator('section.mentioned li a').allTextContents();
    assert.ok(mentioned.length >= 1, 'the term page names the municipalities that link to it');
    await page.close();
    await finish(walk);
  });

  test(`task 5, the self-scores as a spreadsheet: one click on the home page, which says first how much is known (${width}px, 1 step)`, { timeout: 120_000 }, async () => {
    const walk = await home(width);
    const { page } = walk;
    const entry = page.locator('.kb-tasks li').filter({ hasText: 'Download de zelfscores' });
    assert.match(await entry.textContent(), /\d+ van de \d+ waarden zijn bekend uit de bronnen/);
    const [download] = await Promise.all([page.waitForEvent('download'), entry.getByRole('link', { name: 'Download de zelfscores' }).click()]);
    assert.equal(download.suggestedFilename(), 'zelfscores.xlsx');
    assertSelfScores(await readWorkbook(await download.path()));
    await page.close();
    await finish(walk);
  });

  test(`from the home page, "excel" finds the self-scores, which download as a workbook and as a CSV Dutch Excel opens (${width}px, 3 steps)`, { timeout: 120_000 }, async () => {
    const walk = await home(width);
    const { page } = walk;
    // Step 1: a query.
    await page.locator('#kb-zoekveld').fill('excel');
    await Promise.all([page.waitForURL(/zoeken\.html\?q=excel/), page.locator('#kb-zoekveld').press('Enter')]);
    await page.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
    // Step 2: the first result.
    const first = page.locator('#kb-resultaten > li h2 a').first();
    assert.match(await first.textContent(), /^Meetronde 2014/);
    await Promise.all([page.waitForURL(/meetronden\/meetronde-2014\.html/), first.click()]);
    // Step 3: the download, which says first how many values the sources give.
    const offer = page.locator('section.download');
    assert.match(await offer.textContent(), /\d+ van de \d+ waarden zijn bekend uit de bronnen/);
    const [download] = await Promise.all([page.waitForEvent('download'), offer.getByRole('link', { name: 'Download de zelfscores als Excel-bestand' }).click()]);
    assertSelfScores(await readWorkbook(await download.path()));
    // The CSV beside it, for Dutch-locale Excel.
    const [csv] = await Promise.all([page.waitForEvent('download'), offer.getByRole('link', { name: 'Download als CSV voor Excel' }).click()]);
    const bytes = fs.readFileSync(await csv.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a UTF-8 byte-order mark');
    const lines = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    const header = lines[0].split(';');
    assert.deepEqual(header.slice(0, 4), ['Gemeente', 'Factsheet', 'Meetronde', 'Meetmoment']);
    assert.equal(lines.length, 12, 'eleven municipalities and the header');
    assert.ok(lines.every((l) => l.split(';').length === header.length), 'every row has a cell per column');
    assert.match(lines.find((l) => l.startsWith('Zaanstad;')), /;Eenmeting;/, 'values are labels, not codes');
    await page.close();
    await finish(walk);
  });
}

test('the header menu is declared by task: one line at 1366px, a "Menu" button and under 120px on a phone', { timeout: 120_000 }, async () => {
  const site = await openSite(bundledSite(), 'http');
  const problems = [];
  const wide = await session(browser, site, { viewport: { width: 1366, height: 800 } });
  const page = await wide.open('observaties/observatie-1.html');
  const links = page.locator('.site-nav a');
  const labels = await links.allTextContents();
  assert.deepEqual(labels, ['Gemeenten', 'Thema’s', 'Praktijkverhalen', 'Onderzoek', 'Vergelijken en downloads', 'Begrippen', 'Over de kennisbank']);
  const tops = await links.evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().top)));
  assert.equal(new Set(tops).size, 1, `the menu is one line at 1366px: ${tops}`);
  assert.equal(await page.locator('.site-menu > summary').isVisible(), false);
  assert.equal(await page.locator('.site-nav a[aria-current="true"]').textContent(), 'Onderzoek', 'an observation belongs to Onderzoek');
  // The research page lists the observations and leads to their listing.
  await Promise.all([page.waitForURL(/onderzoek\.html$/), links.filter({ hasText: 'Onderzoek' }).click()]);
  assert.equal(await page.locator('.site-nav a[aria-current="page"]').textContent(), 'Onderzoek');
  assert.ok(await page.locator('#kb-soort-observatie ~ ul a').count() >= 5, 'the observations are listed');
  assert.equal(await page.locator('a[href="observaties/index.html"]').count(), 1, 'the listing of observations is one click away');
  await page.close();
  await wide.close();
  for (const width of [375, 320]) {
    const s = await session(browser, site, { viewport: { width, height: 700 } });
    for (const rel of ['index.html', 'gemeenten/zaanstad.html', 'vergelijken/2014.html', 'onderzoek.html']) {
      const p = await s.open(rel);
      const height = await p.locator('.site-header').evaluate((el) => el.getBoundingClientRect().height);
      if (height >= 120) problems.push(`${rel} at ${width}px: the header is ${height}px high`);
      const sideways = await overflow(p);
      if (sideways > 0) problems.push(`${rel} at ${width}px: scrolls sideways by ${sideways}px`);
      await p.close();
    }
    const p = await s.open('index.html');
    const menu = p.locator('.site-menu > summary');
    assert.equal(await menu.textContent(), 'Menu');
    assert.equal(await p.locator('.site-nav a').first().isVisible(), false, 'the menu is closed on a phone');
    await menu.click();
    assert.equal(await p.locator('.site-nav a').filter({ hasText: 'Vergelijken en downloads' }).isVisible(), true);
    problems.push(...(await axeProblems(p, `index.html, menu open (${width}px)`)));
    await p.screenshot({ path: artifact(`tasks-menu-${width}.png`) });
    await p.close();
    problems.push(...s.problems());
    await s.close();
  }
  await site.close();
  assertNoProblems(problems);
});

for (const width of [1280, 375]) {
  test(`task 2, compare two municipalities: from the home page, two side by side in three steps, shared by URL (${width}px)`, { timeout: 120_000 }, async () => {
    const site = await openSite(bundledSite(), 'http');
    const s = await session(browser, site, { viewport: { width, height: 800 } });
    const page = await s.open('index.html');
    // Step 1: the entry link; steps 2 and 3: two choices.
    await Promise.all([page.waitForURL(/vergelijken\/2014\.html#kb-kies$/), page.getByRole('link', { name: 'Vergelijk twee gemeenten' }).click()]);
    const picker = page.locator('#kb-kies');
    await picker.getByRole('checkbox', { name: 'Zaanstad' }).check();
    await picker.getByRole('checkbox', { name: 'Haarlem' }).check();
    const chosen = page.locator('#kb-kies table.chosen').first();
    assert.deepEqual(await chosen.locator('thead th').allTextContents(), ['Kenmerk', 'Haarlem', 'Zaanstad']);
    assert.match(page.url(), /\?gemeente=haarlem&gemeente=zaanstad#kb-kies$/);
    // Rows every chosen municipality leaves unknown are folded away.
    const shownRows = await chosen.locator('tbody tr').evaluateAll((rows) => rows.map((r) => [...r.cells].slice(1).every((c) => c.querySelector('.unknown'))));
    assert.ok(shownRows.length >= 3 && shownRows.every((allUnknown) => !allUnknown), 'the shown rows each have a known value');
    const more = page.locator('#kb-kies details > summary');
    assert.match(await more.textContent(), /^Toon ook onbekende kenmerken \(\d+\)$/);
    const sideways = await overflow(page);
    assert.equal(sideways, 0, `the page scrolls sideways by ${sideways}px`);
    const problems = await axeProblems(page, `vergelijken/2014.html, two chosen (${width}px)`);
    await page.screenshot({ path: artifact(`tasks-compare-${width}.png`), fullPage: false });
    // The URL, opened afresh, shows the same comparison.
    const shared = await s.context.newPage();
    await shared.goto(page.url());
    assert.deepEqual(await shared.locator('#kb-kies table.chosen').first().locator('thead th').allTextContents(), ['Kenmerk', 'Haarlem', 'Zaanstad']);
    await shared.close();
    // The row filter takes several names, and says when nothing matches.
    const filter = page.getByLabel('Filter de rijen:');
    await filter.fill('Zaanstad, Haarlem');
    assert.equal(await page.locator('table.compare tbody tr:not([hidden])').count(), 2);
    await filter.fill('zaanstad haarlem');
    assert.equal(await page.locator('table.compare tbody tr:not([hidden])').count(), 2, 'names without a comma');
    await filter.fill('Xyzzy');
    assert.equal(await page.locator('table.compare tbody tr:not([hidden])').count(), 0);
    assert.match(await page.locator('.table-filter + p + p.notice').textContent(), /^Geen rij past bij “Xyzzy”/);
    await page.close();
    // "Vergelijk met …" on a municipality page starts the choice with it.
    const zaanstad = await s.open('gemeenten/zaanstad.html');
    await Promise.all([zaanstad.waitForURL(/gemeente=zaanstad/), zaanstad.getByRole('link', { name: 'Vergelijk Zaanstad met andere gemeenten' }).click()]);
    assert.equal(await zaanstad.locator('#kb-kies').getByRole('checkbox', { name: 'Zaanstad' }).isChecked(), true);
    assert.match(await zaanstad.locator('#kb-kies .kb-chosen > p').textContent(), /^Kies nog een gemeente/);
    await zaanstad.close();
    problems.push(...s.problems());
    await s.close();
    await site.close();
    assertNoProblems(problems);
  });
}

for (const width of [1280, 375]) {
  test(`the comparison is one click from the header: pick two on Vergelijken, without script on that page (${width}px)`, { timeout: 120_000 }, async () => {
    const site = await openSite(bundledSite(), 'http');
    const s = await session(browser, site, { viewport: { width, height: 800 } });
    const page = await s.open('gemeenten/haarlem.html');
    if (width < 600) await page.locator('.site-menu > summary').click();
    await Promise.all([page.waitForURL(/vergelijken\/index\.html$/), page.locator('.site-nav').getByRole('link', { name: 'Vergelijken en downloads' }).click()]);
    assert.equal(await page.locator('script[src$="compare.js"]').count(), 0, 'the picker on this page is a plain form');
    const form = page.locator('form.kb-pick-form');
    await form.getByRole('checkbox', { name: 'Zaanstad' }).check();
    await form.getByRole('checkbox', { name: 'Haarlem' }).check();
    await Promise.all([page.waitForURL(/vergelijken\/2014\.html\?gemeente=haarlem&gemeente=zaanstad#kb-kies$/), form.getByRole('button', { name: 'Vergelijk' }).click()]);
    const chosen = page.locator('#kb-kies table.chosen').first();
    assert.deepEqual(await chosen.locator('thead th').allTextContents(), ['Kenmerk', 'Haarlem', 'Zaanstad']);
    await page.close();
    const problems = s.problems();
    await s.close();
    await site.close();
    assertNoProblems(problems);
  });
}

test('at 320px no page of the bundled site scrolls sideways and the header stays under 120px', { timeout: 600_000 }, async () => {
  const site = await openSite(bundledSite(), 'http');
  const s = await session(browser, site, { viewport: { width: 320, height: 640 } });
  const page = await s.newPage();
  const pages = htmlPages(site.dir);
  assert.ok(pages.length > 100, `${pages.length} pages`);
  const problems = [];
  for (const rel of pages) {
    await page.goto(site.url(rel), { waitUntil: 'load' });
    const header = await page.locator('.site-header').evaluate((el) => el.getBoundingClientRect().height);
    if (header >= 120) problems.push(`${rel}: the header is ${header}px high`);
    const wide = await overflow(page);
    if (wide > 0) problems.push(`${rel}: scrolls sideways by ${wide}px`);
  }
  await page.close();
  problems.push(...s.problems());
  await s.close();
  await site.close();
  assertNoProblems(problems);
});
