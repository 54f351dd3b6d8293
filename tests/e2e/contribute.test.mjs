// The static contribution pages (bijdragen/): filled in Chromium over HTTP
// (strict CSP) and from file://, one path with the keyboard only; the file
// they make is downloaded and `kennisbank check` accepts a copy of the site
// with it added. An invalid fill shows the error summary, linked and
// announced, and each error at its field; axe finds nothing at 1280 and 320
// pixels and the Nu Html Checker finds nothing in the pages as they are then.
// Screenshots of the form (empty, with errors, filled, with the forge link) go to target/e2e/
// (the README's with KB_SCREENSHOTS=docs also to docs/screenshots/).

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, openSite, session } from './lib/browser.mjs';
import { axeProblems, assertNoProblems, focusProblem, focusState, vnuProblems } from './lib/checks.mjs';
import { artifact, bundledSite, fixtureSite, repoRoot, screenshot } from './lib/site.mjs';

const BIN = process.env.KB_BIN || path.join(repoRoot, 'target', 'debug', 'kennisbank');

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const temporary = [];
process.on('exit', () => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of a site's sources (site.toml, content/, themes/) in a fresh directory. */
function copySources(root) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-e2e-bijdrage-'));
  temporary.push(dir);
  fs.copyFileSync(path.join(root, 'site.toml'), path.join(dir, 'site.toml'));
  fs.cpSync(path.join(root, 'content'), path.join(dir, 'content'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'themes'), path.join(dir, 'themes'), { recursive: true });
  return dir;
}

/** `kennisbank check` on a copy of the bundled site with `file` added as content/REL. */
function checkWith(rel, text, root = repoRoot) {
  const dir = copySources(root);
  const target = path.join(dir, 'content', rel);
  assert.ok(!fs.existsSync(target), `${rel} is a new file`);
  fs.writeFileSync(target, text);
  try {
    execFileSync(BIN, ['check', '--root', dir], { stdio: 'pipe', timeout: 60_000 });
  } catch (err) {
    assert.fail(`kennisbank check refused ${rel}:\n${err.stderr}\n--- the file:\n${text}`);
  }
}

/** Fills the case reflection form with the mouse-free API of playwright. */
async function fillCaseReflection(page, title) {
  await page.fill('#veld-title', title);
  await page.fill('#veld-summary', 'Wat de leerkring leerde over de toegang, in twee zinnen. Met een tweede zin.');
  await page.fill('#veld-casus', 'Casus mevrouw A. (fictief)');
  await page.fill('#veld-leerkring', 'Leerkring Zaanstreek');
  await page.fill('#veld-datum', '2015-03');
  await page.check('input[name="gemeenten"][value="zaanstad"]');
  await page.check('input[name="themas"][value="toegang"]');
  await page.check('input[name="bronnen"][value="kolner-sprinkhuizen-2014"]');
  await page.fill('#veld-vindplaats', 'Eigen verslag van de bijeenkomst');
  await page.fill('#veld-body', '## De casus\n\nMevrouw A. zocht hulp bij [[zaanstad]]; zie ook [[observatie-1|de eerste observatie]].\n');
}

/** The file the download link gives. */
async function download(page) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#kb-download')]);
  const file = await dl.path();
  return { name: dl.suggestedFilename(), text: fs.readFileSync(file, 'utf8') };
}

for (const mode of ['http', 'file']) {
  test(`a case reflection filled in gives a file that check accepts (${mode})`, { timeout: 180_000 }, async () => {
    const site = await openSite(bundledSite(), mode);
    const s = await session(browser, site, { acceptDownloads: true });
    const page = await s.open('bijdragen/casusreflectie.html');
    assert.equal(await page.locator('#kb-bijdragen').isVisible(), true, 'the script shows the form');
    if (mode === 'http') await screenshot(page, 'bijdragen-leeg.png');
    await fillCaseReflection(page, `Leerkring over toegang (${mode})`);
    assert.equal(await page.inputValue('#veld-slug'), `leerkring-over-toegang-${mode}`, 'the slug follows the title');
    await page.click('#kb-bijdrage button[type=submit]');
    await page.waitForSelector('#kb-resultaat:not([hidden])');
    assert.equal(await page.locator('.kb-foutoverzicht').isHidden(), true);
    const shown = await page.inputValue('#kb-bestand');
    const file = await download(page);
    assert.equal(file.name, `leerkring-over-toegang-${mode}.md`);
    assert.equal(file.text, shown, 'the download is the text shown');
    assert.match(file.text, /^---\ntitle: "Leerkring over toegang/);
    assert.match(file.text, /\ngemeenten: \[zaanstad\]\n/);
    checkWith(`casusreflecties/${file.name}`, file.text);
    await page.click('#kb-kopieer');
    await page.waitForFunction(() => document.getElementById('kb-kopieer-status').textContent !== '');
    assert.match(await page.textContent('#kb-kopieer-status'), /klembord|kopieer/i, 'copying says what happened');
    if (mode === 'http') {
      assert.deepEqual(await axeProblems(page, 'bijdragen/casusreflectie.html (filled)'), []);
      await screenshot(page, 'bijdragen-ingevuld.png');
    }
    await page.close();
    const problems = s.problems();
    await s.close();
    await site.close();
    assertNoProblems(problems);
  });
}

/** Presses Tab until the element with `id` has focus; fails after `max` presses. */
async function tabTo(page, id, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const state = await focusState(page);
    const problem = focusProblem(`Tab to #${id}`, state);
    if (problem) return problem;
    if ((await page.evaluate(() => document.activeElement.id)) === id) return null;
  }
  return `#${id} was not reached with ${max} presses of Tab`;
}

