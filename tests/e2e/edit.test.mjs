// `kennisbank serve --edit` in Chromium, on a copy of the bundled site: a
// factsheet's scale field edited through its form (only that line of the
// file changes), a new case reflection added (previewed, then with an error: 422, the
// values kept, the summary linking to the field; then saved and accepted by
// `kennisbank check`), a new factsheet started from the previous one, a
// conflict with a change on disk (409) and a form on another site posting to
// the preview (403). axe finds nothing on the form pages at 1280 and 320
// pixels. Screenshots go to target/e2e/ and, with KB_SCREENSHOTS=docs, to
// docs/screenshots/ for the README ("Bijdragen zonder terminal").

import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, session } from './lib/browser.mjs';
import { axeProblems, assertNoProblems } from './lib/checks.mjs';
import { serve as serveStatic } from './lib/server.mjs';
import { repoRoot, screenshot } from './lib/site.mjs';

const BIN = process.env.KB_BIN || path.join(repoRoot, 'target', 'debug', 'kennisbank');
/** Far more than serve needs to build the bundled site; only reached when it is broken. */
const START_LIMIT = 120_000;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const temporary = [];
const children = [];
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/** A copy of the bundled site's sources in a fresh directory. */
function copyBundled() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-e2e-edit-'));
  temporary.push(dir);
  fs.copyFileSync(path.join(repoRoot, 'site.toml'), path.join(dir, 'site.toml'));
  fs.cpSync(path.join(repoRoot, 'content'), path.join(dir, 'content'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'themes'), path.join(dir, 'themes'), { recursive: true });
  return dir;
}

/**
 * `kennisbank serve --edit` on a copy of the bundled site. Returns the copy's
 * root, the origin, a site for `session`, and `stop()`.
 */
async function serveEdit() {
  const root = copyBundled();
  const child = spawn(BIN, ['serve', '--root', root, '--port', '0', '--edit'], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let printed = '';
  child.stderr.on('data', (d) => { printed += d; });
  const origin = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve printed no address:\n${printed}`)), START_LIMIT);
    child.stdout.on('data', (d) => {
      printed += d;
      const m = printed.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (m) {
        clearTimeout(timer);
        ok(`http://${m[1]}`);
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`serve stopped (${code}):\n${printed}`));
    });
  });
  const site = {
    mode: 'http',
    dir: root,
    url: (rel) => `${origin}/${rel}`,
    rel: (url) => decodeURI(new URL(url).pathname).replace(/^\//, ''),
    isLocal: (url) => new URL(url).origin === origin,
    close: async () => {},
  };
  return {
    root,
    origin,
    site,
    file: (rel) => fs.readFileSync(path.join(root, 'content', rel), 'utf8'),
    stop: () => child.kill('SIGKILL'),
  };
}

/**
 * The session's problems, less the console's note of each answer with an
 * error status the test asked for (a 409, 422 or 403 page).
 */
function problemsBut(s, statuses) {
  const expected = statuses.map((n) => `status of ${n}`);
  return s.problems().filter((p) => !expected.some((e) => p.includes('console error') && p.includes(e)));
}

/** axe at 1280 and at 320 pixels (with no sideways scrolling there). */
async function accessible(page, name) {
  const problems = [...(await axeProblems(page, `${name} (1280px)`))];
  await page.setViewportSize({ width: 320, height: 640 });
  problems.push(...(await axeProblems(page, `${name} (320px)`)));
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (wide > 0) problems.push(`${name} (320px): scrolls sideways by ${wide}px`);
  await page.setViewportSize({ width: 1280, height: 900 });
  return problems;
}

/** Clicks the form's Opslaan and waits for the page it leads to. */
async function save(page) {
  const [response] = await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    page.click('#kb-bewerken button.kb-knop'),
  ]);
  return response;
}

