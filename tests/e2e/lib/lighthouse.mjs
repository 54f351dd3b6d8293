// Lighthouse (npm `lighthouse`) on Debian's Chromium, launched by chrome-launcher
// with the same flags as the rest of the suite: nothing is downloaded. Each run
// has its own time limit and its own browser, which is always killed after.

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM } from './browser.mjs';

export const CATEGORIES = ['accessibility', 'best-practices', 'seo'];

const FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Runs Lighthouse on `url` with `categories` and returns its report (lhr).
 * `desktop` uses Lighthouse's desktop preset; otherwise its default (a phone).
 * A run longer than `limitMs` is stopped and fails. When the browser it
 * started cannot be reached (refused or reset connection: the browser died
 * on a busy machine, nothing about the page), it starts a fresh one, once.
 */
export async function lighthouseReport(url, options = {}) {
  try {
    return await runOnce(url, options);
  } catch (err) {
    if (!/ECONNREFUSED|ECONNRESET/.test(String(err?.code || err?.message))) throw err;
    process.stderr.write(`Lighthouse could not reach its browser (${err.message}); starting a fresh one\n`);
    return runOnce(url, options);
  }
}

async function runOnce(url, { categories = CATEGORIES, desktop = false, limitMs = 180_000 } = {}) {
  const chrome = await chromeLauncher.launch({ chromePath: CHROMIUM, chromeFlags: FLAGS, logLevel: 'silent' });
  let timer;
  try {
    const settings = { onlyCategories: categories, output: 'json', logLevel: 'error' };
    const config = desktop
      ? { extends: 'lighthouse:default', settings: { ...settings, formFactor: 'desktop', screenEmulation: { mobile: false, width: 1350, height: 940, deviceScaleFactor: 1, disabled: false }, throttling: { rttMs: 40, throughputKbps: 10240, cpuSlowdownMultiplier: 1, requestLatencyMs: 0, downloadThroughputKbps: 0, uploadThroughputKbps: 0 } } }
      : undefined;
    const run = lighthouse(url, { port: chrome.port, ...settings }, config);
    // Once the time limit has won the race, the run's own end is of no interest.
    run.catch(() => {});
    const limit = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`Lighthouse on ${url} ran longer than ${limitMs / 1000} s and was stopped`)), limitMs);
    });
    const result = await Promise.race([run, limit]);
    if (!result?.lhr) throw new Error(`Lighthouse on ${url} returned no report`);
    if (result.lhr.runtimeError) throw new Error(`Lighthouse on ${url}: ${result.lhr.runtimeError.code}: ${result.lhr.runtimeError.message}`);
    return result.lhr;
  } finally {
    clearTimeout(timer);
    await chrome.kill();
  }
}

/**
 * Every category below 100 as problem lines naming the page, the score and
 * each audit that cost points (with the first elements it names).
 */
export function lighthouseProblems(lhr, name) {
  const problems = [];
  for (const [id, category] of Object.entries(lhr.categories)) {
    if (category.score === 1) continue;
    const failing = category.auditRefs
      .map((ref) => lhr.audits[ref.id])
      .filter((a) => a && a.score !== null && a.score < 1 && !['notApplicable', 'manual', 'informative'].includes(a.scoreDisplayMode));
    const lines = failing.map((a) => {
      const items = (a.details?.items || [])
        .slice(0, 3)
        .map((item) => item.node?.snippet || item.node?.selector || item.source?.url || item.url || item.description || '')
        .filter(Boolean);
      return `    ${a.id}: ${a.title}${items.length ? ` (${items.join('; ')})` : ''}`;
    });
    problems.push(`${name}: Lighthouse ${id} ${Math.round(category.score * 100)}\n${lines.join('\n')}`);
  }
  return problems;
}
