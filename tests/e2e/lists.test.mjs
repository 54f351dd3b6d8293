// Lists a reader narrows down (issue 17): a kind's listing filters by the
// references the schema names (municipality, theme) with counts and sorts by
// title or year, by mouse and keyboard, announced, kept in the URL; without
// JavaScript the whole list stays. The results page and the listings fit 320
// and 375 CSS pixels with long unbroken titles (tests/fixtures/long-titles),
// and "Wis filters" clears the filters of both. A listing longer than
// `listing_page_size` comes in pages a keyboard walks through.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openSite, session } from './lib/browser.mjs';
import { axeProblems, assertNoProblems, vnuProblems } from './lib/checks.mjs';
import { artifact, bundledSite, fixtureSite, htmlPages, pagedSite } from './lib/site.mjs';

const LONG = 'Samenwerkingsovereenkomstenonderhandelingsverslagvanhetsocialewijkteamsamenwerkingsverband';
const STATUS = /\d+ resulta(at|ten) voor/;

let browser;
let bundled;
let long;
before(async () => {
  browser = await launch();
  bundled = await openSite(bundledSite(), 'http');
  long = await openSite(fixtureSite('long-titles'), 'http');
});
after(async () => {
  await browser?.close();
  await bundled?.close();
  await long?.close();
});

/** How far the page scrolls sideways, in CSS pixels (0 when it fits). */
function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

/** The shown items of the listing: title, date and filter values. */
function shownItems(page) {
  return page.locator('#kb-lijst > li').evaluateAll((items) => items.filter((li) => !li.hidden).map((li) => ({
    title: li.querySelector('a').textContent,
    date: li.getAttribute('data-kb-date'),
    filter: (li.getAttribute('data-kb-filter') || '').split(' '),
  })));
}

/** The count a filter value shows beside its label. */
async function countOf(page, name, value) {
  return Number(await page.locator(`#kb-lijstfilters input[name="${name}"][value="${value}"] ~ .count [data-kb-count]`).textContent());
}

