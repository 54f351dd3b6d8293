// Printing: a factsheet and a reflection printed to PDF (A4, 15 mm margins)
// keep all the text a reader sees in print, and nothing is cut off at the
// page edge or clipped by a box. The PDF's first page and a screen rendering
// are saved as PNG under target/e2e/ for a person to look at.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { launch, openSite, session } from './lib/browser.mjs';
import { printToPdf, words } from './lib/print.mjs';
import { assertNoProblems } from './lib/checks.mjs';
import { artifact, bundledSite } from './lib/site.mjs';

const PAGES = [
  { name: 'factsheet', rel: 'factsheets/hilversum-2014.html' },
  { name: 'reflection', rel: 'reflecties/reflectie-1.html' },
];

let browser;
let site;
before(async () => {
  browser = await launch();
  site = await openSite(bundledSite(), 'http');
});
after(async () => {
  await browser?.close();
  await site?.close();
});

for (const { name, rel } of PAGES) {
  test(`print (${name}, ${rel}): the PDF has all the text and nothing is cut`, { timeout: 120_000 }, async (t) => {
    const s = await session(browser, site);
    t.after(() => s.close());
    const page = await s.open(rel);
    await page.screenshot({ path: artifact(`screen-${name}.png`), fullPage: true });

    const pdf = artifact(`print-${name}.pdf`);
    const { printed, pages, cut, missing } = await printToPdf(page, pdf, rel);
    assert.ok(words(printed).length > 200, `${rel} has text to print`);
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', pdf, artifact(`print-${name}-page1`)]);
    t.diagnostic(`${rel}: ${words(printed).length} words, ${pages} A4 pages; see ${artifact(`print-${name}-page1.png`)}`);

    assertNoProblems([...cut, ...missing], 'text cut off or missing in print');
    // The screen-only parts stay off paper.
    for (const gone of ['Naar de inhoud', 'Nieuwsfeed (Atom)']) assert.ok(!printed.includes(gone), `${rel}: "${gone}" is not printed`);
    assert.deepEqual(s.problems(), []);
  });
}