test('with the keyboard only: errors first, then a valid file (file://)', { timeout: 180_000 }, async () => {
  const site = await openSite(bundledSite(), 'file');
  const s = await session(browser, site, { acceptDownloads: true });
  const page = await s.open('bijdragen/casusreflectie.html');
  const problems = [];
  const go = async (id) => {
    const p = await tabTo(page, id);
    if (p) problems.push(p);
    assert.deepEqual(problems, []);
  };
  await go('veld-title');
  await page.keyboard.type('Reflectie met het toetsenbord');
  // Send it half filled: the summary takes focus and links to the first problem.
  const submit = page.locator('#kb-bijdrage button[type=submit]');
  await submit.focus();
  await page.keyboard.press('Enter');
  await page.waitForSelector('.kb-foutoverzicht:not([hidden])');
  assert.equal(await page.evaluate(() => document.activeElement.classList.contains('kb-foutoverzicht')), true, 'focus moves to the summary');
  assert.match(await page.title(), /^Fout: /);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), '#veld-casus');
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'veld-casus', 'the link puts focus in the field');
  await page.keyboard.type('Casus meneer B.');
  await go('veld-leerkring');
  await page.keyboard.type('Leerkring Noord');
  await go('veld-datum');
  await page.keyboard.type('2015');
  await go('veld-themas-jeugd');
  await page.keyboard.press('Space');
  await go('veld-bronnen-k2-2012');
  await page.keyboard.press('Space');
  await go('veld-vindplaats');
  await page.keyboard.type('Verslag van de leerkring');
  await go('veld-body');
  await page.keyboard.type('Wat we leerden.');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.type), 'submit');
  await page.keyboard.press('Enter');
  await page.waitForSelector('#kb-resultaat:not([hidden])');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'kb-resultaat', 'focus moves to the result');
  await go('kb-download');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const text = fs.readFileSync(await dl.path(), 'utf8');
  assert.equal(dl.suggestedFilename(), 'reflectie-met-het-toetsenbord.md');
  checkWith('casusreflecties/reflectie-met-het-toetsenbord.md', text);
  await page.close();
  problems.push(...s.problems());
  await s.close();
  assertNoProblems(problems);
});