for (const width of [1280, 375]) {
  test(`the practice stories filter by theme and municipality with counts, sort by year and keep the choice in the URL (${width}px)`, { timeout: 120_000 }, async () => {
    const s = await session(browser, bundled, { viewport: { width, height: 800 } });
    const page = await s.open('praktijkverhalen/index.html');
    const all = await shownItems(page);
    assert.equal(all.length, 31);
    const panel = page.locator('#kb-lijstfilters');
    assert.equal(await panel.isVisible(), true, 'the filters appear with JavaScript');
    const theme = panel.getByRole('checkbox', { name: /^Vrijwilligers en civil society/ });
    if (width < 600) {
      assert.equal(await theme.isVisible(), false, 'on a phone the filters wait in a closed panel');
      const summary = panel.locator('summary');
      assert.equal(await summary.textContent(), 'Filteren en sorteren');
      const first = await page.locator('#kb-lijst > li').first().boundingBox();
      assert.ok(first.y - (await summary.boundingBox()).y < 120, 'the list follows the closed panel at once');
      await summary.click();
    }
    // The counts are those of the page: a theme's count is the stories it tags.
    const volunteers = all.filter((i) => i.filter.includes('themas=vrijwilligers-en-civil-society'));
    assert.ok(volunteers.length >= 2, 'some stories are about volunteers');
    assert.equal(await countOf(page, 'themas', 'vrijwilligers-en-civil-society'), volunteers.length);
    await theme.check();
    const status = page.locator('#kb-lijststatus');
    assert.equal(await status.getAttribute('role'), 'status', 'the count is a live region');
    assert.equal(await status.textContent(), `${volunteers.length} van de 31 praktijkverhalen getoond.`);
    assert.deepEqual((await shownItems(page)).map((i) => i.title), volunteers.map((i) => i.title));
    assert.match(page.url(), /\?themas=vrijwilligers-en-civil-society$/);
    // A municipality none of the volunteer stories names is not offered.
    const offered = await panel.locator('input[name="gemeente"]').evaluateAll((boxes) => boxes.map((b) => [b.checkVisibility(), Number(b.parentNode.querySelector('[data-kb-count]').textContent)]));
    assert.ok(offered.some(([visible]) => !visible), 'some municipalities drop out');
    assert.ok(offered.every(([visible, count]) => visible === count > 0), `shown exactly when their count is above 0: ${JSON.stringify(offered)}`);
    // Municipality counts now count only the volunteer stories.
    const gemeente = (await shownItems(page)).flatMap((i) => i.filter).find((v) => v.startsWith('gemeente='))?.slice('gemeente='.length);
    if (gemeente) {
      const expected = volunteers.filter((i) => i.filter.includes(`gemeente=${gemeente}`)).length;
      assert.equal(await countOf(page, 'gemeente', gemeente), expected);
      await panel.locator(`input[name="gemeente"][value="${gemeente}"]`).check();
      assert.equal((await shownItems(page)).length, expected);
      assert.ok((await shownItems(page)).every((i) => i.filter.includes(`gemeente=${gemeente}`) && i.filter.includes('themas=vrijwilligers-en-civil-society')));
      await panel.locator(`input[name="gemeente"][value="${gemeente}"]`).uncheck();
    }
    // Sorting by year, newest first: undated stories last.
    await panel.getByLabel('Volgorde').selectOption({ label: 'Jaar: nieuwste eerst' });
    const dates = (await shownItems(page)).map((i) => i.date || '');
    const dated = dates.filter(Boolean);
    assert.deepEqual(dated, [...dated].sort().reverse(), `newest first: ${dates}`);
    assert.deepEqual(dates, [...dated, ...dates.filter((d) => !d)], 'undated stories last');
    assert.match(page.url(), /volgorde=nieuw/);
    const axe = await axeProblems(page, `praktijkverhalen/index.html, filtered (${width}px)`);
    assert.equal(await overflow(page), 0, 'the filtered list fits the screen');
    await page.screenshot({ path: artifact(`lists-stories-${width}.png`), fullPage: false });
    // The URL, opened afresh, shows the same choice.
    const again = await s.context.newPage();
    await again.goto(page.url(), { waitUntil: 'load' });
    assert.equal(await again.locator('#kb-lijstfilters').evaluate((d) => d.open), true, 'a chosen filter opens the panel');
    assert.equal(await again.locator('#kb-lijstfilters input[value="vrijwilligers-en-civil-society"]').isChecked(), true);
    assert.deepEqual((await shownItems(again)).map((i) => i.date || ''), dates);
    // "Wis filters" shows the whole list again and hands focus to the first filter.
    await again.getByRole('button', { name: 'Wis filters' }).click();
    assert.equal((await shownItems(again)).length, 31);
    assert.equal(await again.locator('#kb-lijststatus').textContent(), '31 praktijkverhalen.');
    assert.equal(await again.getByRole('button', { name: 'Wis filters' }).isVisible(), false);
    assert.equal(await again.evaluate(() => document.activeElement.type), 'checkbox');
    await again.close();
    await page.close();
    const found = s.problems();
    await s.close();
    assertNoProblems([...axe, ...found]);
  });
}

test('the listing filters work from the keyboard alone', { timeout: 120_000 }, async () => {
  const s = await session(browser, bundled, { viewport: { width: 1280, height: 800 } });
  const page = await s.open('praktijkverhalen/index.html');
  const target = page.locator('#kb-lijstfilters input[name="themas"]').first();
  const value = await target.getAttribute('value');
  let reached = false;
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await target.evaluate((el) => el === document.activeElement);
  }
  assert.ok(reached, 'Tab reaches the first theme');
  await page.keyboard.press('Space');
  assert.equal(await target.isChecked(), true);
  const shown = await shownItems(page);
  assert.ok(shown.length < 31 && shown.every((i) => i.filter.includes(`themas=${value}`)));
  assert.equal(await target.evaluate((el) => el === document.activeElement), true, 'focus stays on the filter');
  await page.close();
  const found = s.problems();
  await s.close();
  assertNoProblems(found);
});

