// The comparison page of a measurement round (vergelijken/2014.html), over
// HTTP and from disk: sort a column with its button, filter the rows, and every
// chart has a text alternative (an svg role=img named by its title and desc)
// and a data table with the same data.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launch, openSite, session } from './lib/browser.mjs';
import { axeProblems, focusProblem, focusState, assertNoProblems } from './lib/checks.mjs';
import { bundledSite } from './lib/site.mjs';

const PAGE = 'vergelijken/2014.html';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function openCompare(t, mode) {
  const site = await openSite(bundledSite(), mode);
  const s = await session(browser, site);
  t.after(() => Promise.all([s.close(), site.close()]));
  return { s, page: await s.open(PAGE) };
}

/** The visible rows of the comparison table: municipality and data-sort keys. */
function rows(page) {
  return page.locator('table.compare tbody tr').evaluateAll((trs) =>
    trs.filter((tr) => !tr.hidden).map((tr) => ({
      name: tr.querySelector('th a').textContent.trim(),
      keys: [...tr.querySelectorAll('td')].map((td) => td.getAttribute('data-sort')),
    })));
}

/** Focuses `locator`, checks its focus indicator, presses `key`. */
async function press(page, locator, key, problems) {
  await locator.focus();
  const problem = focusProblem(`${PAGE}, ${await locator.innerText() || 'control'}`, await focusState(page));
  if (problem) problems.push(problem);
  await page.keyboard.press(key);
}