test('a factsheet scale field edited through its form changes that line only', { timeout: 240_000 }, async () => {
  const server = await serveEdit();
  const s = await session(browser, server.site);
  const rel = 'factsheets/zaanstad-2014.md';
  const before = server.file(rel);
  const page = await s.open('factsheets/zaanstad-2014.html');
  const link = page.locator('.kennisbank-bewerkbalk a');
  assert.match(await link.textContent(), /^Bewerken/);
  await screenshot(page, 'bewerken-balk.png');
  await link.click();
  await page.waitForSelector('#kb-bewerken');
  assert.equal(new URL(page.url()).pathname, '/__kennisbank/edit/factsheet/zaanstad-2014');
  const problems = await accessible(page, 'edit form factsheet');
  await page.locator('input[name="kv_toegang_wmo"][value="2"]').scrollIntoViewIfNeeded();
  await page.check('input[name="kv_toegang_wmo"][value="2"]');
  await screenshot(page, 'bewerken-factsheet.png');
  const response = await save(page);
  assert.equal(response.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/factsheets/zaanstad-2014.html');
  assert.equal(server.file(rel), before.replace('\nkv_toegang_wmo: 1\n', '\nkv_toegang_wmo: 2\n'));
  assert.notEqual(server.file(rel), before);
  await page.close();
  problems.push(...problemsBut(s, []));
  await s.close();
  server.stop();
  assertNoProblems(problems);
});

test('a case reflection added through the form: errors first, then saved and accepted by check', { timeout: 240_000 }, async () => {
  const server = await serveEdit();
  const s = await session(browser, server.site);
  const page = await s.open('casusreflecties/index.html');
  const link = page.locator('.kennisbank-bewerkbalk a');
  assert.match(await link.textContent(), /toevoegen$/);
  await link.click();
  await page.waitForSelector('#kb-bewerken');
  const problems = await accessible(page, 'new case reflection form');
  await page.fill('#veld-title', 'Leerkring over de toegang');
  await page.fill('#veld-summary', 'Wat de leerkring leerde over de toegang.');
  await page.fill('#veld-casus', 'Casus mevrouw A. (fictief)');
  await page.fill('#veld-leerkring', 'Leerkring Zaanstreek');
  await page.fill('#veld-datum', 'voorjaar 2015');
  await page.check('input[name="gemeenten"][value="zaanstad"]');
  await page.check('input[name="themas"][value="toegang"]');
  await page.check('input[name="bronnen"][value="kolner-sprinkhuizen-2014"]');
  await page.fill('#veld-vindplaats', 'Eigen verslag van de bijeenkomst');
  await page.fill('#veld-body', '## De casus\n\nMevrouw A. zocht hulp bij [[zaanstad]].\n');
  // The preview: the text through the site's Markdown, the wikilink resolved, nothing written.
  await Promise.all([page.waitForNavigation(), page.click('#kb-bewerken button[name="_actie"][value="voorbeeld"]')]);
  assert.equal(await page.getAttribute('.kb-voorbeeld-tekst a[href$="gemeenten/zaanstad.html"]', 'href') !== null, true);
  assert.equal(await page.inputValue('#veld-title'), 'Leerkring over de toegang');
  assert.equal(fs.existsSync(path.join(server.root, 'content', 'casusreflecties', 'leerkring-over-de-toegang.md')), false);
  const refused = await save(page);
  assert.equal(refused.status(), 422);
  // The summary links to the field; the values typed are still there.
  const summaryLink = page.locator('a[href="#veld-datum"]').first();
  assert.match(await summaryLink.textContent(), /datum/);
  assert.equal(await page.inputValue('#veld-title'), 'Leerkring over de toegang');
  assert.equal(await page.inputValue('#veld-datum'), 'voorjaar 2015');
  assert.equal(await page.isChecked('input[name="themas"][value="toegang"]'), true);
  assert.match(await page.inputValue('#veld-body'), /\[\[zaanstad\]\]/);
  assert.equal(await page.getAttribute('#veld-datum', 'aria-invalid'), 'true');
  problems.push(...(await accessible(page, 'new case reflection with errors')));
  await screenshot(page, 'bewerken-fouten.png');
  await summaryLink.click();
  assert.equal(await page.evaluate(() => document.activeElement.id), 'veld-datum', 'the summary link leads to the field');
  // The slug left empty: made from the title, as check would suggest.
  const slug = 'leerkring-over-de-toegang';
  await page.fill('#veld-datum', '2015-03');
  const saved = await save(page);
  assert.equal(saved.status(), 200);
  assert.equal(new URL(page.url()).pathname, `/casusreflecties/${slug}.html`);
  assert.match(await page.textContent('h1'), /Leerkring over de toegang/);
  const text = server.file(`casusreflecties/${slug}.md`);
  assert.match(text, /^---\ntitle: "Leerkring over de toegang"\n/);
  assert.match(text, /\ndatum: "2015-03"\n/);
  execFileSync(BIN, ['check', '--root', server.root], { stdio: 'pipe', timeout: 120_000 });
  await page.close();
  problems.push(...problemsBut(s, [422]));
  await s.close();
  server.stop();
  assertNoProblems(problems);
});

test('a new factsheet from the previous one, a conflict with the file on disk, and a post from another site', { timeout: 240_000 }, async () => {
  const server = await serveEdit();
  const s = await session(browser, server.site);
  // From the previous one: the form is filled from zaanstad-2014.
  const page = await s.open('__kennisbank/new/factsheet');
  await page.selectOption('form.kb-start select', 'zaanstad');
  await page.fill('form.kb-start input', '2016');
  await Promise.all([page.waitForNavigation(), page.click('form.kb-start button')]);
  assert.equal(await page.inputValue('#veld-slug'), 'zaanstad-2016');
  const sent = (name) => page.evaluate((n) => new FormData(document.getElementById('kb-bewerken')).getAll(n), name);
  assert.deepEqual(await sent('teamvorm'), ['flexibel-netwerk'], 'teamvorm comes from 2014');
  assert.deepEqual(await sent('meting'), ['2016']);
  const problems = await accessible(page, 'new factsheet from the previous one');
  const made = await save(page);
  assert.equal(made.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/factsheets/zaanstad-2016.html');
  assert.match(server.file('factsheets/zaanstad-2016.md'), /\nmeting: 2016\n/);

  // A conflict: the file changes on disk while its form is open.
  const rel = 'factsheets/haarlem-2014.md';
  await page.goto(server.site.url('__kennisbank/edit/factsheet/haarlem-2014'));
  const theirs = server.file(rel).replace('title: "Haarlem 2014', 'title: "Haarlem in 2014');
  assert.notEqual(theirs, server.file(rel));
  fs.writeFileSync(path.join(server.root, 'content', rel), theirs);
  await page.fill('#veld-title', 'Haarlem 2014, bewerkt');
  const conflict = await save(page);
  assert.equal(conflict.status(), 409);
  assert.equal(server.file(rel), theirs, 'nothing was written');
  assert.match(await page.textContent('.kb-conflict'), /Haarlem 2014, bewerkt/);
  problems.push(...(await accessible(page, 'conflict')));

  // Another site's page posts a form to the preview, even with the token: 403.
  const form = await (await fetch(`${server.origin}/__kennisbank/edit/factsheet/haarlem-2014`)).text();
  const token = form.match(/name="_token" value="([0-9a-f]+)"/)[1];
  const base = form.match(/name="_base" value="([0-9a-f]+)"/)[1];
  const evilDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kb-e2e-evil-'));
  temporary.push(evilDir);
  fs.writeFileSync(path.join(evilDir, 'index.html'), `<!DOCTYPE html><html lang="en"><title>x</title>
<form method="post" action="${server.origin}/__kennisbank/edit/factsheet/haarlem-2014">
<input name="_token" value="${token}"><input name="_base" value="${base}"><input name="title" value="Gekaapt">
<button>send</button></form>`);
  const evil = await serveStatic(evilDir, { csp: null });
  const other = await browser.newContext();
  const evilPage = await other.newPage();
  await evilPage.goto(evil.url('index.html'));
  const [answer] = await Promise.all([evilPage.waitForNavigation(), evilPage.click('button')]);
  assert.equal(answer.status(), 403);
  assert.equal(server.file(rel), theirs, 'the cross-site post wrote nothing');
  await other.close();
  await evil.close();

  await page.close();
  problems.push(...problemsBut(s, [409]));
  await s.close();
  server.stop();
  assertNoProblems(problems);
});
