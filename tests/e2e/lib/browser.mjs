// Debian's Chromium, driven by playwright-core (which never downloads a browser
// of its own), and a browsing session that records what every page does: each
// request it makes, each Content-Security-Policy violation, each script error.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

export const CHROMIUM = process.env.KB_CHROMIUM || '/usr/bin/chromium';

// Without the background-networking flags Chromium phones home at start-up,
// which a closed network refuses (and which would count as external requests).
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium with a fresh profile (playwright makes a new user-data-dir). */
export function launch() {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/**
 * The same built site reached two ways: over HTTP from a loopback server that
 * sends `Content-Security-Policy: default-src 'self'`, or straight from disk.
 */
export async function openSite(dir, mode) {
  const root = path.resolve(dir);
  if (mode === 'http') {
    const server = await serve(root);
    return {
      mode,
      dir: root,
      url: server.url,
      rel: (url) => decodeURI(new URL(url).pathname).replace(/^\//, ''),
      isLocal: (url) => new URL(url).origin === server.origin,
      close: server.close,
    };
  }
  const base = pathToFileURL(root + path.sep).href;
  return {
    mode,
    dir: root,
    url: (rel) => new URL(rel, base).href,
    rel: (url) => (url.startsWith(base) ? decodeURI(url.slice(base.length)) : url),
    isLocal: (url) => url.startsWith(base),
    close: async () => {},
  };
}

const HARMLESS = /^(data|blob|about):/;

/**
 * A browser context on `site` that records every request (and blocks any to
 * another host), every CSP violation, console error, page error and dialog.
 * `problems()` lists them as "page: problem" lines.
 */
export async function session(browser, site, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const log = { requests: [], external: [], csp: [], console: [], errors: [], dialogs: [] };
  const pageOf = (frameUrl) => (frameUrl ? site.rel(frameUrl) : '(unknown page)');

  context.on('request', (req) => {
    const url = req.url();
    let from;
    try {
      from = req.frame().url();
    } catch {
      from = '';
    }
    log.requests.push({ page: pageOf(from), url });
    if (!site.isLocal(url) && !HARMLESS.test(url)) log.external.push({ page: pageOf(from), url });
  });
  // Nothing may leave the machine, even if a page asks: block, after recording.
  await context.route((url) => !site.isLocal(url.href) && !HARMLESS.test(url.href), (route) => route.abort('blockedbyclient'));

  await context.exposeBinding('__kbReportViolation', ({ frame }, v) => {
    log.csp.push({ page: pageOf(frame.url()), ...v });
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__kbReportViolation({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        sample: e.sample,
        line: e.lineNumber,
      });
    });
  });

  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() === 'error') log.console.push({ page: pageOf(page.url()), text: msg.text() });
    });
    page.on('pageerror', (err) => log.errors.push({ page: pageOf(page.url()), text: String(err) }));
    page.on('dialog', (dialog) => {
      log.dialogs.push({ page: pageOf(page.url()), text: dialog.message() });
      dialog.dismiss().catch(() => {});
    });
  };
  context.on('page', watch);

  return {
    context,
    log,
    newPage: () => context.newPage(),
    /** Opens `rel` in a new page and waits until it and its scripts have loaded. */
    async open(rel) {
      const page = await context.newPage();
      await page.goto(site.url(rel), { waitUntil: 'load' });
      return page;
    },
    problems() {
      return [
        ...log.external.map((r) => `${r.page}: request outside the site (${site.mode === 'http' ? 'another host' : 'not under the site folder'}): ${r.url}`),
        ...log.csp.map((v) => `${v.page}: Content-Security-Policy violation: ${v.directive} blocked ${v.blocked || 'inline code'}${v.sample ? ` (${v.sample})` : ''}`),
        ...log.errors.map((e) => `${e.page}: script error: ${e.text}`),
        ...log.dialogs.map((d) => `${d.page}: opened a dialog: ${d.text}`),
        // A blocked request is already reported above, with its address.
        ...log.console.filter((c) => !c.text.includes('ERR_BLOCKED_BY_CLIENT')).map((c) => `${c.page}: console error: ${c.text}`),
      ];
    },
    close: () => context.close(),
  };
}
