// Builds the sites the browser suite runs against: the bundled knowledge base
// (or the one named by KB_SITE) and small fixture sites with deliberate faults.
// It owns paths (repository, binary, artifacts); serving and browsing live elsewhere.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where screenshots, PDFs and reports go, for a person to look at. */
export const artifactsDir = process.env.KB_ARTIFACTS || path.join(repoRoot, 'target', 'e2e');

export function artifact(name) {
  fs.mkdirSync(artifactsDir, { recursive: true });
  return path.join(artifactsDir, name);
}

/**
 * A screenshot for a person to look at, in target/e2e/; with
 * KB_SCREENSHOTS=docs also the README's copy in docs/screenshots/.
 */
export async function screenshot(page, name) {
  await page.screenshot({ path: artifact(name), fullPage: false });
  if (process.env.KB_SCREENSHOTS === 'docs') {
    const dir = path.join(repoRoot, 'docs', 'screenshots');
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(artifact(name), path.join(dir, name));
  }
}

function kennisbankBin() {
  const bin = process.env.KB_BIN || path.join(repoRoot, 'target', 'debug', 'kennisbank');
  if (!fs.existsSync(bin)) {
    throw new Error(`kennisbank binary not found at ${bin}: run \`cargo build\` first or set KB_BIN`);
  }
  return bin;
}

const temporary = [];
process.on('exit', () => {
  for (const dir of temporary) fs.rmSync(dir, { recursive: true, force: true });
});

/** A fresh directory, removed when the test process ends. */
function tempDir(prefix) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** Builds the site at `root` into a fresh directory and returns that directory. */
function build(root) {
  const out = path.join(tempDir('kb-e2e-out-'), 'public');
  try {
    execFileSync(kennisbankBin(), ['build', '--root', root, '--output', out], { stdio: 'pipe' });
  } catch (err) {
    throw new Error(`kennisbank build --root ${root} failed:\n${err.stderr}`);
  }
  return out;
}

let bundled;

/** The built bundled knowledge base: KB_SITE when set, else built once per process. */
export function bundledSite() {
  bundled ??= process.env.KB_SITE || build(repoRoot);
  return bundled;
}

/**
 * Builds `tests/fixtures/NAME` with the default theme. Files the fixture has
 * under `themes/default/` replace the theme's own, so a fixture can carry a
 * deliberately broken template.
 */
export function fixtureSite(name) {
  const root = tempDir(`kb-e2e-${name}-`);
  fs.cpSync(path.join(repoRoot, 'themes', 'default'), path.join(root, 'themes', 'default'), { recursive: true });
  fs.cpSync(path.join(repoRoot, 'tests', 'fixtures', name), root, { recursive: true });
  return build(root);
}

/** Every HTML page under `dir`, as sorted paths relative to it with '/' separators. */
export function htmlPages(dir) {
  return fs.readdirSync(dir, { recursive: true })
    .map((p) => p.split(path.sep).join('/'))
    .filter((p) => p.endsWith('.html'))
    .sort();
}

/**
 * One page of every distinct template: the home page, the 404 page, and per
 * top-level folder (one per kind, plus the comparison pages) its index page and
 * its largest page, the one that exercises most of the template; plus `extra`.
 */
export function templatePages(dir, extra = []) {
  const pages = htmlPages(dir);
  const chosen = new Set(['index.html', '404.html']);
  const folders = [...new Set(pages.filter((p) => p.includes('/')).map((p) => p.split('/')[0]))];
  for (const folder of folders) {
    const inFolder = pages.filter((p) => p.startsWith(`${folder}/`));
    if (inFolder.includes(`${folder}/index.html`)) chosen.add(`${folder}/index.html`);
    const documents = inFolder.filter((p) => !p.endsWith('/index.html'));
    const size = (p) => fs.statSync(path.join(dir, p)).size;
    const largest = documents.reduce((a, b) => (size(b) > size(a) ? b : a), documents[0]);
    if (largest) chosen.add(largest);
  }
  for (const p of extra) if (pages.includes(p)) chosen.add(p);
  return [...chosen].filter((p) => pages.includes(p)).sort();
}

/**
 * `tests/fixtures/raw-html` in a fresh directory with the theme's static files
 * (and the design tokens the build writes) beside it: hand-written pages with
 * faults the build would never write.
 */
export function rawHtmlSite() {
  const dir = tempDir('kb-e2e-raw-');
  fs.cpSync(path.join(repoRoot, 'tests', 'fixtures', 'raw-html'), dir, { recursive: true });
  fs.cpSync(path.join(repoRoot, 'themes', 'default', 'static'), path.join(dir, 'static'), { recursive: true });
  fs.copyFileSync(path.join(bundledSite(), 'static', 'tokens.css'), path.join(dir, 'static', 'tokens.css'));
  return dir;
}

/**
 * The bundled knowledge base built with `tokens` (a file of `[theme.tokens]`,
 * such as `docs/styles/gemeente.toml`) in place of its own house style.
 */
export function styledSite(tokens) {
  const root = tempDir('kb-e2e-style-');
  for (const part of ['content', 'themes']) {
    fs.cpSync(path.join(repoRoot, part), path.join(root, part), { recursive: true });
  }
  const config = fs.readFileSync(path.join(repoRoot, 'site.toml'), 'utf8');
  const style = fs.readFileSync(path.resolve(repoRoot, tokens), 'utf8');
  if (!config.includes('\n[theme.tokens]\n')) throw new Error('site.toml has no [theme.tokens] table to replace');
  // The site's own (empty or not) [theme.tokens] table gives way to the example's.
  fs.writeFileSync(path.join(root, 'site.toml'), config.replace(/\n\[theme\.tokens\]\n(?:[^\[#\n].*\n|\n)*/, `\n${style.trim()}\n\n`));
  return build(root);
}

/**
 * The bundled knowledge base built with `[site] listing_page_size = size`, so
 * that its listings come in pages.
 */
export function pagedSite(size) {
  const root = tempDir('kb-e2e-paged-');
  for (const part of ['content', 'themes']) {
    fs.cpSync(path.join(repoRoot, part), path.join(root, part), { recursive: true });
  }
  const config = fs.readFileSync(path.join(repoRoot, 'site.toml'), 'utf8');
  if (!/^\[site\]$/m.test(config)) throw new Error('site.toml has no [site] table');
  fs.writeFileSync(path.join(root, 'site.toml'), config.replace(/^\[site\]$/m, `[site]\nlisting_page_size = ${size}`));
  return build(root);
}