test('without JavaScript every story is listed and no filter is shown', { timeout: 60_000 }, async () => {
  const s = await session(browser, bundled, { javaScriptEnabled: false });
  const page = await s.open('praktijkverhalen/index.html?themas=jeugd');
  assert.equal(await page.locator('#kb-lijst > li').count(), 31);
  assert.equal(await page.locator('#kb-lijst > li:visible').count(), 31);
  assert.equal(await page.locator('#kb-lijstfilters').isVisible(), false);
  assert.equal(await page.locator('#kb-lijststatus').textContent(), '31 praktijkverhalen.');
  await page.close();
  await s.close();
});

test('every listing of a kind with references to municipalities or themes offers those filters, and only those', { timeout: 120_000 }, async () => {
  const s = await session(browser, bundled);
  const expected = {
    'praktijkverhalen/index.html': ['Gemeente', 'Thema’s'],
    'factsheets/index.html': ['Gemeente', 'Thema’s'],
    'observaties/index.html': ['Genoemde gemeenten', 'Thema’s'],
    'casusreflecties/index.html': ['Gemeenten', 'Thema’s'],
    'themas/index.html': null,
  };
  for (const [rel, legends] of Object.entries(expected)) {
    const page = await s.open(rel);
    if (legends === null) {
      assert.equal(await page.locator('#kb-lijstfilters').count(), 0, `${rel} has nothing to filter by`);
    } else {
      assert.deepEqual(await page.locator('#kb-lijstfilters legend').allTextContents(), legends, rel);
    }
    await page.close();
  }
  const found = s.problems();
  await s.close();
  assertNoProblems(found);
});

for (const width of [320, 375]) {
  test(`long unbroken titles fit ${width}px: every page, the listing with its filters open, the results page with "Wis filters"`, { timeout: 180_000 }, async () => {
    const s = await session(browser, long, { viewport: { width, height: 700 } });
    const found = [];
    for (const rel of htmlPages(long.dir)) {
      const page = await s.open(rel);
      const wide = await overflow(page);
      if (wide > 0) found.push(`${rel} at ${width}px: scrolls sideways by ${wide}px`);
      await page.close();
    }
    // The listing with its panel open and the long theme chosen.
    const list = await s.open('verhalen/index.html');
    await list.locator('#kb-lijstfilters > summary').click();
    await list.locator('#kb-lijstfilters input[value="lang-thema"]').check();
    assert.equal(await list.locator('#kb-lijststatus').textContent(), '2 van de 4 verhalen getoond.');
    // A reference to the kind itself (bronnen) is no filter.
    assert.deepEqual(await list.locator('#kb-lijstfilters legend').allTextContents(), ['Gemeente', 'Thema\'s']);
    const wide = await overflow(list);
    if (wide > 0) found.push(`verhalen/index.html, filters open at ${width}px: scrolls sideways by ${wide}px`);
    found.push(...(await axeProblems(list, `verhalen/index.html, filters open (${width}px)`)));
    await list.screenshot({ path: artifact(`lists-long-${width}.png`), fullPage: true });
    await list.close();
    // The results page: results first, filters in a closed panel, "Wis filters".
    const results = await s.open('zoeken.html?q=wijkteam');
    await results.waitForFunction((re) => new RegExp(re).test(document.getElementById('kb-status').textContent), STATUS.source);
    assert.ok((await results.locator('#kb-resultaten h2').allTextContents()).includes(LONG + LONG));
    assert.equal(await results.locator('#kb-filters input').first().isVisible(), false, 'the filters wait in a closed panel');
    const clear = results.getByRole('button', { name: 'Wis filters' });
    await results.locator('.kb-filter-panel > summary').click();
    assert.equal(await clear.isVisible(), false, 'nothing to clear yet');
    await results.locator('#kb-filters input[name="kind"]').first().check();
    await results.waitForURL(/[?&]kind=/);
    const before = await results.locator('#kb-status').textContent();
    await clear.click();
    await results.waitForURL((url) => !/kind=/.test(url.search));
    await results.waitForFunction((b) => document.getElementById('kb-status').textContent !== b, before);
    assert.equal(await results.locator('#kb-filters input:checked').count(), 0);
    assert.equal(await clear.isVisible(), false);
    assert.equal(await results.evaluate(() => document.activeElement.id), 'kb-zoekterm');
    const sideways = await overflow(results);
    if (sideways > 0) found.push(`zoeken.html at ${width}px: scrolls sideways by ${sideways}px`);
    await results.close();
    found.push(...s.problems());
    await s.close();
    assertNoProblems(found);
  });
}

