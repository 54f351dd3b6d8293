/*
 * Kennisbank contribution forms: the browser's copy of the rules that
 * `kennisbank check` applies to a new document, so a form on the static site
 * gives the same verdicts and the same messages (tests/contribute/vectors.json
 * keeps the two equal). It mirrors, in order:
 *   src/contribute/submission.rs  form pairs -> front-matter values
 *   src/contribute/emit.rs        values -> the file's text
 *   src/contribute/validate.rs    slug rules, then check's own checks:
 *   src/schema.rs, src/document.rs, src/site.rs (check_refs), src/markdown.rs
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

  // ---------------------------------------------------------------- text helpers
  var UNKNOWN_FIELD_NAMES = ['title', 'summary', 'draft'];
  var BUILT_IN = ['slug', 'title', 'summary', 'draft', 'body'];
  var MAX_FILE_BYTES = 8 * 1024 * 1024;
  var I64_MIN = -(2n ** 63n);
  var I64_MAX = 2n ** 63n - 1n;

  // Rust's char::is_whitespace (Unicode White_Space), which str::trim uses.
  function isSpace(c) {
    var n = c.charCodeAt(0);
    return (n >= 9 && n <= 13) || n === 32 || n === 0x85 || n === 0xa0 || n === 0x1680 ||
      (n >= 0x2000 && n <= 0x200a) || n === 0x2028 || n === 0x2029 || n === 0x202f ||
      n === 0x205f || n === 0x3000;
  }
  function trimStart(s) {
    var i = 0;
    while (i < s.length && isSpace(s[i])) i++;
    return s.slice(i);
  }
  function trimEnd(s) {
    var j = s.length;
    while (j > 0 && isSpace(s[j - 1])) j--;
    return s.slice(0, j);
  }
  function trim(s) { return trimEnd(trimStart(s)); }

  /** Lone surrogates become U+FFFD, as a browser does when it submits. */
  function wellFormed(s) {
    s = String(s);
    return s.toWellFormed ? s.toWellFormed() : s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(^|[^\ud800-\udbff])[\udc00-\udfff]/g, function (m, before) {
      return (before || '') + '\ufffd';
    });
  }

  function utf8Length(s) {
    var n = 0;
    for (var ch of s) {
      var c = ch.codePointAt(0);
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    return n;
  }

  /** Compares by code point, which is the order of Rust's &str. */
  function cmp(a, b) {
    var x = Array.from(a);
    var y = Array.from(b);
    for (var i = 0; i < Math.min(x.length, y.length); i++) {
      var d = x[i].codePointAt(0) - y[i].codePointAt(0);
      if (d !== 0) return d < 0 ? -1 : 1;
    }
    return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
  }

  function levenshtein(a, b) {
    var x = Array.from(a);
    var y = Array.from(b);
    if (!x.length) return y.length;
    if (!y.length) return x.length;
    var prev = [];
    for (var j = 0; j <= y.length; j++) prev.push(j);
    for (var i = 1; i <= x.length; i++) {
      var cur = [i];
      for (var k = 1; k <= y.length; k++) {
        var cost = x[i - 1] === y[k - 1] ? 0 : 1;
        cur.push(Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + cost));
      }
      prev = cur;
    }
    return prev[y.length];
  }

  /** The candidate nearest to `s` if near enough to be a typo (schema::closest). */
  function closest(s, candidates) {
    var lower = s.toLowerCase();
    var best = null;
    candidates.forEach(function (c) {
      var d = levenshtein(lower, c.toLowerCase());
      if (d > Math.max(2, Math.floor(utf8Length(c) / 4))) return;
      if (!best || d < best.d || (d === best.d && cmp(c, best.c) < 0)) best = { d: d, c: c };
    });
    return best ? best.c : null;
  }

  /** Lowercase without accents (discover::fold). */
  function fold(s) {
    return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  }

  /** A slug made from any text (discover::suggest_slug). */
  function suggestSlug(name) {
    var out = '';
    for (var c of fold(name)) {
      if (/^[A-Za-z0-9]$/.test(c)) out += c;
      else if (out && !out.endsWith('-')) out += '-';
    }
    return out.replace(/-+$/, '');
  }

  function isSlug(s) {
    return /^[a-z0-9-]+$/.test(s) && !s.startsWith('-') && !s.endsWith('-') && s.indexOf('--') < 0;
  }

  function isDate(s) {
    var parts = s.split('-');
    function num(p, len, lo, hi) {
      return p.length === len && /^[0-9]+$/.test(p) && Number(p) >= lo && Number(p) <= hi;
    }
    if (parts.length === 1) return num(parts[0], 4, 1000, 9999);
    if (parts.length === 2) return num(parts[0], 4, 1000, 9999) && num(parts[1], 2, 1, 12);
    if (parts.length === 3) return num(parts[0], 4, 1000, 9999) && num(parts[1], 2, 1, 12) && num(parts[2], 2, 1, 31);
    return false;
  }

  /** Rust's i64 parse: an optional sign and ASCII digits, in range. */
  function parseI64(s) {
    if (!/^[+-]?[0-9]+$/.test(s)) return null;
    var n = BigInt(s);
    return n < I64_MIN || n > I64_MAX ? null : n;
  }

  // ---------------------------------------------------------------- values
  // YAML values as serde_yaml_ng holds them: null, booleans, BigInt for
  // numbers, strings, arrays, and { map: [[key, value], ...] } for mappings.

  function isMap(v) { return v !== null && typeof v === 'object' && !Array.isArray(v); }

  function describe(v) {
    if (v === null) return 'nothing (empty value)';
    if (typeof v === 'boolean') return 'the boolean ' + v;
    if (typeof v === 'bigint') return 'the number ' + v.toString();
    if (typeof v === 'string') return "the text '" + v + "'";
    if (Array.isArray(v)) return 'a list';
    return 'a set of key: value fields';
  }

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

  function fieldOf(kind, name) {
    return kind.fields.find(function (f) { return f.name === name; });
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
      case 'string_list': case 'enum_list': case 'ref_list': {
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

  // ---------------------------------------------------------------- values -> file text (emit.rs)
  var RESERVED = ['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n'];

  function scalar(s) {
    return /^[a-z][a-z0-9_-]*$/.test(s) && RESERVED.indexOf(s) < 0 ? s : quoted(s);
  }

  function quoted(s) {
    var out = '"';
    for (var c of s) {
      var n = c.codePointAt(0);
      if (c === '"') out += '\\"';
      else if (c === '\\') out += '\\\\';
      else if (c === '\n') out += '\\n';
      else if (c === '\t') out += '\\t';
      else if (c === '\r') out += '\\r';
      else if (n < 0x20 || (n >= 0x7f && n <= 0x9f) || n === 0x2028 || n === 0x2029 || n === 0xfeff || n === 0xfffe || n === 0xffff) {
        out += '\\u' + n.toString(16).toUpperCase().padStart(4, '0');
      } else out += c;
    }
    return out + '"';
  }

  function inline(v) {
    if (v === null) return 'null';
    if (typeof v === 'boolean' || typeof v === 'bigint') return v.toString();
    if (typeof v === 'string') return scalar(v);
    if (Array.isArray(v)) return '[' + v.map(inline).join(', ') + ']';
    return '{' + v.map.map(function (kv) { return inline(kv[0]) + ': ' + inline(kv[1]); }).join(', ') + '}';
  }

  function fieldLines(key, v) {
    var out = scalar(key) + ':';
    if (Array.isArray(v)) {
      if (!v.length) return out + ' []\n';
      out += '\n';
      v.forEach(function (item) { out += '  - ' + inline(item) + '\n'; });
      return out;
    }
    if (isMap(v)) {
      if (!v.map.length) return out + ' {}\n';
      out += '\n';
      v.map.forEach(function (kv) { out += '  ' + inline(kv[0]) + ': ' + inline(kv[1]) + '\n'; });
      return out;
    }
    return out + ' ' + inline(v) + '\n';
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

  // ---------------------------------------------------------------- schema checks (schema.rs)
  function problem(message, hint) { return { message: message, hint: hint === undefined ? null : hint }; }

  function scalarText(v) {
    if (typeof v === 'string') return v;
    if (typeof v === 'bigint') return v.toString();
    return null;
  }
  function integer(v) { return typeof v === 'bigint' ? v : null; }
  function expected(what, v, unknownHint) {
    return problem('expected ' + what + unknownHint + ', found ' + describe(v));
  }

  function enumValue(values, s, unknownHint) {
    if (values.indexOf(s) >= 0) return null;
    var hint = 'expected one of: ' + values.join(', ') + unknownHint;
    var close = closest(s, values);
    if (close !== null) hint = "did you mean '" + close + "'? " + hint;
    return problem("unknown value '" + s + "'", hint);
  }

  function inRange(n, min, max) {
    if (n < BigInt(min) || n > BigInt(max)) return problem(n + ' is out of range ' + min + '..' + max);
    return null;
  }

  /** One field's value: { refs } when valid, { problem } when not (schema::check). */
  function check(schema, field, v) {
    var unknown = schema.unknown;
    if (typeof v === 'string' && v === unknown) {
      return field.allow_unknown ? { refs: [] }
        : { problem: problem("field '" + field.name + "' may not be '" + unknown + "'", 'this field must be known; give its value') };
    }
    var uh = field.allow_unknown ? " (or '" + unknown + "' when the sources do not say)" : '';
    var p = null;
    var refs = [];
    var s;
    var n;
    switch (field.type) {
      case 'string': case 'text':
        if (scalarText(v) === null) p = expected('text', v, uh);
        break;
      case 'string_list':
        if (!Array.isArray(v)) p = expected('a list of texts', v, uh);
        else v.some(function (item) { if (scalarText(item) === null) p = expected('text in every item', item, ''); return p; });
        break;
      case 'integer':
        n = integer(v);
        p = n === null ? expected('a whole number', v, uh) : inRange(n, field.min, field.max);
        break;
      case 'date':
        s = scalarText(v);
        if (s === null) p = expected('a date', v, uh);
        else if (!isDate(s)) p = problem("'" + s + "' is not a date", 'write a year (2014), a month (2014-04) or a day (2014-04-15)');
        break;
      case 'enum':
        s = scalarText(v);
        p = s === null ? expected('one value', v, uh) : enumValue(field.values, s, uh);
        break;
      case 'enum_list':
        if (!Array.isArray(v)) { p = expected('a list', v, uh); break; }
        var seen = [];
        v.some(function (item) {
          var t = scalarText(item);
          if (t === null) { p = expected('a value in every item', item, ''); return true; }
          p = enumValue(field.values, t, '');
          if (p) return true;
          if (seen.indexOf(t) >= 0) { p = problem("'" + t + "' is listed twice"); return true; }
          seen.push(t);
          return false;
        });
        break;
      case 'scale':
        n = integer(v);
        if (n === null) p = expected('a score', v, uh);
        else if ((p = inRange(n, field.min, field.max))) {
          p.hint = field.min + ' = ' + field.low + ', ' + field.max + ' = ' + field.high + uh;
        }
        break;
      case 'ref':
        s = scalarText(v);
        if (s === null) p = expected('the slug of a ' + field.target, v, uh);
        else refs = [s];
        break;
      case 'ref_list':
        if (!Array.isArray(v)) { p = expected('a list of ' + field.target + ' slugs', v, uh); break; }
        v.some(function (item) {
          var t = scalarText(item);
          if (t === null) { p = expected('a slug in every item', item, ''); return true; }
          refs.push(t);
          return false;
        });
        if (p) refs = [];
        break;
      case 'distribution':
        if (!isMap(v)) { p = expected('scale fields with their counts', v, ''); break; }
        v.map.some(function (kv) {
          var name = scalarText(kv[0]) || '';
          var row = field.rows.find(function (r) { return r[0] === name; });
          if (!row) {
            p = problem("'" + name + "' is not a scale field of " + field.of,
              'expected one of: ' + field.rows.map(function (r) { return r[0]; }).join(', '));
            return true;
          }
          var points = BigInt(row[2]) - BigInt(row[1]) + 1n;
          var ok = Array.isArray(kv[1]) && kv[1].every(function (c) { return integer(c) !== null && c >= 0n; }) &&
            BigInt(kv[1].length) === points;
          if (!ok) p = problem("'" + name + "' needs " + points + ' counts, one per scale point ' + row[1] + '..' + row[2]);
          return !ok;
        });
        break;
      case 'count_map':
        if (!isMap(v)) { p = expected('values with their counts', v, ''); break; }
        v.map.some(function (kv) {
          var name = scalarText(kv[0]) || '';
          p = enumValue(field.values, name, '');
          if (p) return true;
          var c = integer(kv[1]);
          if (c === null || c < 0n) p = expected('a count of zero or more', kv[1], '');
          return p;
        });
        break;
    }
    return p ? { problem: p } : { refs: refs };
  }

  // ---------------------------------------------------------------- the document (document.rs, site.rs)
  function frontMatterErrors(schema, kindName, sub, valid) {
    var kind = schema.kinds[kindName];
    var out = [];
    var push = function (field, message, hint) { out.push({ field: field, message: message, hint: hint === undefined ? null : hint }); };
    var keys = sub.frontMatter.map(function (kv) { return kv[0]; });
    sub.frontMatter.forEach(function (kv) {
      var key = kv[0];
      var v = kv[1];
      if (key === 'title') {
        if (!(typeof v === 'string' && trim(v) !== '')) push(key, 'title must be non-empty text, found ' + describe(v));
      } else if (key === 'summary') {
        if (typeof v !== 'string') push(key, 'summary must be text, found ' + describe(v));
      } else if (key === 'draft') {
        if (typeof v !== 'boolean') push(key, 'draft must be true or false, found ' + describe(v));
      } else {
        var field = fieldOf(kind, key);
        if (!field) {
          var names = UNKNOWN_FIELD_NAMES.concat(kind.fields.map(function (f) { return f.name; }));
          var hint = 'fields of ' + kindName + ': ' + names.join(', ');
          var close = closest(key, names);
          if (close !== null) hint = "did you mean '" + close + "'? " + hint;
          push(key, "unknown field '" + key + "' for kind " + kindName, hint);
          return;
        }
        var r = check(schema, field, v);
        if (r.problem) push(key, key + ': ' + r.problem.message, r.problem.hint);
        else if (r.refs.length) valid.push([field, r.refs]);
      }
    });
    if (keys.indexOf('title') < 0) push('title', "missing required field 'title'", 'add `title: "…"` to the front matter');
    kind.fields.forEach(function (f) {
      if (!f.required || keys.indexOf(f.name) >= 0) return;
      var hint = f.allow_unknown
        ? 'add `' + f.name + ': …`, or `' + f.name + ': ' + schema.unknown + '` when the sources do not say'
        : 'add `' + f.name + ': …` (' + f.label + ')';
      push(f.name, "missing required field '" + f.name + "'", hint);
    });
    return out;
  }

  function candidates(index, target) {
    var slugs = [];
    index.bySlug.forEach(function (kind, slug) { if (kind === target) slugs.push(slug); });
    slugs.sort(cmp);
    if (slugs.length > 15) return slugs.length + ' documents of kind ' + target + ' exist, e.g. ' + slugs.slice(0, 5).join(', ');
    if (!slugs.length) return 'there are no documents of kind ' + target + ' yet';
    return 'expected one of: ' + slugs.join(', ');
  }

  function refErrors(valid, index) {
    var out = [];
    valid.sort(function (a, b) { return cmp(a[0].name, b[0].name); });
    valid.forEach(function (fr) {
      var field = fr[0];
      fr[1].forEach(function (slug) {
        var kind = index.bySlug.get(slug);
        if (kind === field.target) return;
        var hint = candidates(index, field.target);
        if (kind !== undefined) {
          out.push({ field: field.name, message: field.name + ": '" + slug + "' is a " + kind + ', but this field refers to a ' + field.target, hint: hint });
          return;
        }
        var same = [];
        index.bySlug.forEach(function (k, s) { if (k === field.target) same.push(s); });
        var close = closest(slug, same);
        if (close !== null) hint = "did you mean '" + close + "'? " + hint;
        out.push({ field: field.name, message: field.name + ': no ' + field.target + " with slug '" + slug + "'", hint: hint });
      });
    });
    return out;
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
    var builtin = BUILT_IN.slice(0, 4).indexOf(field);
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
      errors = errors.concat(frontMatterErrors(schema, kindName, sub, valid));
      var draft = sub.frontMatter.some(function (kv) { return kv[0] === 'draft' && kv[1] === true; });
      if (!draft) {
        var rel = kind.folder + '/' + slug + '.md';
        var index = linkIndex(schema, { slug: slug, kind: kindName, rel: rel });
        errors = errors.concat(refErrors(valid, index), bodyErrors(sub, index, kind.folder));
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
