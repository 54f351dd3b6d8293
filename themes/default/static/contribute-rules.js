/*
 * Kennisbank contribution forms: the rules of `kennisbank check` for front
 * matter, in the browser (see contribute.js, which uses them). Mirrors
 * src/content/schema.rs (one field's value), src/content/document.rs (the
 * whole front matter) and src/site/refs.rs (check_refs), with their messages
 * and hints word for word; the text helpers they need to agree with Rust are
 * in contribute-text.js (load it first). tests/contribute/vectors.json keeps
 * the two equal.
 */
(function (root) {
  'use strict';

  var text = typeof module === 'object' && module.exports ? require('./contribute-text.js') : root.KennisbankContributeText;
  var trimStart = text.trimStart, trimEnd = text.trimEnd, trim = text.trim, wellFormed = text.wellFormed, utf8Length = text.utf8Length, cmp = text.cmp, closest = text.closest, suggestSlug = text.suggestSlug, isSlug = text.isSlug, dateProblem = text.dateProblem, isForbidden = text.isForbidden, isForbiddenInValue = text.isForbiddenInValue, findChar = text.findChar, describeChar = text.describeChar, FORBIDDEN_HINT = text.FORBIDDEN_HINT, CONTROL_HINT = text.CONTROL_HINT, BODY_CONTROL_HINT = text.BODY_CONTROL_HINT, blank = text.blank, parseI64 = text.parseI64;

  // The keys every kind has (document.rs), named in the unknown-field hint.
  var FRONT_MATTER_NAMES = ['title', 'summary', 'draft'];

  /** The first forbidden character in a value, keys and items too (document::forbidden_in). */
  function forbiddenIn(v) {
    if (typeof v === 'string') return findChar(v, isForbiddenInValue);
    var found = null;
    if (Array.isArray(v)) v.some(function (x) { return (found = forbiddenIn(x)) !== null; });
    else if (isMap(v)) {
      v.map.some(function (kv) {
        found = forbiddenIn(kv[0]);
        if (found === null) found = forbiddenIn(kv[1]);
        return found !== null;
      });
    }
    return found;
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

  function fieldOf(kind, name) {
    return kind.fields.find(function (f) { return f.name === name; });
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

  // ---------------------------------------------------------------- source locations (sources.rs)
  var LOCATION_FORM = 'write FILE or FILE: LINES, like "002_2696610796d0feb7.txt: 446-456, 3519"';
  var USIZE_MAX = 18446744073709551615n;

  /** A line number as Rust's `str::parse::<usize>` reads it, above zero; else null. */
  function lineNumber(s) {
    if (!/^\+?[0-9]+$/.test(s)) return null;
    var n = BigInt(s.replace(/^\+/, ''));
    return n > 0n && n <= USIZE_MAX ? n : null;
  }

  /** Why `text` is not a location (`FILE` or `FILE: 12, 30-41`), or null (sources::parse). */
  function locationProblem(text) {
    var colon = text.indexOf(':');
    var file = trim(colon < 0 ? text : text.slice(0, colon));
    if (file === '' || /[\/\\]/.test(file) || file.charAt(0) === '.') {
      return "'" + text + "' does not start with the name of a file in the sources folder";
    }
    if (colon < 0) return null;
    var parts = text.slice(colon + 1).split(',');
    for (var i = 0; i < parts.length; i++) {
      var part = trimEnd(trimStart(parts[i]));
      var dash = part.search(/[-\u2013]/);
      var a = dash < 0 ? part : trim(part.slice(0, dash));
      var b = dash < 0 ? part : trim(part.slice(dash + 1));
      var first = lineNumber(a);
      var last = lineNumber(b);
      if (first !== null && last !== null) {
        if (first > last) return "'" + part + "' runs backwards; write the first line first";
      } else {
        return "'" + part + "' is not a line number or a range of lines like 446-456";
      }
    }
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
        else if (dateProblem(s) !== null) p = problem("'" + s + "' is not a date", dateProblem(s));
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
      case 'source_lines': {
        var items = typeof v === 'string' ? [v] : v;
        if (!Array.isArray(items)) { p = expected('a location or a list of locations', v, ''); break; }
        // Every item is text first, then each is read (schema.rs does the same).
        items.some(function (item) {
          if (scalarText(item) === null) p = expected('text in every item', item, '');
          return p;
        });
        if (p) break;
        items.some(function (item) {
          var why = locationProblem(scalarText(item));
          if (why !== null) p = problem(why, LOCATION_FORM);
          return p;
        });
        break;
      }
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
      var bad = forbiddenIn(v);
      if (bad !== null) {
        push(key, key + ': ' + describeChar(bad) + ' is not allowed', FORBIDDEN_HINT);
        return;
      }
      if (key === 'title') {
        if (!(typeof v === 'string' && trim(v) !== '')) push(key, 'title must be non-empty text, found ' + describe(v));
      } else if (key === 'summary') {
        if (typeof v !== 'string') push(key, 'summary must be text, found ' + describe(v));
      } else if (key === 'draft') {
        if (typeof v !== 'boolean') push(key, 'draft must be true or false, found ' + describe(v));
      } else {
        var field = fieldOf(kind, key);
        if (!field) {
          var names = FRONT_MATTER_NAMES.concat(kind.fields.map(function (f) { return f.name; }));
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

  var api = {
    trim: trim, trimStart: trimStart, trimEnd: trimEnd, wellFormed: wellFormed, utf8Length: utf8Length,
    cmp: cmp, closest: closest, suggestSlug: suggestSlug, isSlug: isSlug, parseI64: parseI64, isMap: isMap,
    fieldOf: fieldOf, frontMatterErrors: frontMatterErrors, refErrors: refErrors,
    isForbidden: isForbidden, findChar: findChar, describeChar: describeChar, blank: blank,
    CONTROL_HINT: CONTROL_HINT, BODY_CONTROL_HINT: BODY_CONTROL_HINT,
  };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.KennisbankContributeRules = api;
  }
})(typeof self !== 'undefined' ? self : this);
