/*
 * Kennisbank contribution forms: the browser's copy of the rules that
 * `kennisbank check` applies to a new document, so a form on the static site
 * gives the same verdicts and the same messages (tests/contribute/vectors.json
 * keeps the two equal). It mirrors, in order:
 *   src/contribute/submission.rs  form pairs -> front-matter values, in
 *                                 contribute-submission.js
 *   src/contribute/patch/emit.rs  values -> the file's text (the canonical style)
 *   src/contribute/validate.rs    slug rules, then check's own checks: those of
 *                                 src/schema.rs, document.rs and site.rs are in
 *                                 contribute-rules.js, those of the text
 *                                 (controls.rs, markdown/, anchors.rs) in
 *                                 contribute-body.js. Load the three first.
 *
 * The schema is a classic script the build exports (bijdragen/schema-HASH.js)
 * that calls kennisbankContribute(name, data), so it loads from file:// too.
 * Under Node: require() this file and pass the data yourself. No dependencies.
 */
(function (root) {
  'use strict';

  // ---------------------------------------------------------------- loading
  var loaded = {};
  var waiting = {};
  root.kennisbankContribute = function (name, data) {
    loaded[name] = data;
    (waiting[name] || []).forEach(function (resolve) { resolve(data); });
    delete waiting[name];
  };

  /** Data a script delivered, or a promise of it (inserting the script). */
  function load(name, url) {
    if (loaded[name]) return Promise.resolve(loaded[name]);
    return new Promise(function (resolve, reject) {
      (waiting[name] = waiting[name] || []).push(resolve);
      var s = document.createElement('script');
      s.src = url;
      s.async = true;
      s.onerror = function () { reject(new Error('kan ' + url + ' niet laden')); };
      s.onload = function () { s.remove(); };
      document.head.appendChild(s);
    });
  }

  // ---------------------------------------------------------------- the other parts
  var node = typeof module === 'object' && module.exports;
  var rules = node ? require('./contribute-rules.js') : root.KennisbankContributeRules;
  var bodyRules = node ? require('./contribute-body.js') : root.KennisbankContributeBody;
  var submission = node ? require('./contribute-submission.js') : root.KennisbankContributeSubmission;
  /** The format of the exported schema these scripts read (contribute::export). */
  var FORMAT_VERSION = 2;
  var trim = rules.trim;
  var utf8Length = rules.utf8Length;
  var cmp = rules.cmp;
  var suggestSlug = rules.suggestSlug;
  var isSlug = rules.isSlug;
  var isMap = rules.isMap;
  var fieldOf = rules.fieldOf;
  var toSubmission = submission.toSubmission;
  var BUILT_IN = submission.BUILT_IN;
  var MAX_FILE_BYTES = 8 * 1024 * 1024;

  // ---------------------------------------------------------------- values -> file text (patch/emit.rs)
  // The canonical style of the crate's one YAML writer, which a new document
  // is written in: plain lowercase words, double-quoted text, `|` for several
  // lines, `[a, b]` for short lists, block maps.
  var RESERVED = ['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n'];
  var FLOW_WIDTH = 72;

  function canonicalPlain(s) {
    return /^[a-z][a-z0-9_-]*$/.test(s) && RESERVED.indexOf(s) < 0;
  }

  function printable(n) {
    return ((n >= 0x20 && n <= 0x7e) || (n >= 0xa0 && n <= 0xd7ff) || (n >= 0xe000 && n <= 0xfffd) || n >= 0x10000) &&
      n !== 0xfeff && n !== 0x2028 && n !== 0x2029;
  }

  function hex(n, width) { return n.toString(16).toUpperCase().padStart(width, '0'); }

  var ESCAPES = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\t': '\\t', '\r': '\\r', '\0': '\\0',
    '\u001b': '\\e', '\u0085': '\\N', '\u2028': '\\L', '\u2029': '\\P' };

  function double(s) {
    var out = '"';
    for (var c of s) {
      var n = c.codePointAt(0);
      if (ESCAPES[c]) out += ESCAPES[c];
      else if (printable(n)) out += c;
      else if (n <= 0xff) out += '\\x' + hex(n, 2);
      else if (n <= 0xffff) out += '\\u' + hex(n, 4);
      else out += '\\U' + hex(n, 8);
    }
    return out + '"';
  }

  function literalOk(s) {
    var text = s.replace(/\n+$/, '');
    if (!text) return false;
    for (var c of s) if (c !== '\n' && !printable(c.codePointAt(0))) return false;
    return !text.split('\n').some(function (l) { return l !== '' && trim(l) === ''; });
  }

  /** 'literal', 'plain' or 'double' (string_style without a wanted style). */
  function stringStyle(s, flow) {
    if (s.indexOf('\n') >= 0 && !flow && literalOk(s)) return 'literal';
    return canonicalPlain(s) ? 'plain' : 'double';
  }

  function quote(s, flow) {
    return stringStyle(s, flow) === 'plain' ? s : double(s);
  }

  function yamlKey(k) { return canonicalPlain(k) ? k : double(k); }

  function flowValue(v) {
    if (v === null) return 'null';
    if (typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
    if (typeof v === 'string') return quote(v, true);
    if (Array.isArray(v)) return '[' + v.map(flowValue).join(', ') + ']';
    return '{' + v.map.map(function (kv) { return flowValue(kv[0]) + ': ' + flowValue(kv[1]); }).join(', ') + '}';
  }

  function blockScalar(s, keyCol, indent) {
    var text = s.replace(/\n+$/, '');
    var trailing = s.length - text.length;
    var header = '|';
    if (text.replace(/^\n+/, '').startsWith(' ')) header += String(indent - keyCol);
    header += trailing === 0 ? '-' : trailing === 1 ? '' : '+';
    var pad = ' '.repeat(indent);
    var below = text.split('\n').map(function (l) { return l ? pad + l : ''; });
    for (var i = 1; i < trailing; i++) below.push('');
    return { inline: header, below: below };
  }

  /** A value for a key at column keyCol: { inline: text or null, below: [lines] }. */
  function emitValue(v, keyCol) {
    var indent = keyCol + 2;
    if (v === null) return { inline: null, below: [] };
    if (typeof v === 'string') {
      return stringStyle(v, false) === 'literal' ? blockScalar(v, keyCol, indent) : { inline: quote(v, false), below: [] };
    }
    if (Array.isArray(v)) {
      var scalarsOnly = v.every(function (x) { return !Array.isArray(x) && !isMap(x); });
      var flow = flowValue(v);
      if (!v.length || (scalarsOnly && utf8Length(flow) <= FLOW_WIDTH)) return { inline: flow, below: [] };
      return { inline: null, below: v.map(function (x) {
        return ' '.repeat(indent) + '- ' + (typeof x === 'string' ? quote(x, false) : flowValue(x));
      }) };
    }
    if (isMap(v)) {
      if (!v.map.length) return { inline: '{}', below: [] };
      var below = [];
      v.map.forEach(function (kv) {
        var key = typeof kv[0] === 'string' ? yamlKey(kv[0]) : flowValue(kv[0]);
        var inner = emitValue(kv[1], indent);
        below.push(' '.repeat(indent) + key + ':' + (inner.inline !== null ? ' ' + inner.inline : ''));
        below = below.concat(inner.below);
      });
      return { inline: null, below: below };
    }
    return { inline: flowValue(v), below: [] };
  }

  function fieldLines(key, v) {
    var e = emitValue(v, 0);
    var out = yamlKey(key) + ':' + (e.inline !== null ? ' ' + e.inline : '') + '\n';
    e.below.forEach(function (l) { out += l + '\n'; });
    return out;
  }

  function documentText(sub) {
    var out = '---\n';
    sub.frontMatter.forEach(function (kv) { out += fieldLines(kv[0], kv[1]); });
    out += '---\n';
    if (sub.body) out += '\n' + sub.body;
    return out;
  }
  // ---------------------------------------------------------------- the site's documents
  /**
   * The documents ({slug, kind, display, rel, linkable, title}) and, by slug,
   * the page ([title, id, ...]) of the first document with that slug, if it
   * has one (Catalog::find); `pages` follows the order of `documents`.
   */
  function catalog(schema) {
    if (schema._catalog) return schema._catalog;
    var pages = new Map();
    var entries = schema.documents.map(function (d, i) {
      var path = d[2] || 'content/' + schema.folders[d[1]] + '/' + d[0] + '.md';
      var page = schema.pages[i] || null;
      if (!pages.has(d[0])) pages.set(d[0], page);
      return { slug: d[0], kind: d[1], display: path, rel: path.slice('content/'.length), linkable: d[3] !== 0, title: page ? page[0] : d[0] };
    });
    var value = { entries: entries, pages: pages };
    Object.defineProperty(schema, '_catalog', { value: value, enumerable: false });
    return value;
  }

  /** What links may point to (catalog::link_index), with the new document. */
  function linkIndex(schema, extra) {
    var bySlug = new Map();
    var byRel = new Map();
    var titles = new Map();
    var known = catalog(schema);
    known.entries.filter(function (e) { return e.linkable; }).concat([extra]).forEach(function (e) {
      if (bySlug.has(e.slug)) return;
      bySlug.set(e.slug, e.kind);
      byRel.set(e.rel, e.slug);
      titles.set(e.slug, e.title);
    });
    return { bySlug: bySlug, byRel: byRel, titles: titles, assets: new Set(schema.assets || []),
      pages: known.pages, reserved: schema.reserved_ids };
  }

  /**
   * An error as validate::attach places it: by the line `check` gives, which
   * for a key written with escapes (`"a\u0007"`) is the first line
   * (frontmatter::key_position finds keys by their text), so the first key's.
   */
  function foundByLine(sub, e) {
    var kv = sub.frontMatter.find(function (x) { return x[0] === e.field; });
    if (!kv) return e;
    var written = fieldLines(kv[0], kv[1]);
    var found = [kv[0], '"' + kv[0] + '"'].some(function (k) { return /^[ \t]*:/.test(written.slice(k.length)) && written.startsWith(k); });
    return found ? e : { field: sub.frontMatter[0][0], message: e.message, hint: e.hint };
  }

  /** A character that front matter may not hold as written (frontmatter::parse), by key. */
  function rawInFrontMatter(sub) {
    var found = null;
    sub.frontMatter.some(function (kv) {
      var c = rules.findChar(fieldLines(kv[0], kv[1]), rules.isForbidden);
      if (c !== null) found = { field: rules.blank(kv[0]), message: rules.describeChar(c) + ' in front matter', hint: rules.CONTROL_HINT };
      return c !== null;
    });
    return found;
  }

  // ---------------------------------------------------------------- validation (validate.rs)
  function slugErrors(schema, slug, hasTitle) {
    if (slug === '' && !hasTitle) return [];
    if (!isSlug(slug)) {
      return [{ field: 'slug', message: "file name '" + slug + "' is not a valid slug",
        hint: "use lowercase letters, digits and hyphens, e.g. '" + suggestSlug(slug) + ".md'" }];
    }
    var other = catalog(schema).entries.find(function (e) { return e.slug === slug; });
    return other ? [{ field: 'slug', message: "duplicate slug '" + slug + "': " + other.display + ' has it too',
      hint: 'slugs are unique across the whole site; rename one of the files' }] : [];
  }

  function position(kind, sub, field) {
    var builtin = ['title', 'slug', 'summary', 'draft'].indexOf(field);
    if (builtin >= 0) return builtin;
    var i = kind.fields.findIndex(function (f) { return f.name === field; });
    if (i >= 0) return 4 + i;
    if (field === 'body') return Infinity;
    var others = sub.frontMatter.filter(function (kv) { return BUILT_IN.indexOf(kv[0]) < 0 && !fieldOf(kind, kv[0]); });
    var j = others.findIndex(function (kv) { return kv[0] === field; });
    return 4 + kind.fields.length + (j < 0 ? others.length : j);
  }

  /** Every problem `check` would report for this new document, by field. */
  function validateNew(schema, kindName, sub) {
    var kind = schema.kinds[kindName];
    var slug = sub.slug || '';
    var hasTitle = sub.frontMatter.some(function (kv) { return kv[0] === 'title' && typeof kv[1] === 'string'; });
    var errors = slugErrors(schema, slug, hasTitle);
    var text = documentText(sub);
    var size = utf8Length(text);
    if (size > MAX_FILE_BYTES) {
      errors.push({ field: 'body', message: 'file is ' + size + ' bytes, more than the limit of ' + MAX_FILE_BYTES, hint: 'split it into several documents' });
    } else if (text.indexOf('\u0000') >= 0) {
      errors.push({ field: 'body', message: 'binary file, not Markdown text', hint: 'only UTF-8 Markdown files may end in .md' });
    } else {
      // As check: a file whose front matter has errors is not a page, but its
      // body is checked, and its valid references unless it is a draft.
      var raw = rawInFrontMatter(sub);
      var valid = [];
      var fm = raw ? [raw] : rules.frontMatterErrors(schema, kindName, sub, valid);
      var page = fm.length === 0;
      var draft = !raw && sub.frontMatter.some(function (kv) { return kv[0] === 'draft' && kv[1] === true; });
      errors = errors.concat(fm.map(function (e) { return foundByLine(sub, e); }));
      if (!page || !draft) {
        var title = sub.frontMatter.find(function (kv) { return kv[0] === 'title'; });
        title = page ? trim(title[1]) : '';
        var rel = kind.folder + '/' + slug + '.md';
        var index = linkIndex(schema, { slug: slug, kind: kindName, rel: rel, title: title });
        errors = errors.concat(rules.refErrors(draft ? [] : valid, index),
          bodyRules.bodyErrors(sub.body, index, kind.folder, { slug: slug, title: title, page: page }));
      }
    }
    var keyed = errors.map(function (e, i) { return { e: e, i: i, p: position(kind, sub, e.field) }; });
    keyed.sort(function (a, b) { return a.p - b.p || a.i - b.i; });
    return keyed.map(function (k) { return k.e; });
  }

  /** The new document of the compared kind, continuing `previous` (continuation.rs). */
  function continuation(schema, previous, subject, round) {
    var compare = schema.compare;
    var best = null;
    previous.documents.forEach(function (d) {
      if (d.subject !== subject || !(BigInt(d.round) < round)) return;
      if (!best || d.round > best.round || (d.round === best.round && cmp(d.slug, best.slug) > 0)) best = d;
    });
    if (!best) return null;
    var pairs = best.values.map(function (p) { return p.slice(); });
    var set = function (name, value) {
      var first = pairs.findIndex(function (p) { return p[0] === name; });
      pairs = pairs.filter(function (p, i) { return p[0] !== name || i === first; });
      if (first >= 0) pairs[first][1] = value;
      else pairs.push([name, value]);
    };
    var title = (pairs.find(function (p) { return p[0] === 'title'; }) || ['', ''])[1];
    set('title', title.split(String(best.round)).join(round.toString()));
    set('slug', subject + '-' + round);
    set(compare.round, round.toString());
    if (compare.date_field) set(compare.date_field, round.toString());
    set('body', 'Wat is er veranderd sinds [[' + best.slug + ']]?\n');
    return { from: best.slug, pairs: pairs };
  }

  /** The forge's "new file" address for the file, or null (config [contribute]). */
  function newFileUrl(schema, folder, filename, text) {
    var url = schema.new_file_url;
    if (!url) return null;
    return url.split('{folder}').join(folder.split('/').map(encodeURIComponent).join('/'))
      .split('{filename}').join(encodeURIComponent(filename))
      .split('{content}').join(encodeURIComponent(text));
  }

  var api = {
    FORMAT_VERSION: FORMAT_VERSION, load: load, loaded: loaded, toSubmission: toSubmission, documentText: documentText,
    fieldLines: fieldLines, validateNew: validateNew, suggestSlug: suggestSlug, continuation: continuation,
    newFileUrl: newFileUrl,
  };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.KennisbankContribute = api;
  }
})(typeof self !== 'undefined' ? self : this);
