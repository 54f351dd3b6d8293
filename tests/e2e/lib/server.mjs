// A tiny static file server on loopback for the browser tests, with the strict
// Content-Security-Policy a locked-down office network would set. It serves a
// built site as any static host would; the site itself is built elsewhere.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export const CSP = "default-src 'self'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
};

function resolve(root, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath.split(/[?#]/)[0]);
  } catch {
    return null;
  }
  const file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  if (fs.existsSync(file) && fs.statSync(file).isDirectory()) return path.join(file, 'index.html');
  return file;
}

/** Serves `dir` on 127.0.0.1 (a free port). Returns { origin, url(rel), close() }. */
export async function serve(dir, { csp = CSP } = {}) {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const file = resolve(root, req.url);
    const found = file && fs.existsSync(file) && fs.statSync(file).isFile();
    const sent = found ? file : path.join(root, '404.html');
    const headers = {
      'Content-Type': TYPES[path.extname(sent)] || 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    };
    if (csp) headers['Content-Security-Policy'] = csp;
    res.writeHead(found ? 200 : 404, headers);
    fs.createReadStream(sent).on('error', () => res.end()).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    origin,
    url: (rel) => `${origin}/${rel}`,
    close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }),
  };
}
