/*
 * Kennisbank contribution forms: what a filled-in form means as front matter,
 * in the browser (src/contribute/submission.rs): per field type the value a
 * person meant (`5` a number, one line per list item, a table a map), in the
 * order a new file lists them. contribute.js writes and checks the result;
 * load contribute-rules.js first. No dependencies.
 */
(function (root) {
  'use strict';

  var rules = typeof module === 'object' && module.exports ? require('./contribute-rules.js') : root.KennisbankContributeRules;
  var trim = rules.trim;
  var trimStart = rules.trimStart;
  var trimEnd = rules.trimEnd;
  var wellFormed = rules.wellFormed;
  var cmp = rules.cmp;
  var suggestSlug = rules.suggestSlug;
  var parseI64 = rules.parseI64;
  var fieldOf = rules.fieldOf;
  /** Names that are the document itself rather than a schema field (submission::BUILT_IN). */
  var BUILT_IN = ['slug', 'title', 'summary', 'draft', 'body'];

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

  var api = { toSubmission: toSubmission, BUILT_IN: BUILT_IN };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.KennisbankContributeSubmission = api;
  }
})(typeof self !== 'undefined' ? self : this);
