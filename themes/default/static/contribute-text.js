/*
 * Kennisbank contribution forms: the text helpers the rules need to agree
 * with Rust word for word (Unicode white space, code-point order, edit
 * distance, slugs, dates, i64) and the characters no text may hold
 * (src/diagnostics/controls.rs), with its messages. Used by
 * contribute-rules.js and contribute-body.js; load it first. No dependencies.
 */
(function (root) {
  'use strict';

  // ---------------------------------------------------------------- text helpers
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

  var DATE_FORMS = 'write a year (2014), a month (2014-04) or a day (2014-04-15)';

  /** Why s is not a date, as a hint; null when it is one (schema::date_problem). */
  function dateProblem(s) {
    var parts = s.split('-');
    function num(p, len, lo, hi) {
      return p.length === len && /^[0-9]+$/.test(p) && Number(p) >= lo && Number(p) <= hi ? Number(p) : null;
    }
    var year = num(parts[0], 4, 1000, 9999);
    var month = parts.length > 1 ? num(parts[1], 2, 1, 12) : null;
    if (year !== null && (parts.length === 1 || (parts.length === 2 && month !== null))) return null;
    if (parts.length !== 3 || year === null || month === null) return DATE_FORMS;
    var day = num(parts[2], 2, 1, 31);
    if (day === null) return DATE_FORMS;
    var leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return day <= days ? null : year + '-' + String(month).padStart(2, '0') + ' has ' + days + ' days';
  }

  // ---------------------------------------------------------------- characters (controls.rs)
  /** A character no text may hold (controls::is_forbidden), as a code point. */
  function isForbidden(n) {
    var control = n <= 0x1f || (n >= 0x7f && n <= 0x9f);
    var nonchar = (n >= 0xfdd0 && n <= 0xfdef) || (n & 0xfffe) === 0xfffe;
    return (control && n !== 0x09 && n !== 0x0a && n !== 0x0d) || nonchar;
  }

  /** A character no value may hold (controls::is_forbidden_in_value): a carriage return too. */
  function isForbiddenInValue(n) { return n === 0x0d || isForbidden(n); }

  /** The first character of `s` that `forbidden` refuses, as a code point, or null. */
  function findChar(s, forbidden) {
    for (var c of s) if (forbidden(c.codePointAt(0))) return c.codePointAt(0);
    return null;
  }

  var CHAR_NAMES = { 0: 'null', 7: 'bell', 8: 'backspace', 0xb: 'vertical tab', 0xc: 'form feed', 0xd: 'carriage return', 0x1b: 'escape', 0x7f: 'delete' };

  /** U+0007 (bell), as controls::describe writes it. */
  function describeChar(n) {
    var name = CHAR_NAMES[n] || (n <= 0x1f || (n >= 0x7f && n <= 0x9f) ? 'control character' : 'noncharacter');
    return 'U+' + n.toString(16).toUpperCase().padStart(4, '0') + ' (' + name + ')';
  }
  // document.rs, frontmatter::CONTROL_HINT and controls::in_body, word for word.
  var FORBIDDEN_HINT = 'remove it: it may be written as an escape in quotes (`\\e`, `\\x1b`, `\\u001b`, `\\r`) or pasted in invisibly';
  var CONTROL_HINT = 'delete it: control characters are invisible in most editors, break the feed and act on terminals (tab and line breaks are fine)';
  var BODY_CONTROL_HINT = 'delete it: control characters are invisible in most editors (they come along with text pasted from a PDF), break the feed and act on terminals';

  /** Each forbidden character as that many spaces as it has UTF-8 bytes (controls::blank). */
  function blank(s) {
    var out = '';
    for (var c of s) out += isForbidden(c.codePointAt(0)) ? ' '.repeat(utf8Length(c)) : c;
    return out;
  }

  /** Rust's i64 parse: an optional sign and ASCII digits, in range. */
  function parseI64(s) {
    if (!/^[+-]?[0-9]+$/.test(s)) return null;
    var n = BigInt(s);
    return n < I64_MIN || n > I64_MAX ? null : n;
  }

  var api = {
    I64_MIN: I64_MIN,
    I64_MAX: I64_MAX,
    isSpace: isSpace,
    trimStart: trimStart,
    trimEnd: trimEnd,
    trim: trim,
    wellFormed: wellFormed,
    utf8Length: utf8Length,
    cmp: cmp,
    levenshtein: levenshtein,
    closest: closest,
    fold: fold,
    suggestSlug: suggestSlug,
    isSlug: isSlug,
    DATE_FORMS: DATE_FORMS,
    dateProblem: dateProblem,
    isForbidden: isForbidden,
    isForbiddenInValue: isForbiddenInValue,
    findChar: findChar,
    CHAR_NAMES: CHAR_NAMES,
    describeChar: describeChar,
    FORBIDDEN_HINT: FORBIDDEN_HINT,
    CONTROL_HINT: CONTROL_HINT,
    BODY_CONTROL_HINT: BODY_CONTROL_HINT,
    blank: blank,
    parseI64: parseI64,
  };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.KennisbankContributeText = api;
  }
})(typeof self !== 'undefined' ? self : this);