test('an invalid fill shows the error summary and each error at its field, announced', { timeout: 180_000 }, async () => {
  const site = await openSite(bundledSite(), 'http');
  const problems = [];
  const dumps = [];
  for (const width of [1280, 320]) {
    const s = await session(browser, site, { viewport: { width, height: 900 } });
    const page = await s.open('bijdragen/factsheet.html');
    problems.push(...(await axeProblems(page, `bijdragen/factsheet.html (empty, ${width}px)`)));
    await page.fill('#veld-title', 'Zaanstad');
    await page.fill('#veld-slug', 'zaanstad');
    await page.fill('#veld-meting', '2011');
    await page.fill('#veld-peildatum', 'voorjaar 2015');
    await page.click('#kb-bijdrage button[type=submit]');
    await page.waitForSelector('.kb-foutoverzicht:not([hidden])');
    const items = await page.locator('.kb-foutlijst li').allTextContents();
    assert.ok(items.includes("Bestandsnaam: duplicate slug 'zaanstad': content/gemeenten/zaanstad.md has it too"), items.join('\n'));
    assert.ok(items.includes('Meetronde (jaar): meting: 2011 is out of range 2012..2100'), items.join('\n'));
    assert.ok(items.includes("Peildatum: peildatum: 'voorjaar 2015' is not a date"), items.join('\n'));
    assert.ok(items.includes("Fase: missing required field 'fase'"), items.join('\n'));
    assert.equal(await page.locator('.kb-foutoverzicht [role=alert]').count(), 1, 'the summary is announced');
    // Each error sits at its field and is part of the field's description.
    const peildatum = await page.evaluate(() => {
      const input = document.getElementById('veld-peildatum');
      const ids = input.getAttribute('aria-describedby').split(' ');
      return { invalid: input.getAttribute('aria-invalid'), described: ids.map((id) => document.getElementById(id).textContent) };
    });
    assert.equal(peildatum.invalid, 'true');
    assert.ok(peildatum.described.some((t) => t.includes("Fout: peildatum: 'voorjaar 2015' is not a date")), peildatum.described.join(' | '));
    assert.ok(peildatum.described.some((t) => t.includes('write a year (2014)')), 'the hint is there too');
    const fase = await page.evaluate(() => {
      const set = document.querySelector('fieldset[data-field="fase"]');
      return set.getAttribute('aria-describedby').split(' ').map((id) => document.getElementById(id).textContent).join(' ');
    });
    assert.match(fase, /missing required field 'fase'/);
    // Links lead to the fields.
    const href = await page.locator('.kb-foutlijst a', { hasText: 'Fase:' }).getAttribute('href');
    assert.equal(href, '#veld-fase-geen-keuze');
    problems.push(...(await axeProblems(page, `bijdragen/factsheet.html (errors, ${width}px)`)));
    if (width === 320) {
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      if (wide > 0) problems.push(`bijdragen/factsheet.html (errors, 320px): scrolls sideways by ${wide}px`);
    }
    await page.screenshot({ path: artifact(`bijdragen-fouten-${width}.png`) });
    if (width === 1280) {
      await page.locator('[data-field="peildatum"]').scrollIntoViewIfNeeded();
      await page.evaluate(() => document.querySelector('[data-field="meting"]').scrollIntoView());
      await screenshot(page, 'bijdragen-veldfout.png');
    }
    dumps.push(await page.content());
    // Fixing the errors removes them.
    await page.fill('#veld-slug', 'zaanstad-2015');
    await page.click('#kb-bijdrage button[type=submit]');
    assert.equal(await page.locator('#veld-slug-fout').count(), 0, 'a fixed field loses its error');
    await page.close();
    problems.push(...s.problems());
    await s.close();
  }
  await site.close();
  // The page as it is with errors shown is valid HTML too.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-e2e-dom-'));
  temporary.push(dir);
  fs.writeFileSync(path.join(dir, 'fouten.html'), dumps[0]);
  problems.push(...(await vnuProblems(dir, ['fouten.html'])));
  assertNoProblems(problems);
});

test('a new factsheet starts from the previous one, as `kennisbank new` does', { timeout: 180_000 }, async () => {
  const site = await openSite(bundledSite(), 'file');
  const s = await session(browser, site, { acceptDownloads: true });
  const page = await s.open('bijdragen/factsheet.html');
  await page.click('#kb-vorige-knop');
  assert.match(await page.textContent('#kb-vorige-status'), /Kies eerst de gemeente/);
  await page.selectOption('#veld-gemeente', 'zaanstad');
  await page.fill('#veld-meting', '2015');
  await page.click('#kb-vorige-knop');
  await page.waitForFunction(() => /Overgenomen uit zaanstad-2014/.test(document.getElementById('kb-vorige-status').textContent));
  assert.equal(await page.inputValue('#veld-slug'), 'zaanstad-2015');
  assert.equal(await page.inputValue('#veld-title'), 'Zaanstad 2015 (eenmeting)');
  assert.equal(await page.inputValue('#veld-peildatum'), '2015');
  assert.equal(await page.isChecked('#veld-fase-uitrol'), true);
  assert.equal(await page.isChecked('#veld-kv_toegang_wmo-1'), true);
  assert.equal(await page.isChecked('#veld-aantal_teams-onbekend'), true);
  await page.click('#kb-bijdrage button[type=submit]');
  await page.waitForSelector('#kb-resultaat:not([hidden])');
  const text = await page.inputValue('#kb-bestand');
  // The same values as the command line's continuation, written the form's way.
  const dir = copySources(repoRoot);
  execFileSync(BIN, ['new', 'factsheet', '--gemeente', 'zaanstad', '--meting', '2015', '--root', dir], { stdio: 'pipe', timeout: 60_000 });
  const cli = fs.readFileSync(path.join(dir, 'content/factsheets/zaanstad-2015.md'), 'utf8');
  for (const line of ['meting: 2015', 'fase: uitrol', 'teamvorm: flexibel-netwerk', 'kv_toegang_wmo: 1', 'aantal_teams: onbekend']) {
    assert.ok(cli.includes(`\n${line}`) && text.includes(`\n${line}\n`), `both have ${line}`);
  }
  assert.ok(text.includes('\n\nWat is er veranderd sinds [[zaanstad-2014]]?\n'));
  checkWith('factsheets/zaanstad-2015.md', text);
  await page.close();
  const problems = s.problems();
  await s.close();
  assertNoProblems(problems);
});