test('an empty result says what to try next: other words, or without the filters', { timeout: 120_000 }, async () => {
  const s = await session(browser, long);
  const page = await s.open('zoeken.html?q=xyzzyplugh');
  await page.waitForFunction(() => /Geen resultaten/.test(document.getElementById('kb-status').textContent));
  assert.match(await page.locator('#kb-status').textContent(), /Probeer een ander of korter woord/);
  const filtered = await s.open('zoeken.html?q=wijkteam&gemeente=kort&thema=lang-thema&kind=gemeente');
  await filtered.waitForFunction(() => /Geen resultaten/.test(document.getElementById('kb-status').textContent));
  assert.match(await filtered.locator('#kb-status').textContent(), /zonder filters: kies ‘Wis filters’/);
  assert.equal(await filtered.getByRole('button', { name: 'Wis filters' }).isVisible(), true);
  await page.close();
  await filtered.close();
  const found = s.problems();
  await s.close();
  assertNoProblems(found);
});

test('a listing longer than listing_page_size comes in pages: each story once, in order, walked by keyboard, valid and without axe violations', { timeout: 240_000 }, async () => {
  const paged = await openSite(pagedSite(7), 'http');
  try {
    const whole = await session(browser, bundled);
    const all = await (await whole.open('praktijkverhalen/index.html')).locator('#kb-lijst > li > a').allTextContents();
    await whole.close();
    assert.equal(all.length, 31);
    const pages = htmlPages(paged.dir).filter((p) => p.startsWith('praktijkverhalen/pagina/'));
    assert.deepEqual(pages, [2, 3, 4, 5].map((n) => `praktijkverhalen/pagina/${n}.html`));
    const found = [];
    for (const width of [1280, 320]) {
      const s = await session(browser, paged, { viewport: { width, height: 800 } });
      const page = await s.open('praktijkverhalen/index.html');
      assert.equal(await page.locator('#kb-lijstfilters').count(), 0, 'a listing in pages has no filters');
      const seen = [];
      for (let n = 1; n <= 5; n += 1) {
        assert.equal(await page.locator('#kb-lijststatus').textContent(),
          `Praktijkverhalen ${7 * n - 6} tot en met ${Math.min(7 * n, 31)} van 31: pagina ${n} van 5.`);
        assert.equal(await page.locator('.kb-pager [aria-current="page"]').textContent(), `Pagina ${n}`);
        seen.push(...(await page.locator('#kb-lijst > li > a').allTextContents()));
        found.push(...(await axeProblems(page, `page ${n} at ${width}px`)));
        if (width === 320) assert.equal(await overflow(page), 0, `page ${n} fits 320px`);
        const next = page.getByRole('link', { name: 'Volgende pagina' });
        if (n === 5) {
          assert.equal(await next.count(), 0, 'the last page has no next page');
          break;
        }
        await next.focus();
        await Promise.all([page.waitForURL(new RegExp(`pagina/${n + 1}\\.html$`)), page.keyboard.press('Enter')]);
      }
      assert.deepEqual(seen, all, 'the pages together list every story once, in the order of the whole listing');
      await page.getByRole('link', { name: 'Vorige pagina' }).click();
      await page.waitForURL(/pagina\/4\.html$/);
      await page.close();
      found.push(...s.problems());
      await s.close();
    }
    assertNoProblems(found, 'problems on the pages of a listing');
    assertNoProblems(await vnuProblems(paged.dir, ['praktijkverhalen/index.html', ...pages]), 'the Nu Html Checker found errors');
  } finally {
    await paged.close();
  }
});
