// Every generated page, and the theme's stylesheet, through the Nu Html
// Checker in one JVM run: zero errors.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { vnuProblems, assertNoProblems } from './lib/checks.mjs';
import { bundledSite, htmlPages } from './lib/site.mjs';

test('every page of the bundled site and its stylesheet are valid (Nu Html Checker)', { timeout: 300_000 }, async (t) => {
  const dir = bundledSite();
  const pages = htmlPages(dir);
  assert.ok(pages.length > 100, `expected the whole bundled site, found ${pages.length} pages`);
  const styles = fs.readdirSync(path.join(dir, 'static')).filter((f) => f.endsWith('.css')).map((f) => `static/${f}`);
  assert.ok(styles.length > 0, 'the theme has a stylesheet');
  const problems = await vnuProblems(dir, [...pages, ...styles], ['--also-check-css']);
  t.diagnostic(`${pages.length} pages and ${styles.length} stylesheet(s) checked, ${problems.length} errors`);
  assertNoProblems(problems, 'the Nu Html Checker found errors');
});
