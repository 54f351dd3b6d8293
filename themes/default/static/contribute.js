/*
 * Kennisbank contribution forms: the browser's copy of the rules that
 * `kennisbank check` applies to a new document, so a form on the static site
 * gives the same verdicts and the same messages (tests/contribute/vectors.json
 * keeps the two equal). It mirrors, in order:
 *   src/contribute/submission.rs  form pairs -> front-matter values
 *   src/contribute/patch/emit.rs  values -> the file's text (the canonical style)
 *   src/contribute/validate.rs    slug rules, then check's own checks: those of
 *                                 src/schema.rs, document.rs and site.rs are in
 *                                 contribute-rules.js (load it first), those of
 *                                 src/markdown.rs for the text are here.
 * Body links are found with a small scanner, not a full Markdown parser: on
 * unusual Markdown `kennisbank check` stays the final word.
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

  // ---------------------------------------------------------------- the rules (contribute-rules.js)
  var rules = typeof module === 'object' && module.exports ? require('./contribute-rules.js') : root.KennisbankContributeRules;
  var trim = rules.trim;
  var trimStart = rules.trimStart;
  var trimEnd = rules.trimEnd;
  var wellFormed = rules.wellFormed;
  var utf8Length = rules.utf8Length;
  var cmp = rules.cmp;
  var closest = rules.closest;
  var suggestSlug = rules.suggestSlug;
  var isSlug = rules.isSlug;
  var parseI64 = rules.parseI64;
  var isMap = rules.isMap;
  var fieldOf = rules.fieldOf;
  var BUILT_IN = ['slug', 'title', 'summary', 'draft', 'body'];
  var MAX_FILE_BYTES = 8 * 1024 * 1024;

  // ---------------------------------------------------------------- form pairs -> values
  function all(pairs, name) {
    return pairs.filter(function (p) { return p[0] === name; }).map(function (p) { return p[1]; });
  }
  function line(s) { return trim(s); }
  function newlines(s) { return s.replace(/\r\n/g, '\n').replace(/\r/g, '\n'); }
  function text(s) { return trim(newlines(s)); }

  function body(s) {
    s = trimEnd(newlines(s));
    var lead = s.length - trimStart(s).length;
    var nl = s.slice(0, lead).lastIndexOf('\n');
    s = s.slice(nl + 1);
    return s ? s + '\n' : '';
  }

  function scalars(items, make) {
    var list = items.filter(function (s) { return s !== ''; }).map(make);
    if (list.length === 0) return undefined;
    return list.length === 1 ? list[0] : list;
  }
  function asText(s) { return s; }

  function numberOrText(s) {
    var n = parseI64(s);
    return n === null ? s : n;
  }
  function draftValue(s) {
    return s === 'true' ? true : s === 'false' ? false : s;
  }
  function cellValue(s) {
    s = line(s);
    return s === '' ? null : numberOrText(s);
  }


  function isCell(kind, name) {
    var dot = name.indexOf('.');
    if (dot < 0) return false;
    var f = fieldOf(kind, name.slice(0, dot));
    return !!f && (f.type === 'distribution' || f.type === 'count_map');
  }

  function cells(name, pairs) {
    var prefix = name + '.';
    return pairs.filter(function (p) { return p[0].startsWith(prefix); })
      .map(function (p) { return [p[0].slice(prefix.length), p[1]]; });
  }

  function sortedUnique(list) {
    var out = list.slice().sort(cmp);
    return out.filter(function (x, i) { return i === 0 || out[i - 1] !== x; });
  }

  function distribution(field, pairs) {
    var given = [];
    cells(field.name, pairs).forEach(function (c) {
      var dot = c[0].lastIndexOf('.');
      if (dot >= 0) given.push([c[0].slice(0, dot), c[0].slice(dot + 1), c[1]]);
    });
    function cell(row, point) {
      var g = given.find(function (x) { return x[0] === row && x[1] === point; });
      return g ? cellValue(g[2]) : null;
    }
    var map = [];
    field.rows.forEach(function (r) {
      var counts = [];
      for (var p = BigInt(r[1]); p <= BigInt(r[2]); p++) counts.push(cell(r[0], p.toString()));
      if (counts.some(function (c) { return c !== null; })) map.push([r[0], counts]);
    });
    var known = field.rows.map(function (r) { return r[0]; });
    sortedUnique(given.map(function (g) { return g[0]; }).filter(function (r) { return known.indexOf(r) < 0; }))
      .forEach(function (row) {
        var points = given.filter(function (g) { return g[0] === row; })
          .map(function (g) { return [parseI64(g[1]), g[1]]; })
          .filter(function (p) { return p[0] !== null; });
        points.sort(function (a, b) { return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : cmp(a[1], b[1]); });
        var counts = points.map(function (p) { return cell(row, p[1]); });
        if (counts.some(function (c) { return c !== null; })) map.push([row, counts]);
      });
    return map.length ? { map: map } : undefined;
  }

  function countMap(field, pairs) {
    var given = cells(field.name, pairs).filter(function (c) { return trim(c[1]) !== ''; });
    var has = function (k) { return given.some(function (g) { return g[0] === k; }); };
    var keys = field.values.filter(has);
    keys = keys.concat(sortedUnique(given.map(function (g) { return g[0]; })
      .filter(function (k) { return field.values.indexOf(k) < 0; })));
    var map = keys.map(function (k) {
      return [k, cellValue(given.find(function (g) { return g[0] === k; })[1])];
    });
    return map.length ? { map: map } : undefined;
  }

  function fieldValue(field, raw, pairs) {
    switch (field.type) {
      case 'string': case 'date': case 'ref': case 'enum':
        return scalars(raw.map(line), asText);
      case 'text':
        return scalars(raw.map(text), asText);
      case 'integer': case 'scale':
        return scalars(raw.map(line), numberOrText);
      case 'string_list': case 'enum_list': case 'ref_list': case 'source_lines': {
        var items = [];
        raw.forEach(function (s) {
          s.split('\n').forEach(function (x) {
            x = line(x);
            if (x) items.push(x);
          });
        });
        return items.length ? items : undefined;
      }
      case 'distribution': {
        var v = scalars(raw.map(line), asText);
        return v !== undefined ? v : distribution(field, pairs);
      }
      case 'count_map': {
        var w = scalars(raw.map(line), asText);
        return w !== undefined ? w : countMap(field, pairs);
      }
    }
    return undefined;
  }

  /**
   * Form pairs ([[name, value], ...]) of a form of `kindName` as front matter:
   * { slug, frontMatter: [[key, value], ...], body } (submission::submission).
   */
  function toSubmission(schema, kindName, pairs, isNew) {
    var kind = schema.kinds[kindName];
    pairs = pairs.map(function (p) { return [wellFormed(p[0]), wellFormed(p[1])]; });
    var fm = [];
    function put(key, value) {
      if (value !== undefined) fm.push([key, value]);
    }
    put('title', scalars(all(pairs, 'title').map(line), asText));
    put('summary', scalars(all(pairs, 'summary').map(text), asText));
    put('draft', scalars(all(pairs, 'draft').map(line), draftValue));
    kind.fields.forEach(function (field) {
      var raw = all(pairs, field.name);
      if (raw.indexOf(schema.unknown) >= 0) put(field.name, schema.unknown);
      else put(field.name, fieldValue(field, raw, pairs));
    });
    var others = [];
    pairs.forEach(function (p) {
      var name = p[0];
      var known = name.startsWith('_') || BUILT_IN.indexOf(name) >= 0 || fieldOf(kind, name) || isCell(kind, name);
      if (!known && others.indexOf(name) < 0) others.push(name);
    });
    others.forEach(function (name) { put(name, scalars(all(pairs, name).map(line), asText)); });
    var slug;
    if (isNew) {
      var given = all(pairs, 'slug');
      slug = given.length ? line(given[0]) : '';
      if (!slug) {
        var title = fm.find(function (kv) { return kv[0] === 'title'; });
        slug = suggestSlug(title && typeof title[1] === 'string' ? title[1] : '');
      }
    }
    var bodies = all(pairs, 'body');
    return { slug: slug, frontMatter: fm, body: body(bodies.length ? bodies[0] : '') };
  }

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
  function catalog(schema) {
    if (schema._catalog) return schema._catalog;
    var entries = schema.documents.map(function (d) {
      var path = d[2] || 'content/' + schema.folders[d[1]] + '/' + d[0] + '.md';
      return { slug: d[0], kind: d[1], display: path, rel: path.slice('content/'.length), linkable: d[3] !== 0 };
    });
    Object.defineProperty(schema, '_catalog', { value: entries, enumerable: false });
    return entries;
  }

  /** What links may point to (catalog::link_index), with the new document. */
  function linkIndex(schema, extra) {
    var bySlug = new Map();
    var byRel = new Map();
    catalog(schema).filter(function (e) { return e.linkable; }).concat([extra]).forEach(function (e) {
      if (bySlug.has(e.slug)) return;
      bySlug.set(e.slug, e.kind);
      byRel.set(e.rel, e.slug);
    });
    return { bySlug: bySlug, byRel: byRel, assets: new Set(schema.assets || []) };
  }

  // ---------------------------------------------------------------- the body (markdown.rs)
  var BLOCK_TAGS = ('address article aside base basefont blockquote body caption center col colgroup dd details ' +
    'dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr ' +
    'html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary ' +
    'table tbody td tfoot th thead title tr track ul').split(' ');
  var TAG = /^<\/?[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>/;
  var AUTOLINK = /^<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>/;

  function isExternal(dest) {
    return dest.indexOf('://') >= 0 || dest.startsWith('mailto:') || dest.startsWith('tel:') || dest.startsWith('#');
  }

  /** Resolves `.` and `..` (markdown::normalize); null when it leaves content/. */
  function normalize(path) {
    var out = [];
    var parts = path.split('/');
    for (var i = 0; i < parts.length; i++) {
      var p = parts[i];
      if (p === '' || p === '.') continue;
      if (p === '..') {
        if (!out.length) return null;
        out.pop();
      } else out.push(p);
    }
    return out.join('/');
  }

  /** markdown::resolve: a target, or [message, hint]. */
  function resolve(dest, wiki, index, folder) {
    var hash = dest.indexOf('#');
    var path = hash >= 0 ? dest.slice(0, hash) : dest;
    if (wiki) {
      var slash = path.lastIndexOf('/');
      var slug = trim(slash >= 0 ? path.slice(slash + 1) : path);
      var prefix = slash >= 0 ? trim(path.slice(0, slash)) : null;
      var kind = index.bySlug.get(slug);
      if (kind !== undefined && (prefix === null || prefix === kind)) return { document: slug };
      if (kind !== undefined) {
        return { error: ['broken link [[' + dest + "]]: '" + slug + "' is a " + kind + ', not a ' + prefix,
          'write [[' + kind + '/' + slug + ']] or [[' + slug + ']]'] };
      }
      var close = closest(slug, Array.from(index.bySlug.keys()));
      return { error: ['broken link [[' + dest + "]]: no document with slug '" + slug + "'",
        close !== null ? 'did you mean [[' + close + ']]?' : 'check the slug: it is the file name without .md'] };
    }
    if (isExternal(dest)) return { external: true };
    var target = normalize(folder + '/' + path);
    if (target === null) return { error: ["broken link '" + dest + "': it leads outside content/", 'link to files inside content/'] };
    if (path.endsWith('.md')) {
      if (index.byRel.has(target)) return { document: index.byRel.get(target) };
      return { error: ["broken link '" + dest + "': content/" + target + ' does not exist', 'check the file name, or link by slug with [[slug]]'] };
    }
    if (index.assets.has(target)) return { asset: target };
    return { error: ["broken link '" + dest + "': content/" + target + ' does not exist', 'put the file in content/ or fix the path'] };
  }

  /** The body's text with code (fenced, indented, spans) blanked out, same length. */
  function withoutCode(s) {
    var lines = s.split('\n');
    var fence = null;
    var prevBlank = true;
    var out = lines.map(function (l) {
      var m = /^ {0,3}(`{3,}|~{3,})/.exec(l);
      if (fence) {
        if (m && m[1][0] === fence[0] && m[1].length >= fence.length && trim(l.slice(m[0].length)) === '') fence = null;
        return ' '.repeat(l.length);
      }
      if (m) {
        fence = m[1];
        return ' '.repeat(l.length);
      }
      var blank = trim(l) === '';
      if (prevBlank && /^( {4}|\t)/.test(l) && !blank) return ' '.repeat(l.length);
      prevBlank = blank;
      return l;
    }).join('\n');
    // Code spans: a run of backticks up to the next run of the same length.
    return out.replace(/(`+)([\s\S]*?[^`])\1(?!`)/g, function (m) { return ' '.repeat(m.length); });
  }

  /** Diagnostics of the body's links, images and raw HTML, in text order. */
  function bodyErrors(sub, index, folder) {
    var src = sub.body;
    var scan = withoutCode(src);
    var found = [];
    var add = function (at, message, hint) { found.push({ at: at, seq: found.length, message: message, hint: hint === undefined ? null : hint }); };
    var lineOf = function (at) { return src.slice(0, at).split('\n').length; };
    // Raw HTML: HTML blocks (one diagnostic per line) and inline tags; comments are allowed.
    var lines = scan.split('\n');
    var offset = 0;
    var inBlock = false;
    var lastHtmlLine = 0;
    var htmlAt = function (at, textOf) {
      var ln = lineOf(at);
      if (ln === lastHtmlLine) return;
      lastHtmlLine = ln;
      add(at, 'raw HTML is not allowed: ' + Array.from(trim(textOf)).slice(0, 40).join(''),
        'write it in Markdown; Kennisbank does not pass HTML through, so no script can be injected');
    };
    var prevBlank = true;
    lines.forEach(function (l) {
      var blank = trim(l) === '';
      if (inBlock && blank) inBlock = false;
      var start = /^ {0,3}</.exec(l) ? l.indexOf('<') : -1;
      if (!inBlock && start >= 0 && !l.slice(start).startsWith('<!--')) {
        var name = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)/.exec(l.slice(start));
        var tag = TAG.exec(l.slice(start));
        var blockTag = name && BLOCK_TAGS.indexOf(name[1].toLowerCase()) >= 0;
        var alone = tag && trim(l.slice(start + tag[0].length)) === '' && prevBlank && !AUTOLINK.test(l.slice(start));
        if (blockTag || alone) inBlock = true;
      }
      if (inBlock) {
        if (!blank) htmlAt(offset, src.slice(offset, offset + l.length));
      } else {
        var re = /<!--[\s\S]*?-->|<[^<>\n]*>|\[\[([^\[\]\n]+)\]\]|(!?)\[([^\[\]\n]*)\]\(\s*(<[^<>\n]*>|[^\s()]+)(?:\s+(?:"[^"\n]*"|'[^'\n]*'))?\s*\)/g;
        var m;
        while ((m = re.exec(l))) {
          var at = offset + m.index;
          if (m.index > 0 && l[m.index - 1] === '\\') continue;
          var t = m[0];
          if (t.startsWith('<!--')) continue;
          if (t[0] === '<') {
            if (AUTOLINK.test(t)) {
              // An e-mail autolink's destination is the bare address, which
              // check resolves as a path (there is no `mailto:` in front).
              var inner = t.slice(1, -1);
              if (!/^[A-Za-z][A-Za-z0-9+.-]{1,31}:/.test(inner)) {
                var e = resolve(inner, false, index, folder);
                if (e.error) add(at, e.error[0], e.error[1]);
              }
            } else if (TAG.test(t)) htmlAt(at, t);
            continue;
          }
          if (m[1] !== undefined) {
            var pipe = m[1].indexOf('|');
            var wiki = pipe >= 0 ? m[1].slice(0, pipe) : m[1];
            if (wiki === '') continue;
            var r = resolve(wiki, true, index, folder);
            if (r.error) add(at, r.error[0], r.error[1]);
            continue;
          }
          var dest = m[4].startsWith('<') ? m[4].slice(1, -1) : m[4];
          dest = dest.replace(/\\([!-/:-@[-`{-~])/g, '$1');
          var res = resolve(dest, false, index, folder);
          if (m[2] === '!') {
            if (res.external) add(at, 'image from another host: ' + dest, 'put the image in content/ so the site makes no request to another host');
            else if (res.document) add(at, 'an image cannot point to a document');
            else if (res.error) add(at, res.error[0], res.error[1]);
            if (trim(m[3]) === '') add(at, 'image without alt text', 'describe the image: ![beschrijving](pad.png)');
          } else if (res.error) add(at, res.error[0], res.error[1]);
        }
      }
      prevBlank = blank;
      offset += l.length + 1;
    });
    found.sort(function (a, b) { return a.at - b.at || a.seq - b.seq; });
    return found.map(function (f) { return { field: 'body', message: f.message, hint: f.hint }; });
  }

  // ---------------------------------------------------------------- validation (validate.rs)
  function slugErrors(schema, slug, hasTitle) {
    if (slug === '' && !hasTitle) return [];
    if (!isSlug(slug)) {
      return [{ field: 'slug', message: "file name '" + slug + "' is not a valid slug",
        hint: "use lowercase letters, digits and hyphens, e.g. '" + suggestSlug(slug) + ".md'" }];
    }
    var other = catalog(schema).find(function (e) { return e.slug === slug; });
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
      var valid = [];
      errors = errors.concat(rules.frontMatterErrors(schema, kindName, sub, valid));
      var draft = sub.frontMatter.some(function (kv) { return kv[0] === 'draft' && kv[1] === true; });
      if (!draft) {
        var rel = kind.folder + '/' + slug + '.md';
        var index = linkIndex(schema, { slug: slug, kind: kindName, rel: rel });
        errors = errors.concat(rules.refErrors(valid, index), bodyErrors(sub, index, kind.folder));
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
    load: load, loaded: loaded, toSubmission: toSubmission, documentText: documentText,
    fieldLines: fieldLines, validateNew: validateNew, suggestSlug: suggestSlug, continuation: continuation,
    newFileUrl: newFileUrl,
  };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.KennisbankContribute = api;
  }
})(typeof self !== 'undefined' ? self : this);