test('with a forge configured the file opens its new-file page; without JavaScript the page says what to do', { timeout: 180_000 }, async () => {
  const built = fixtureSite('contribute');
  const site = await openSite(built, 'http');
  const s = await session(browser, site, { acceptDownloads: true });
  const page = await s.open('bijdragen/verslag.html');
  await page.fill('#veld-title', 'Werkbezoek in mei');
  await page.fill('#veld-datum', '2015-05-04');
  await page.check('#veld-soort-werkbezoek');
  await page.check('#veld-score-4');
  await page.check('input[name="themas"][value="jeugd"]');
  await page.fill('#veld-verdeling-kv_sturing-1', '1');
  for (const p of [2, 3, 4, 5]) await page.fill(`#veld-verdeling-kv_sturing-${p}`, '0');
  await page.fill('#veld-telling-mee', '2');
  await page.click('#kb-bijdrage button[type=submit]');
  await page.waitForSelector('#kb-resultaat:not([hidden])');
  const text = await page.inputValue('#kb-bestand');
  assert.match(text, /\nverdeling:\n {2}kv_sturing: \[1, 0, 0, 0, 0\]\ntelling:\n {2}mee: 2\n/);
  const href = await page.getAttribute('#kb-forge', 'href');
  await page.locator('#kb-forge').scrollIntoViewIfNeeded();
  await screenshot(page, 'publiceren-forge.png');
  assert.equal(href, `https://forge.example/kb/new/main/content/verslagen?filename=werkbezoek-in-mei.md&value=${encodeURIComponent(text)}`);
  checkWith('verslagen/werkbezoek-in-mei.md', text, path.join(repoRoot, 'tests/fixtures/contribute'));
  const problems = await axeProblems(page, 'fixture bijdragen/verslag.html (filled)');
  await page.close();
  problems.push(...s.problems());
  await s.close();
  // Every control type, at 320 pixels too, and valid HTML.
  const narrow = await session(browser, site, { viewport: { width: 320, height: 640 } });
  for (const rel of ['bijdragen/verslag.html', 'bijdragen/factsheet.html', 'bijdragen/index.html']) {
    const p = await narrow.open(rel);
    problems.push(...(await axeProblems(p, `fixture ${rel} (320px)`)));
    const wide = await p.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    if (wide > 0) problems.push(`fixture ${rel} (320px): scrolls sideways by ${wide}px`);
    await p.close();
  }
  problems.push(...narrow.problems());
  await narrow.close();
  problems.push(...(await vnuProblems(built, ['bijdragen/verslag.html', 'bijdragen/factsheet.html', 'bijdragen/index.html', 'verslagen/index.html'])));
  // Without JavaScript: the form stays hidden, the notice shows, with the help link.
  const off = await session(browser, site, { javaScriptEnabled: false });
  const plain = await off.open('bijdragen/verslag.html');
  assert.equal(await plain.locator('#kb-bijdragen').isHidden(), true);
  const notice = await plain.locator('noscript .notice, .notice').first().textContent();
  assert.match(notice, /werkt met JavaScript/);
  assert.equal(await plain.locator('a[href="https://forge.example/kb#bijdragen-zonder-terminal"]').count(), 1);
  await plain.close();
  problems.push(...off.problems());
  await off.close();
  await site.close();
  assertNoProblems(problems);
});

test('the home page and the listings link to the contribution pages', { timeout: 60_000 }, async () => {
  const dir = bundledSite();
  const home = fs.readFileSync(path.join(dir, 'index.html'), 'utf8');
  for (const kind of ['casusreflectie', 'factsheet']) {
    assert.ok(home.includes(`href="bijdragen/${kind}.html"`), `home links to ${kind}`);
  }
  assert.ok(fs.readFileSync(path.join(dir, 'casusreflecties/index.html'), 'utf8').includes('href="../bijdragen/casusreflectie.html"'));
  assert.ok(!fs.readFileSync(path.join(dir, 'observaties/index.html'), 'utf8').includes('bijdragen/'), 'only contributable kinds');
});