for (const mode of ['http', 'file']) {
  test(`compare (${mode}): a column sorts with its button, both ways, numbers as numbers`, { timeout: 120_000 }, async (t) => {
    const { s, page } = await openCompare(t, mode);
    const problems = [];
    const before = await rows(page);
    assert.equal(before.length, 11, 'eleven municipalities in 2014');

    const byName = page.locator('table.compare thead th').first();
    const button = byName.getByRole('button', { name: 'Gemeente' });
    await press(page, button, 'Enter', problems);
    assert.equal(await byName.getAttribute('aria-sort'), 'ascending');
    const names = before.map((r) => r.name).sort((a, b) => a.localeCompare(b, 'nl'));
    assert.deepEqual((await rows(page)).map((r) => r.name), names);
    await press(page, button, ' ', problems);
    assert.equal(await byName.getAttribute('aria-sort'), 'descending');
    assert.deepEqual((await rows(page)).map((r) => r.name), [...names].reverse());
    await assert.doesNotReject(page.locator('[aria-live]').filter({ hasText: 'Gesorteerd op Gemeente, aflopend.' }).waitFor());

    // The numeric column with the most known scores: known numbers ascending, then "onbekend".
    const headers = page.locator('table.compare thead th');
    const numeric = await headers.evaluateAll((ths) => ths.map((th, i) => (th.hasAttribute('data-numeric') ? i : -1)).filter((i) => i >= 0));
    assert.ok(numeric.length > 0, 'the table has numeric columns');
    const known = (i) => before.filter((r) => /^\d+$/.test(r.keys[i - 1])).length;
    const column = numeric.reduce((a, b) => (known(b) > known(a) ? b : a));
    await press(page, headers.nth(column).getByRole('button'), 'Enter', problems);
    const keys = (await rows(page)).map((r) => r.keys[column - 1]);
    const numbers = keys.filter((k) => /^\d+$/.test(k)).map(Number);
    assert.deepEqual(numbers, [...numbers].sort((a, b) => a - b), `column ${column} sorts numerically: ${keys}`);
    assert.deepEqual(keys.slice(numbers.length).filter((k) => /^\d+$/.test(k)), [], 'unknown values come after the known ones');

    if (mode === 'http') problems.push(...(await axeProblems(page, `${PAGE} (sorted)`)));
    problems.push(...s.problems());
    assertNoProblems(problems);
  });

  test(`compare (${mode}): the filter shows only matching rows and says how many`, { timeout: 120_000 }, async (t) => {
    const { s, page } = await openCompare(t, mode);
    const problems = [];
    const filter = page.getByLabel('Filter de rijen');
    await filter.focus();
    const problem = focusProblem(`${PAGE}, filter`, await focusState(page));
    if (problem) problems.push(problem);

    await page.keyboard.type('zaan');
    assert.deepEqual((await rows(page)).map((r) => r.name), ['Zaanstad']);
    await assert.doesNotReject(page.locator('[aria-live]').filter({ hasText: '1 van 11 rijen zichtbaar.' }).waitFor());

    await filter.fill('');
    await page.keyboard.type('uitrol');
    const shown = await rows(page);
    assert.ok(shown.length > 0 && shown.length < 11, `"uitrol" matches some rows, not all: ${shown.length}`);
    const hiddenMatch = await page.locator('table.compare tbody tr').evaluateAll((trs) =>
      trs.filter((tr) => tr.hidden === tr.textContent.toLowerCase().includes('uitrol')).map((tr) => tr.querySelector('th a').textContent));
    assert.deepEqual(hiddenMatch, [], 'a row is shown exactly when it contains the text');

    await filter.fill('');
    await page.keyboard.type('geen gemeente heet zo');
    assert.equal((await rows(page)).length, 0);
    await filter.fill('');
    await filter.dispatchEvent('input');
    assert.equal((await rows(page)).length, 11, 'clearing the filter shows every row again');

    if (mode === 'http') problems.push(...(await axeProblems(page, `${PAGE} (filtered)`)));
    problems.push(...s.problems());
    assertNoProblems(problems);
  });

  test(`compare (${mode}): every chart has a text alternative and a data table`, { timeout: 120_000 }, async (t) => {
    const { s, page } = await openCompare(t, mode);
    const charts = await page.locator('figure.chart').evaluateAll((figures) => figures.map((figure) => {
      const svg = figure.querySelector('svg');
      const ids = (svg.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
      const table = figure.nextElementSibling;
      return {
        role: svg.getAttribute('role'),
        title: svg.querySelector(':scope > title')?.textContent.trim() || '',
        desc: svg.querySelector(':scope > desc')?.textContent.trim() || '',
        labelledByTitleAndDesc: ids.length === 2 && ids.every((id) => document.getElementById(id)?.parentElement === svg),
        names: [...svg.querySelectorAll('text.name')].map((n) => n.textContent.trim()),
        points: [...svg.querySelectorAll('text.point')].map((n) => n.textContent.trim()),
        table: table?.matches('table.chart-data') ? {
          caption: table.caption?.textContent || '',
          rowHeaders: [...table.tBodies[0].rows].map((r) => r.cells[0].textContent.trim()),
          text: table.textContent,
        } : null,
      };
    }));
    assert.ok(charts.length >= 11, `one chart per keuzevraagstuk, found ${charts.length}`);
    for (const [i, c] of charts.entries()) {
      const label = c.title.split(':')[0];
      assert.equal(c.role, 'img', `chart ${i + 1} is an image to assistive technology`);
      assert.ok(c.title && c.desc, `chart ${i + 1} (${label}) has a title and a description`);
      assert.ok(c.labelledByTitleAndDesc, `chart ${i + 1} (${label}) is named by its own title and desc`);
      for (const n of c.names) assert.ok(c.desc.includes(n), `chart ${label}: the description names ${n}`);
      assert.ok(c.table, `chart ${label} is followed by its data table`);
      assert.ok(c.table.caption.startsWith(label), `chart ${label}: the table's caption names it`);
      for (const p of c.points) assert.ok(c.table.rowHeaders.some((h) => h.startsWith(p)), `chart ${label}: the table has a row for point ${p}`);
      for (const n of c.names) assert.ok(c.table.text.includes(n), `chart ${label}: the table names ${n}`);
    }
    // What a screen reader gets: Chromium's accessibility tree names each chart.
    const tree = await page.locator('figure.chart').first().ariaSnapshot();
    assert.match(tree, new RegExp(`img "${charts[0].title.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), tree);
    assert.deepEqual(s.problems(), []);
  });
}
