  // ---------------------------------------------------------------- text
  var WORD = /[\p{Alphabetic}\p{N}]/u;
  var APOS = /['\u2019\u2018\u02BC`\u00B4]/;
  var HYPHEN = /[-\u2010\u2011]/;
  var EXTRA = { 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'ø': 'o', 'ł': 'l', 'đ': 'd', 'þ': 'th', 'ð': 'd' };

  /** Words with offsets, as the Rust WordTokenizer cuts them (text already NFKC). */
  function words(text) {
    var chars = Array.from(text);
    var out = [];
    var offset = 0;
    var offsets = chars.map(function (c) { var o = offset; offset += c.length; return o; });
    var i = 0;
    while (i < chars.length) {
      if (!WORD.test(chars[i])) { i++; continue; }
      var start = offsets[i];
      var word = '';
      var end = start;
      while (i < chars.length) {
        var c = chars[i];
        if (WORD.test(c)) {
          word += c;
          end = offsets[i] + c.length;
          i++;
        } else if ((APOS.test(c) || HYPHEN.test(c) || c === ')') && i + 1 < chars.length && WORD.test(chars[i + 1])) {
          if (HYPHEN.test(c)) word += '-';
          i++;
        } else {
          break;
        }
      }
      out.push({ text: word, from: start, to: end });
    }
    return out;
  }

  function fold(word) {
    return word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '')
      .replace(/[ßæœøłđþð]/g, function (c) { return EXTRA[c]; });
  }

  function splitWords(text) {
    var out = [];
    words(text.normalize('NFKC')).forEach(function (w) {
      fold(w.text).split('-').forEach(function (p) { if (p) out.push(p); });
    });
    return out;
  }

  /** The query language: words, "phrases", -exclusions, prefix*. */
  function parse(query) {
    var out = { words: [], phrases: [], excludedWords: [], excludedPhrases: [] };
    var chars = Array.from(query);
    var space = /\s/;
    var i = 0;
    while (i < chars.length) {
      if (space.test(chars[i])) { i++; continue; }
      var negated = chars[i] === '-' && i + 1 < chars.length && !space.test(chars[i + 1]);
      if (negated) i++;
      if ('"\u201C\u201D\u201E'.indexOf(chars[i]) >= 0) {
        var end = i + 1;
        while (end < chars.length && '"\u201C\u201D'.indexOf(chars[end]) < 0) end++;
        var ws = splitWords(chars.slice(i + 1, end).join(''));
        i = end + 1;
        if (ws.length === 1) {
          if (negated) out.excludedWords.push(ws[0]); else out.words.push({ text: ws[0], prefix: false });
        } else if (ws.length > 1) {
          (negated ? out.excludedPhrases : out.phrases).push(ws);
        }
        continue;
      }
      var start = i;
      while (i < chars.length && !space.test(chars[i])) i++;
      var raw = chars.slice(start, i).join('');
      var prefix = raw.slice(-1) === '*';
      var list = splitWords(raw);
      list.forEach(function (text, k) {
        if (negated) out.excludedWords.push(text);
        else out.words.push({ text: text, prefix: prefix && k + 1 === list.length });
      });
    }
    return out;
  }

  // ---------------------------------------------------------------- postings
  var DIGITS = {};
  'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('').forEach(function (c, i) { DIGITS[c] = i; });

  /**
   * Reads the index's varints in turn: base-64 digits of 5 bits each, low
   * digits first, the digit's sixth bit saying that another follows.
   */
  function VarintReader(s) { this.s = s; this.i = 0; }
  VarintReader.prototype.more = function () { return this.i < this.s.length; };
  VarintReader.prototype.next = function () {
    var n = 0, shift = 1, d;
    do { d = DIGITS[this.s[this.i++]]; n += (d & 31) * shift; shift *= 32; } while (d & 32);
    return n;
  };

  function varints(s) {
    var r = new VarintReader(s);
    var out = [];
    while (r.more()) out.push(r.next());
    return out;
  }

  /** Decodes "delta, tf, norm" varint triples into [number, tf, norm] lists. */
  function postings(s) {
    var r = new VarintReader(s);
    var out = [];
    var last = 0;
    while (r.more()) {
      last += r.next();
      var tf = r.next();
      var norm = r.next();
      out.push([last, tf, norm]);
    }
    return out;
  }

  function positionLists(s) {
    var v = varints(s);
    var out = [];
    var i = 0;
    while (i < v.length) {
      var count = v[i++];
      var list = [];
      var prev = 0;
      for (var k = 0; k < count; k++) { prev += v[i++]; list.push(prev); }
      out.push(list);
    }
    return out;
  }

  /**
   * Section postings: "page delta * 8 + min(local, 7)" (then "local - 7" when
   * 7 or more), tf, norm. Each becomes [page * 65536 + local, tf, norm].
   */
  function sectionPostings(s) {
    var r = new VarintReader(s);
    var out = [];
    var page = 0;
    while (r.more()) {
      var v = r.next();
      page += Math.floor(v / 8);
      var local = v % 8;
      if (local === 7) local += r.next();
      var tf = r.next();
      var norm = r.next();
      out.push([page * SECTION_KEY + local, tf, norm]);
    }
    return out;
  }
  var SECTION_KEY = 65536;

  /**
   * plan.rs `linked_joins`: two content words joined by each linking letter
   * (the manifest's `compoundLinks` after the empty one).
   */
  function linkedJoins(a, b, stop, links) {
    if (stop.has(a) || stop.has(b)) return [];
    return links.filter(Boolean).map(function (link) { return a + link + b; });
  }

  // ---------------------------------------------------------------- word pairs
  // Mirrors src/search/pairs.rs: two neighbouring words, keyed on a content
  // word (`a b`, or `b <a` when only `b` is one); two function words make none.
  function queryPairs(ws, stop) {
    var out = [];
    for (var i = 0; i + 1 < ws.length; i++) {
      if (ws[i].prefix || ws[i + 1].prefix) continue;
      var a = ws[i].text, b = ws[i + 1].text;
      if (stop.has(a) && stop.has(b)) continue;
      var term = stop.has(a) ? b + ' <' + a : a + ' ' + b;
      if (out.indexOf(term) < 0) out.push(term);
    }
    return out;
  }
  /** FNV-1a over UTF-16 code units (pairs.rs `bucket`). */
  function pairBucket(term, count) {
    var h = 0x811c9dc5;
    for (var i = 0; i < term.length; i++) h = Math.imul(h ^ term.charCodeAt(i), 0x01000193) >>> 0;
    return h % count;
  }

  // ---------------------------------------------------------------- word forms
  // Mirrors src/search/forms.rs `variants` exactly: other forms of a folded
  // word, most likely first; the lexicon says which exist.
  function isVowel(c) { return 'aeiouy'.indexOf(c) >= 0; }
  function singleVowel(prev, v) {
    return !isVowel(prev) || (prev !== v && ['ie', 'oe', 'ou', 'eu', 'au'].indexOf(prev + v) < 0);
  }
  // forms.rs `EREN_PLURALS`: the closed class of nouns with an -eren plural.
  var EREN_PLURALS = ['blad', 'gemoed', 'goed', 'kind', 'lied', 'rad', 'rund', 'volk'];
  function restore(c) { return c === 'v' ? 'f' : c === 'z' ? 's' : c; }
  function soften(c) { return c === 'f' ? 'v' : c === 's' ? 'z' : c; }
  function singulars(base) {
    var n = base.length;
    var out = [base.join('')];
    if (n < 2) return out;
    var last = base[n - 1];
    if (!isVowel(last) && base[n - 2] === last) out.push(base.slice(0, n - 1).join(''));
    if (!isVowel(last) && n >= 3 && isVowel(base[n - 2]) && singleVowel(base[n - 3], base[n - 2])) {
      var v = base[n - 2];
      if ('aeou'.indexOf(v) >= 0) out.push(base.slice(0, n - 1).join('') + v + restore(last));
    }
    if (last === 'v' || last === 'z') out.push(base.slice(0, n - 1).join('') + restore(last));
    return out;
  }
  function plurals(word) {
    var n = word.length;
    var base = word.join('');
    var out = [];
    var last = word[n - 1];
    ['en', 'e'].forEach(function (ending) {
      out.push(base + ending);
      if (isVowel(last)) return;
      if (n >= 3 && isVowel(word[n - 2]) && singleVowel(word[n - 3], word[n - 2])) out.push(base + last + ending);
      if (n >= 4 && isVowel(word[n - 2]) && word[n - 3] === word[n - 2]) {
        var short = word.slice(0, n - 2).join('');
        out.push(short + last + ending);
        out.push(short + soften(last) + ending);
      }
      if (last === 'f' || last === 's') out.push(word.slice(0, n - 1).join('') + soften(last) + ending);
    });
    if (EREN_PLURALS.indexOf(base) >= 0) out.push(base + 'eren');
    if (base.slice(-2) === 'ch') out.push(base + 'es');
    return out;
  }
  function variants(word) {
    var chars = Array.from(word);
    var n = chars.length;
    var out = [];
    function push(s) {
      if (s !== word && Array.from(s).length >= 3 && out.indexOf(s) < 0) out.push(s);
    }
    function stem(k) { return chars.slice(0, n - k).join(''); }
    function ends(x) { return word.length >= x.length && word.slice(-x.length) === x; }
    if (n >= 4) {
      if (chars[n - 1] === 's') push(stem(1));
      if (ends('ches')) push(stem(2));
      if (ends('eren') && EREN_PLURALS.indexOf(stem(4)) >= 0) push(stem(4));
      if (ends('en')) singulars(chars.slice(0, n - 2)).forEach(push);
      if (ends('e')) singulars(chars.slice(0, n - 1)).forEach(push);
      if (chars[n - 1] === 't' && !isVowel(chars[n - 2])) push(stem(1));
      if (word.lastIndexOf('ge', 0) === 0 && (ends('d') || ends('t')) && n >= 7) push(chars.slice(2, n - 1).join(''));
      // forms.rs: a separable verb's participle (`samengevoegd`).
      PARTICLES.forEach(function (particle) {
        if (word.lastIndexOf(particle + 'ge', 0) !== 0) return;
        var rest = word.slice(particle.length + 2);
        if (!(ends('d') || ends('t')) || Array.from(rest).length < 3) return;
        var base = particle + rest.slice(0, -1);
        push(base);
        plurals(Array.from(base)).forEach(push);
        push(base + 'ing');
        push(particle + rest);
      });
    }
    if (n >= 3) {
      push(word + 's');
      plurals(chars).forEach(push);
    }
    // forms.rs: diminutives meet their base form, and it meets them.
    var endings = ['tjes', 'pjes', 'jes', 'tje', 'pje', 'je'];
    for (var e = 0; e < endings.length; e++) {
      if (!ends(endings[e])) continue;
      var base = word.slice(0, -endings[e].length);
      if (Array.from(base).length >= 3) push(base);
      break;
    }
    if (n >= 3 && !ends('je') && !ends('jes')) {
      push(word + 'tje');
      push(word + 'je');
    }
    return out;
  }

  // forms.rs `PARTICLES` and `separable`: a separable verb's particle at the
  // end of a query, joined again to each earlier word and its past stem.
  var PARTICLES = ['aan', 'af', 'bij', 'door', 'in', 'mee', 'na', 'om', 'op', 'over', 'samen', 'terug', 'toe', 'uit', 'voor', 'weg'];
  function separable(words, isStop) {
    var out = [];
    var particle = words[words.length - 1];
    if (!words.length || PARTICLES.indexOf(particle) < 0) return out;
    var push = function (s) { if (out.indexOf(s) < 0) out.push(s); };
    words.slice(0, -1).forEach(function (word) {
      if (Array.from(word).length < 3 || PARTICLES.indexOf(word) >= 0 || isStop(word)) return;
      push(particle + word);
      ['den', 'ten', 'de', 'te'].forEach(function (ending) {
        if (word.slice(-ending.length) !== ending) return;
        var stem = word.slice(0, -ending.length);
        if (Array.from(stem).length >= 2) push(particle + stem);
      });
    });
    return out;
  }

  function levenshtein(a, b) {
    a = Array.from(a); b = Array.from(b);
    var prev = [];
    for (var j = 0; j <= b.length; j++) prev.push(j);
    for (var i = 1; i <= a.length; i++) {
      var cur = [i];
      for (var k = 1; k <= b.length; k++) {
        cur.push(Math.min(prev[k] + 1, cur[k - 1] + 1, prev[k - 1] + (a[i - 1] === b[k - 1] ? 0 : 1)));
      }
      prev = cur;
    }
    return prev[b.length];
  }

  function escapeHtml(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c];
    });
  }

