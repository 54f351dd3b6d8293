// The checks, as functions that return problems ("page: problem" lines) rather
// than assert, so the negative tests can show each one catching a broken page:
// axe-core (WCAG 2.1 A/AA), the Nu Html Checker, and the visible focus indicator.

import { execFile } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

const require = createRequire(import.meta.url);

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'];

let axeSource;

/**
 * Runs axe-core in `page` with the WCAG 2.1 A and AA rules. It is evaluated
 * through the DevTools protocol rather than added as a <script>, so the page's
 * own Content-Security-Policy does not block it.
 */
export async function axeProblems(page, name) {
  axeSource ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] }),
    AXE_TAGS,
  );
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${name}: ${v.id}: ${v.help} (${n.target.join(' ')})\n    ${n.failureSummary.replace(/\n/g, '\n    ')}`),
  );
}

/**
 * How the focused element is drawn: a focus indicator is visible when it has
 * the browser's own focus ring (outline-style auto), an outline of at least
 * 2px, or a box-shadow, and it is on screen.
 */
export function focusState(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { element: 'body', visible: false, ring: false };
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    const outline = style.outlineStyle === 'auto' || (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2);
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    const label = (el.getAttribute('aria-label') || el.textContent || el.value || '').trim().replace(/\s+/g, ' ').slice(0, 60);
    return {
      element: `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : ''}> ${label}`,
      href: el.href || null,
      outline: `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`,
      boxShadow: style.boxShadow,
      ring: Boolean(outline || shadow),
      visible: rect.width > 0 && rect.height > 0 && rect.bottom > 0 && rect.top < window.innerHeight && style.visibility !== 'hidden',
    };
  });
}

/** A problem line when the focused element shows no visible focus indicator. */
export function focusProblem(name, state) {
  if (state.element === 'body') return `${name}: focus is on no element`;
  if (!state.ring) return `${name}: ${state.element} has focus but no visible focus indicator (outline ${state.outline}, box-shadow ${state.boxShadow})`;
  if (!state.visible) return `${name}: ${state.element} has focus but is not on screen`;
  return null;
}

export const VNU_JAR = process.env.KB_VNU_JAR || require.resolve('vnu-jar/build/dist/vnu.jar');

/**
 * The Nu Html Checker over `pages` (paths relative to `dir`), all in one JVM
 * run (`--also-check-css` in `extraArgs` checks .css files too). Returns its errors as "page:line: message" lines.
 */
export async function vnuProblems(dir, pages, extraArgs = []) {
  const files = pages.map((p) => path.join(dir, p));
  let stdout;
  let stderr;
  try {
    ({ stdout, stderr } = await promisify(execFile)('java', ['-jar', VNU_JAR, '--format', 'json', '--errors-only', ...extraArgs, ...files], { maxBuffer: 64 << 20 }));
  } catch (err) {
    // vnu exits 1 when it found errors; its report is still on stderr.
    if (!err.stderr || !err.stderr.trim().startsWith('{')) throw err;
    ({ stdout, stderr } = err);
  }
  const report = JSON.parse(stderr.trim() || stdout.trim());
  return report.messages
    .filter((m) => m.type === 'error' || m.subType === 'fatal' || m.type === 'non-document-error')
    .map((m) => {
      const file = m.url ? decodeURIComponent(new URL(m.url).pathname) : '(vnu)';
      const page = file.startsWith(dir) ? path.relative(dir, file).split(path.sep).join('/') : file;
      return `${page}:${m.lastLine ?? '?'}: ${m.message}${m.extract ? `\n    ${m.extract.replace(/\s+/g, ' ').trim()}` : ''}`;
    });
}

/** Problems shown in a failure message; the rest are counted. */
const SHOWN_PROBLEMS = 40;

/**
 * Fails with the first problems and their total when there are any. A plain
 * deepEqual of thousands of lines would make the runner's diff crawl.
 */
export function assertNoProblems(problems, heading = 'problems') {
  if (problems.length === 0) return;
  const shown = problems.slice(0, SHOWN_PROBLEMS).join('\n');
  const rest = problems.length > SHOWN_PROBLEMS ? `\n… and ${problems.length - SHOWN_PROBLEMS} more` : '';
  throw new Error(`${heading} (${problems.length}):\n${shown}${rest}`);
}

/**
 * WCAG 2.4.11 (focus not obscured): the focused element must not be entirely
 * hidden by something drawn over it, such as a sticky header or column. Hit
 * tests its centre and corners; `null` when some part of it is on top.
 */
export function obscuredFocus(page, name) {
  return page.evaluate((name) => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const points = [];
    for (const r of el.getClientRects()) {
      const inset = Math.min(2, r.width / 4, r.height / 4);
      points.push(
        [(r.left + r.right) / 2, (r.top + r.bottom) / 2],
        [r.left + inset, r.top + inset],
        [r.right - inset, r.top + inset],
        [r.left + inset, r.bottom - inset],
        [r.right - inset, r.bottom - inset],
      );
    }
    const onScreen = points.filter(([x, y]) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight);
    if (onScreen.length === 0) return `${name}: the focused element is off screen`;
    const covers = onScreen.map(([x, y]) => document.elementFromPoint(x, y));
    if (covers.some((hit) => hit && (hit === el || el.contains(hit)))) return null;
    const what = (e) => (e ? `<${e.tagName.toLowerCase()}${e.id ? ` id="${e.id}"` : ''}${e.className && typeof e.className === 'string' ? ` class="${e.className}"` : ''}>` : 'nothing');
    const label = (el.textContent || el.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 50);
    return `${name}: ${what(el)} "${label}" has focus but is hidden under ${what(covers.find(Boolean))} (WCAG 2.4.11)`;
  }, name);
}

/**
 * Tabs through `page` from the top (at most `limit` steps, until focus comes
 * back to the first element) and returns a problem for every stop whose focus
 * indicator is missing or whose element is hidden under something else.
 */
export async function tabThrough(page, name, limit = 400) {
  const problems = [];
  let first = null;
  await page.evaluate(() => { document.activeElement?.blur(); window.scrollTo(0, 0); });
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      el.dataset.kbTab ??= String(Math.random());
      return el.dataset.kbTab;
    });
    if (id === null || id === first) break;
    first ??= id;
    const stop = `${name}, Tab ${i}`;
    const ring = focusProblem(stop, await focusState(page));
    if (ring) problems.push(ring);
    const hidden = await obscuredFocus(page, stop);
    if (hidden) problems.push(hidden);
  }
  return problems;
}
