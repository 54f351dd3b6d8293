// Every check can fail. A built fixture with deliberate faults in its theme
// (tests/fixtures/broken) and hand-written pages the build would never write
// (tests/fixtures/raw-html) make each check report the page and the problem.
// The link checker's own negative tests are in tests/testsuite/built_site.rs.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { launch, openSite, session } from './lib/browser.mjs';
import { axeProblems, focusProblem, focusState, tabThrough, vnuProblems } from './lib/checks.mjs';
import { lighthouseProblems, lighthouseReport } from './lib/lighthouse.mjs';
import { printToPdf } from './lib/print.mjs';
import { artifact, fixtureSite, htmlPages, rawHtmlSite } from './lib/site.mjs';

let browser;
let broken;
let raw;
before(async () => {
  browser = await launch();
  broken = fixtureSite('broken');
  raw = rawHtmlSite();
});
after(async () => {
  await browser?.close();
});

/** Opens `rel` of `dir` in a recording session; returns the page and the session. */
async function visit(t, dir, mode, rel) {
  const site = await openSite(dir, mode);
  const s = await session(browser, site);
  t.after(() => Promise.all([s.close(), site.close()]));
  return { page: await s.open(rel), s };
}

const only = (problems, pattern) => problems.filter((p) => pattern.test(p));

test('axe-core names the page of an image without alt text', async (t) => {
  const { page } = await visit(t, broken, 'http', 'factsheets/zaanstad-2014.html');
  const problems = await axeProblems(page, 'factsheets/zaanstad-2014.html');
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0], /^factsheets\/zaanstad-2014\.html: image-alt: Images must have alternative text \(img\)/);
});

test('the Nu Html Checker names the page and line of an image without alt and of a duplicate id', { timeout: 120_000 }, async () => {
  const problems = await vnuProblems(broken, htmlPages(broken));
  // The lines where the fixture's theme put the faults, read from the built pages.
  const lineOf = (rel, pattern) => {
    const lines = fs.readFileSync(path.join(broken, rel), 'utf8').split('\n');
    const found = lines.map((l, i) => (pattern.test(l) ? i + 1 : 0)).filter(Boolean);
    return found[found.length - 1];
  };
  const img = lineOf('factsheets/zaanstad-2014.html', /<img(?![^>]*\balt=)/);
  const dup = lineOf('gemeenten/zaanstad.html', /id="kb-verwijzingen"/);
  assert.ok(img > 0 && dup > 0, `the fixture's faults are in the built pages (img line ${img}, duplicate id line ${dup})`);
  assert.deepEqual(problems.map((p) => p.split('\n')[0]), [
    `factsheets/zaanstad-2014.html:${img}: An “img” element must have an “alt” attribute, except under certain conditions. For details, consult guidance on providing text alternatives for images.`,
    `gemeenten/zaanstad.html:${dup}: Duplicate ID “kb-verwijzingen”.`,
  ]);
});

test('a script tag in a title is shown as text: no script runs, no CSP violation', async (t) => {
  for (const mode of ['http', 'file']) {
    const { page, s } = await visit(t, broken, mode, 'themas/script-in-titel.html');
    assert.equal(await page.locator('h1').innerText(), "<script>alert('kb')</script> in een titel");
    assert.match(await page.title(), /^<script>alert\('kb'\)<\/script> in een titel/);
    assert.deepEqual(s.problems(), [], mode);
  }
});

test('an unescaped script tag in a title is caught: a CSP violation over HTTP, a dialog from disk', async (t) => {
  const served = await visit(t, raw, 'http', 'script-in-titel.html');
  assert.deepEqual(only(served.s.problems(), /Content-Security-Policy/), [
    'script-in-titel.html: Content-Security-Policy violation: script-src-elem blocked inline',
  ]);
  const opened = await visit(t, raw, 'file', 'script-in-titel.html');
  assert.deepEqual(opened.s.problems(), ['script-in-titel.html: opened a dialog: kb']);
});

test('a request to another host is caught and blocked, over HTTP and from disk', async (t) => {
  for (const mode of ['http', 'file']) {
    const { s } = await visit(t, raw, mode, 'extern.html');
    const where = mode === 'http' ? 'another host' : 'not under the site folder';
    assert.deepEqual(only(s.problems(), /request outside the site/).sort(), [
      `extern.html: request outside the site (${where}): https://cdn.example.org/logo.png`,
      `extern.html: request outside the site (${where}): https://fonts.example.org/css2?family=Roboto`,
    ], mode);
  }
});

test('a link without a visible focus indicator is named', async (t) => {
  const { page } = await visit(t, raw, 'http', 'geen-focusring.html');
  await page.keyboard.press('Tab');
  assert.equal(
    focusProblem('geen-focusring.html, Tab 1', await focusState(page)),
    'geen-focusring.html, Tab 1: <a href="extern.html"> Een link die focus krijgt maar dat niet laat zien has focus but no visible focus indicator (outline none 3px rgb(11, 79, 138), box-shadow none)',
  );
});

test('a focused link hidden under a fixed header is named (WCAG 2.4.11)', async (t) => {
  const { page } = await visit(t, raw, 'http', 'verborgen-focus.html');
  assert.deepEqual(await tabThrough(page, 'verborgen-focus.html'), [
    'verborgen-focus.html, Tab 1: <a> "Een link die onder de vaste kop verdwijnt" has focus but is hidden under <header class="vaste-kop"> (WCAG 2.4.11)',
  ]);
});

test('Lighthouse names the page, the category below 100 and the audits that cost points', { timeout: 240_000 }, async (t) => {
  const site = await openSite(raw, 'http');
  t.after(() => site.close());
  const lhr = await lighthouseReport(site.url('lighthouse-fout.html'), { limitMs: 180_000 });
  const problems = lighthouseProblems(lhr, 'lighthouse-fout.html').join('\n');
  assert.match(problems, /^lighthouse-fout\.html: Lighthouse accessibility \d+\n(?: {4}.*\n)*? {4}image-alt: /m);
  assert.match(problems, /^lighthouse-fout\.html: Lighthouse seo \d+\n(?: {4}.*\n)*? {4}meta-description: /m);
});

test('text cut off in print is named, and missing from the PDF', async (t) => {
  const { page } = await visit(t, raw, 'http', 'te-breed.html');
  const { cut, missing } = await printToPdf(page, artifact('negative-te-breed.pdf'), 'te-breed.html');
  assert.deepEqual(cut.map((c) => c.replace(/" (spans|is clipped by) .*/, '"')), [
    'te-breed.html: cut off in print: <p class="te-breed"> "Dit adres past niet op de regel: https://kennisban"',
    'te-breed.html: cut off in print: <p> "Deze tweede regel valt buiten het vak en gaat verl"',
  ]);
  // Chrome leaves out of the PDF both what runs off the paper and what a box clips.
  for (const word of ['eenheellangadreszonderenigespatieofafbreekpuntdatoverderandvanhetpapierheenlooptendaarverdwijnt', 'verloren']) {
    assert.ok(missing.some((m) => m.startsWith(`te-breed.html: in print but not in the PDF: ${word} `)), `"${word}" is reported missing:\n${missing.join('\n')}`);
  }
});
