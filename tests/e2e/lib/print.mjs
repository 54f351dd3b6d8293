// Printing a page as a person would (print media, A4, 15 mm margins) and
// checking the result: the words the reader sees in print are all in the PDF
// (per pdftotext), and no text sticks out of the page or is clipped by a box.

import { execFileSync } from 'node:child_process';

// A4 less two 15 mm margins, in CSS pixels (96 per inch).
export const MARGIN = '15mm';
export const PRINT_WIDTH = Math.floor(((210 - 2 * 15) / 25.4) * 96);

/**
 * Words (letters and digits), NFKC-folded so ligatures compare equal. Hyphens
 * join: pdftotext drops a hyphen at a line end and joins the halves
 * ("energie-" + "gevend" gives "energiegevend"), so both sides lose them.
 */
export function words(text) {
  return (text.normalize('NFKC').replace(/[\u00ad\u2010\u2011-]/g, '').toLowerCase().match(/[\p{L}\p{N}]+/gu) || []);
}

function count(list) {
  const counts = new Map();
  for (const w of list) counts.set(w, (counts.get(w) || 0) + 1);
  return counts;
}

/** Words the page shows in print that the PDF lacks (or has fewer times). */
export function missingWords(pageText, pdfText) {
  const have = count(words(pdfText));
  return [...count(words(pageText))].filter(([w, n]) => (have.get(w) || 0) < n).map(([w, n]) => `${w} (${n}x on the page, ${have.get(w) || 0}x in the PDF)`);
}

/**
 * Text that sticks out of the printable width or is clipped by a box with
 * overflow other than visible, measured per text node (a line that cannot
 * wrap overflows its paragraph, whose own box still fits).
 */
export function cutElements(page) {
  return page.evaluate((width) => {
    const out = [];
    const describe = (el) => `<${el.tagName.toLowerCase()}${el.className ? ` class="${el.className}"` : ''}> "${el.textContent.trim().replace(/\s+/g, ' ').slice(0, 50)}"`;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.textContent.trim()) continue;
      range.selectNodeContents(node);
      const r = range.getBoundingClientRect();
      if (!r.width && !r.height) continue; // Not rendered (display: none in print).
      const el = node.parentElement;
      if (r.right > width + 1 || r.left < -1) {
        out.push(`${describe(el)} spans ${Math.round(r.left)}..${Math.round(r.right)}px of a ${width}px page`);
        continue;
      }
      for (let a = el; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
        const b = a.getBoundingClientRect();
        if (r.right > b.right + 1 || r.bottom > b.bottom + 1 || r.left < b.left - 1 || r.top < b.top - 1) {
          out.push(`${describe(el)} is clipped by ${describe(a).split(' ')[0]} (overflow ${s.overflowX}/${s.overflowY})`);
          break;
        }
      }
    }
    return out;
  }, PRINT_WIDTH);
}

/**
 * Prints `page` (called `name` in problems) to `pdf`; returns the text shown in
 * print, the PDF's text and page count, and problems: text cut off in the print
 * layout, and words shown in print that the PDF lacks.
 */
export async function printToPdf(page, pdf, name) {
  await page.emulateMedia({ media: 'print' });
  await page.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
  const printed = await page.locator('body').innerText();
  const cut = (await cutElements(page)).map((c) => `${name}: cut off in print: ${c}`);
  await page.pdf({ path: pdf, format: 'A4', margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN }, printBackground: true });
  const pdfText = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf], { encoding: 'utf8' }))[1]);
  const missing = missingWords(printed, pdfText).map((w) => `${name}: in print but not in the PDF: ${w}`);
  return { printed, pdfText, pages, cut, missing };
}
