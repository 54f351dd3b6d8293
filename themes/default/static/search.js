/*
 * Kennisbank search client: ranks pages with the client index that
 * `kennisbank build` exports from its tantivy index (public/search/), with
 * the same BM25 (k1, b, idf, field norms, field boosts) so that results and
 * scores equal `kennisbank search --json`. Prefix and typo tolerance come on
 * top. No dependencies, no build step.
 *
 * Index files are classic scripts that call kennisbankSearch(name, data), so
 * they load from file:// as well as over http(s). Under Node, use
 * fileLoader(dir), which evaluates the same files with node:vm.
 */
(function (root) {
  'use strict';

  // tantivy's field-norm table: field-norm id -> number of tokens.
  var FIELDNORMS = [0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,42,44,46,48,50,52,54,56,60,64,68,72,76,80,84,88,96,104,112,120,128,136,144,152,168,184,200,216,232,248,264,280,312,344,376,408,440,472,504,536,600,664,728,792,856,920,984,1048,1176,1304,1432,1560,1688,1816,1944,2072,2328,2584,2840,3096,3352,3608,3864,4120,4632,5144,5656,6168,6680,7192,7704,8216,9240,10264,11288,12312,13336,14360,15384,16408,18456,20504,22552,24600,26648,28696,30744,32792,36888,40984,45080,49176,53272,57368,61464,65560,73752,81944,90136,98328,106520,114712,122904,131096,147480,163864,180248,196632,213016,229400,245784,262168,294936,327704,360472,393240,426008,458776,491544,524312,589848,655384,720920,786456,851992,917528,983064,1048600,1179672,1310744,1441816,1572888,1703960,1835032,1966104,2097176,2359320,2621464,2883608,3145752,3407896,3670040,3932184,4194328,4718616,5242904,5767192,6291480,6815768,7340056,7864344,8388632,9437208,10485784,11534360,12582936,13631512,14680088,15728664,16777240,18874392,20971544,23068696,25165848,27263000,29360152,31457304,33554456,37748760,41943064,46137368,50331672,54525976,58720280,62914584,67108888,75497496,83886104,92274712,100663320,109051928,117440536,125829144,134217752,150994968,167772184,184549400,201326616,218103832,234881048,251658264,268435480,301989912,335544344,369098776,402653208,436207640,469762072,503316504,536870936,603979800,671088664,738197528,805306392,872415256,939524120,1006632984,1073741848,1207959576,1342177304,1476395032,1610612760,1744830488,1879048216,2013265944];
  var f32 = Math.fround;

  // ---------------------------------------------------------------- loading
  var waiting = {};
  // Files that arrived before anyone asked: the page names some of them in
  // its own <script src data-kb-index> so they load with the page.
  var arrived = {};
  // Those of them that failed to load: asked for again, they are requested.
  var failed = {};
  if (typeof document !== 'undefined') {
    Array.prototype.forEach.call(document.querySelectorAll('script[data-kb-index]'), function (el) {
      el.addEventListener('error', function () { failed[el.getAttribute('data-kb-index')] = true; });
    });
  }
  root.kennisbankSearch = function (name, data) {
    var resolve = waiting[name];
    delete waiting[name];
    if (resolve) resolve(data);
    else arrived[name] = data;
  };

  /** Loads index files by inserting <script> elements (works from file://). */
  function scriptLoader(base) {
    return once(function (name) {
      return new Promise(function (resolve, reject) {
        if (arrived[name]) { resolve(arrived[name]); return; }
        waiting[name] = resolve;
        var fail = function () {
          delete waiting[name];
          reject(new Error('kan ' + name + ' niet laden'));
        };
        // Already in the page and still loading: wait for it, request nothing.
        var listed = !failed[name] && Array.prototype.find.call(document.querySelectorAll('script[data-kb-index]'), function (el) {
          return el.getAttribute('data-kb-index') === name;
        });
        if (listed) { listed.addEventListener('error', fail); return; }
        var s = document.createElement('script');
        s.src = base + name;
        s.async = true;
        s.onerror = fail;
        s.onload = function () { s.remove(); };
        document.head.appendChild(s);
      });
    });
  }

  /** Wraps a loader so that each file is requested once. */
  function once(load) {
    var cache = {};
    return function (name) {
      if (!cache[name]) {
        cache[name] = load(name);
        cache[name].catch(function () { delete cache[name]; });
      }
      return cache[name];
    };
  }

  /** Loads index files from a directory under Node. */
  function fileLoader(dir) {
    var fs = require('fs');
    var path = require('path');
    var vm = require('vm');
    return once(function (name) {
      return new Promise(function (resolve) {
        var code = fs.readFileSync(path.join(dir, name), 'utf8');
        var got;
        vm.runInNewContext(code, { kennisbankSearch: function (n, d) { got = d; } });
        resolve(got);
      });
    });
  }

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
  /** The next `count` characters as they are (a fragment hash). */
  VarintReader.prototype.take = function (count) {
    var out = this.s.substr(this.i, count);
    this.i += count;
    return out;
  };

  function varints(s) {
    var r = new VarintReader(s);
    var out = [];
    while (r.more()) out.push(r.next());
    return out;
  }

  /**
   * Decodes "delta, tf, norm" varint triples into [number, tf, norm] lists;
   * page postings (groupChars > 0) carry the page's fragment group after each.
   */
  function postings(s, groupChars, groups) {
    var r = new VarintReader(s);
    var out = [];
    var last = 0;
    while (r.more()) {
      last += r.next();
      var tf = r.next();
      var norm = r.next();
      if (groupChars) groups.set(last, r.take(groupChars));
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
    }
    if (n >= 3) {
      push(word + 's');
      plurals(chars).forEach(push);
    }
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

  // ---------------------------------------------------------------- client
  /**
   * A search client over the index files that `load(name)` returns.
   * search(query, {filters: {kind: [...], gemeente: [...], thema: [...], jaar: [...]},
   *                limit: 10, offset: 0, prefix: false, facets: true})
   * offset skips that many ranked results: the next page of a list.
   */
  function createClient(load) {
    var manifest = null;
    var chunkCache = {};
    // The chunks that have arrived, in the order they did.
    var loadedChunks = [];
    // Page number -> its fragment file's group (fixed base-64 digits; on a
    // large site the hash of its own file), learnt from the page postings
    // decoded so far.
    var fragmentGroup = new Map();
    var groupFiles = {};
    function pagePostings(m, s) { return postings(s, m.fragmentGroupChars, fragmentGroup); }

    function getManifest() {
      if (!manifest) {
        manifest = load('manifest.js');
        manifest.catch(function () { manifest = null; });
      }
      return manifest;
    }

    function chunkIndex(m, surface) {
      var lo = 0, hi = m.chunks.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (m.chunks[mid][0] <= surface) lo = mid; else hi = mid - 1;
      }
      return lo;
    }

    function chunk(m, i) {
      if (!chunkCache[i]) {
        chunkCache[i] = load(m.chunks[i][1]).then(function (data) {
          var terms = {};
          data.t.forEach(function (t, k) { terms[t[0]] = { index: k, fields: t[1] }; });
          var c = { surfaces: data.s, termList: data.t, terms: terms, chunk: i };
          loadedChunks.push(c);
          return c;
        });
        // A chunk that failed to load is asked for again next time.
        chunkCache[i].catch(function () { delete chunkCache[i]; });
      }
      return chunkCache[i];
    }

    function findSurface(c, surface) {
      var lo = 0, hi = c.surfaces.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (c.surfaces[mid][0] < surface) lo = mid + 1; else hi = mid;
      }
      return lo;
    }

    /** The term of an exact surface form, with the chunk that holds it. */
    function exact(m, surface) {
      return chunk(m, chunkIndex(m, surface)).then(function (c) {
        var i = findSurface(c, surface);
        if (i < c.surfaces.length && c.surfaces[i][0] === surface) {
          return { term: c.termList[c.surfaces[i][1]][0], chunk: c };
        }
        return null;
      });
    }

    /** Every (surface, term, chunk) whose surface starts with prefix, in surface order. */
    function withPrefix(m, prefix, maxChunks) {
      var first = chunkIndex(m, prefix);
      var last = first;
      while (last + 1 < m.chunks.length && m.chunks[last + 1][0].lastIndexOf(prefix, 0) === 0) last++;
      if (maxChunks && last - first + 1 > maxChunks) last = first + maxChunks - 1;
      var wanted = [];
      for (var i = first; i <= last; i++) wanted.push(chunk(m, i));
      return Promise.all(wanted).then(function (cs) {
        var out = [];
        cs.forEach(function (c) {
          for (var k = findSurface(c, prefix); k < c.surfaces.length; k++) {
            var s = c.surfaces[k][0];
            if (s.lastIndexOf(prefix, 0) !== 0) break;
            out.push({ surface: s, term: c.termList[c.surfaces[k][1]][0], chunk: c });
          }
        });
        return out;
      });
    }

    function docFreq(m, c, term) {
      var fields = c.terms[term].fields;
      var n = 0;
      Object.keys(fields).forEach(function (f) {
        n += pagePostings(m, fields[f][0]).length + sectionPostings(fields[f][1]).length;
      });
      return n;
    }

    function byTerm(list) {
      var seen = {};
      return list.filter(function (x) { if (seen[x.term]) return false; seen[x.term] = true; return true; });
    }

    function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

    // Edits a typo may have by word length (plan.rs `max_edits`): the
    // manifest's table, its last entry for any longer word.
    function maxEdits(m, len) { return m.maxEdits[Math.min(len, m.maxEdits.length - 1)]; }

    // Word lookups, in the same steps as src/search/plan.rs.
    function lookups(m) {
      var stop = new Set(m.stop);
      var short = new Set(m.shortParts);
      function exactHit(word) {
        return exact(m, word).then(function (h) { return h ? { surface: word, term: h.term, chunk: h.chunk } : null; });
      }
      // The word as written, else the first of its other forms the site uses.
      function form(word) {
        return exactHit(word).then(function (hit) {
          if (hit) return hit;
          var isStop = stop.has(word);
          var list = variants(word).filter(function (v) { return isStop || !stop.has(v); });
          var i = 0;
          function next() {
            if (i >= list.length) return Promise.resolve(null);
            var v = list[i++];
            return exactHit(v).then(function (h) { return h || next(); });
          }
          return next();
        });
      }
      function isPart(word) {
        return (Array.from(word).length >= m.minPart || short.has(word)) && !stop.has(word);
      }
      // Two words the site uses, longest first part first, joined by a linking
      // letter; only when no first part is written as such, the first part may
      // be another form too (plan.rs `compound`).
      function compound(word) {
        return split(word, false).then(function (parts) { return parts || split(word, true); });
      }
      function split(word, headForms) {
        var chars = Array.from(word);
        var links = m.compoundLinks;
        var i = chars.length;
        function nextHead() {
          i--;
          if (i < 1) return Promise.resolve(null);
          var head = chars.slice(0, i).join('');
          var rest = chars.slice(i).join('');
          if (!isPart(head)) return nextHead();
          return (headForms ? form(head) : exactHit(head)).then(function (h) {
            if (!h) return nextHead();
            var k = 0;
            function nextLink() {
              if (k >= links.length) return nextHead();
              var link = links[k++];
              if (rest.lastIndexOf(link, 0) !== 0) return nextLink();
              var tail = rest.slice(link.length);
              if (!tail || !isPart(tail)) return nextLink();
              return form(tail).then(function (t) { return t ? [h, t] : nextLink(); });
            }
            return nextLink();
          });
        }
        // The walk above tries heads and tails in turn; their chunks are
        // loaded first, in two waves: every head with its other forms, then
        // every tail (with its other forms) of the heads the site uses in
        // any form, so that the pass which allows a head's other forms finds
        // its chunks loaded already.
        var cuts = [];
        for (var n = chars.length - 1; n >= 1; n--) {
          if (isPart(chars.slice(0, n).join(''))) cuts.push(n);
        }
        var heads = {};
        cuts.forEach(function (n) {
          var head = chars.slice(0, n).join('');
          [head].concat(variants(head)).forEach(function (v) { heads[chunkIndex(m, v)] = true; });
        });
        return Promise.all(Object.keys(heads).map(function (c) { return chunk(m, +c); })).then(function () {
          return Promise.all(cuts.map(function (n) { return form(chars.slice(0, n).join('')); }));
        }).then(function (found) {
          var wanted = {};
          found.forEach(function (h, x) {
            if (!h) return;
            var rest = chars.slice(cuts[x]).join('');
            links.forEach(function (link) {
              var tail = rest.lastIndexOf(link, 0) === 0 ? rest.slice(link.length) : '';
              if (!tail || !isPart(tail)) return;
              [tail].concat(variants(tail)).forEach(function (v) { wanted[chunkIndex(m, v)] = true; });
            });
          });
          return Promise.all(Object.keys(wanted).map(function (c) { return chunk(m, +c); }));
        }).then(nextHead);
      }
      function fuzzy(word) {
        var len = Array.from(word).length;
        var edits = maxEdits(m, len);
        if (!edits) return Promise.resolve([]);
        var head = Array.from(word).slice(0, m.fuzzyHead).join('');
        return withPrefix(m, head, 6).then(function (found) {
          var seen = {};
          var close = [];
          found.forEach(function (x) {
            if (Math.abs(Array.from(x.surface).length - len) > edits) return;
            var d = levenshtein(x.surface, word);
            if (d <= edits && !seen[x.term]) {
              seen[x.term] = true;
              close.push({ surface: x.surface, term: x.term, chunk: x.chunk, d: d, df: docFreq(m, x.chunk, x.term) });
            }
          });
          close.sort(function (a, b) { return a.d - b.d || b.df - a.df || cmp(a.term, b.term); });
          return close.slice(0, m.maxFuzzyTerms);
        });
      }
      // A word no page uses, with the nearest spelling sharing its first letters (m.fuzzyHead).
      function unmatched(word) {
        var len = Array.from(word).length;
        var limit = maxEdits(m, len) + 1;
        var head = Array.from(word).slice(0, m.fuzzyHead).join('');
        return withPrefix(m, head, 6).then(function (found) {
          var best = null;
          found.forEach(function (x) {
            var sl = Array.from(x.surface).length;
            if (Math.abs(sl - len) > limit) return;
            var d = levenshtein(x.surface, word);
            if (d > limit) return;
            var df = docFreq(m, x.chunk, x.term);
            if (!best || d < best.d || (d === best.d && (df > best.df || (df === best.df && x.surface < best.surface)))) {
              best = { d: d, df: df, surface: x.surface };
            }
          });
          return { word: word, suggestion: best ? best.surface : null };
        });
      }
      function resolve(word) {
        return form(word).then(function (hit) {
          if (hit) return { kind: 'term', hits: [hit] };
          return compound(word).then(function (parts) {
            if (parts) return { kind: 'parts', hits: parts };
            return fuzzy(word).then(function (close) {
              return close.length ? { kind: 'close', hits: close } : null;
            });
          });
        });
      }
      function prefix(word) {
        return withPrefix(m, word).then(function (found) {
          var ranked = byTerm(found).map(function (x) { return { term: x.term, chunk: x.chunk, df: docFreq(m, x.chunk, x.term) }; });
          ranked.sort(function (a, b) { return b.df - a.df || cmp(a.term, b.term); });
          return ranked.slice(0, m.maxPrefixTerms);
        });
      }
      // A phrase's terms with offsets; function words keep their place, unsearched.
      function phrase(list) {
        var allStop = list.every(function (w) { return stop.has(w); });
        var kept = [];
        list.forEach(function (w, offset) { if (allStop || !stop.has(w)) kept.push({ w: w, offset: offset }); });
        return Promise.all(kept.map(function (x) { return form(x.w); })).then(function (hits) {
          var missing = null;
          hits.forEach(function (h, i) { if (!h && missing === null) missing = kept[i].w; });
          if (missing !== null) return { missing: missing, hits: [] };
          var first = kept.length ? kept[0].offset : 0;
          var out = { hits: hits.map(function (h, i) { return { term: h.term, chunk: h.chunk, offset: kept[i].offset - first }; }) };
          if (!kept.length || kept.length === list.length) return out;
          // Left out function words: the wording as typed scores the phrase once more (plan.rs `exact_terms`).
          return Promise.all(list.map(function (w) { return form(w); })).then(function (all) {
            if (all.every(Boolean)) out.exact = all.map(function (h, offset) { return { term: h.term, chunk: h.chunk, offset: offset }; });
            return out;
          });
        });
      }
      return { stop: stop, form: form, resolve: resolve, prefix: prefix, phrase: phrase, unmatched: unmatched };
    }

    /** The query's clauses as terms with their chunks, as the CLI plans them. */
    function plan(m, parsed) {
      var pairs = pairPostings(m, parsed);
      return Promise.all([prefetch(m, parsed), pairs]).then(function (r) {
        return planLoaded(m, parsed).then(function (p) { p.pairs = r[1]; return p; });
      });
    }

    var pairFiles = {};
    /**
     * The postings of the query's neighbouring words as pairs, from the pair
     * files of the term chunk that holds each pair's content word: loaded in
     * the same wave as the term chunks, and only for queries of two or more words.
     */
    function pairPostings(m, parsed) {
      var wanted = queryPairs(parsed.words, new Set(m.stop));
      return Promise.all(wanted.map(function (term) {
        // Per term chunk: the hash of its pair files, then their number (two digits).
        var width = m.pairHashChars + 2;
        var files = m.pairFiles.substr(chunkIndex(m, term.split(' ')[0]) * width, width);
        var count = DIGITS[files[width - 2]] * 64 + DIGITS[files[width - 1]];
        if (!count) return null;
        var name = 'r/' + files.slice(0, m.pairHashChars) + '-' + pairBucket(term, count) + '.js';
        if (!pairFiles[name]) {
          pairFiles[name] = load(name).then(function (list) {
            var map = new Map();
            list.forEach(function (x) { map.set(x[0], x); });
            return map;
          });
          pairFiles[name].catch(function () { delete pairFiles[name]; });
        }
        return pairFiles[name].then(function (map) { return map.get(term) || null; });
      })).then(function (found) { return found.filter(Boolean); });
    }

    /**
     * Loads, all at once, the chunks that hold each word and its other forms,
     * so the lookups below, which try them in turn, wait for one wave of
     * requests rather than one per form (the layout keeps forms of a word
     * together, so this is mostly the word's own chunk).
     */
    function prefetch(m, parsed) {
      var wanted = {};
      var add = function (w) { wanted[chunkIndex(m, w)] = true; };
      // Function words are skipped when the query has others (as plan does).
      var stop = new Set(m.stop);
      var content = parsed.phrases.length > 0 || parsed.words.some(function (w) { return w.prefix || !stop.has(w.text); });
      parsed.words.forEach(function (w) {
        if (content && !w.prefix && stop.has(w.text)) return;
        add(w.text);
        if (!w.prefix) variants(w.text).filter(function (v) { return stop.has(w.text) || !stop.has(v); }).forEach(add);
      });
      // Neighbouring words written as one, as plan looks them up.
      var ws = parsed.words;
      for (var i = 0; i < ws.length; i++) {
        var joined = ws[i].text;
        for (var k = 1; k < Math.min(m.maxPhraseWords, ws.length - i); k++) {
          if (ws[i + k - 1].prefix || ws[i + k].prefix) break;
          joined += ws[i + k].text;
          add(joined);
        }
      }
      parsed.phrases.concat(parsed.excludedPhrases).forEach(function (p) { p.forEach(add); });
      parsed.excludedWords.forEach(add);
      return Promise.all(Object.keys(wanted).map(function (i) { return chunk(m, +i); }));
    }

    function planLoaded(m, parsed) {
      var look = lookups(m);
      var ws = parsed.words;
      var content = ws.some(function (w) { return w.prefix || !look.stop.has(w.text); }) || parsed.phrases.length > 0;
      var notes = { unmatched: [], ignored: [], searched: [] };
      var steps = ws.map(function (w) {
        if (content && !w.prefix && look.stop.has(w.text)) return Promise.resolve({ kind: 'stop' });
        if (w.prefix) return look.prefix(w.text).then(function (hits) { return hits.length ? { kind: 'prefix', hits: hits } : null; });
        return look.resolve(w.text);
      });
      var joins = [];
      for (var i = 0; i < ws.length; i++) {
        var joined = ws[i].text;
        for (var k = 1; k < Math.min(m.maxPhraseWords, ws.length - i); k++) {
          if (ws[i + k - 1].prefix || ws[i + k].prefix) break;
          joined += ws[i + k].text;
          joins.push(exact(m, joined));
        }
      }
      return Promise.all([
        Promise.all(steps), Promise.all(joins),
        Promise.all(parsed.phrases.map(look.phrase)),
        Promise.all(parsed.excludedWords.map(look.form)),
        Promise.all(parsed.excludedPhrases.map(look.phrase))
      ]).then(function (r) {
        var clauses = [];
        var words = 0;
        var missing = [];
        r[0].forEach(function (step, i) {
          var w = ws[i];
          if (step && step.kind === 'stop') {
            if (notes.ignored.indexOf(w.text) < 0) notes.ignored.push(w.text);
            return;
          }
          if (!step) { missing.push(w.text); return; }
          if (step.kind === 'prefix') {
            words++;
            notes.searched.push(w.text + '*');
            clauses.push(step.hits);
          } else if (step.kind === 'parts') {
            step.hits.forEach(function (h) { words++; notes.searched.push(h.surface); clauses.push([h]); });
          } else {
            words++;
            notes.searched.push(step.hits[0].surface);
            clauses.push(step.hits);
          }
        });
        var allWords = words >= 2 && !missing.length ? clauses.length : 0;
        var exactPhrases = [];
        var phrases = r[2].map(function (p, i) {
          if (p.missing !== undefined) { missing.push(p.missing); return []; }
          notes.searched.push('\u201C' + parsed.phrases[i].join(' ') + '\u201D');
          if (p.exact) exactPhrases.push({ phrase: i, hits: p.exact });
          return p.hits;
        });
        r[1].forEach(function (hit) { if (hit) clauses.push([hit]); });
        return Promise.all(missing.map(look.unmatched)).then(function (un) {
          notes.unmatched = un;
          return {
            clauses: clauses,
            allWords: allWords,
            phrases: phrases,
            exactPhrases: exactPhrases,
            excluded: r[3].filter(Boolean).map(function (h) { return [h]; }),
            excludedPhrases: r[4].filter(function (p) { return p.hits.length; }).map(function (p) { return p.hits; }),
            notes: notes
          };
        });
      });
    }

    // BM25 exactly as tantivy computes it, in 32-bit floats.
    function scorer(m) {
      var K1 = f32(m.k1), B = f32(m.b);
      var docs = f32(m.docs);
      // The pairs field comes after the text fields.
      var boosts = m.boosts.concat(m.pairBoosts);
      var caches = m.tokens.concat(m.pairTokens).map(function (tokens) {
        var avg = f32(f32(tokens) / docs);
        return FIELDNORMS.map(function (norm) {
          return f32(K1 * f32(f32(1 - B) + f32(f32(B * norm) / avg)));
        });
      });
      function idf(df) {
        var x = f32(f32(f32(m.docs - df) + 0.5) / f32(df + 0.5));
        return f32(Math.log(f32(1 + x)));
      }
      function score(idfValue, field, normId, tf) {
        var weight = f32(idfValue * f32(1 + K1));
        var factor = f32(tf / f32(tf + caches[field][normId]));
        return f32(f32(weight * factor) * f32(boosts[field]));
      }
      return { idf: idf, score: score };
    }

    /** Scores of one term: {pages: {n: s}, sections: {n: s}}, summed over fields. */
    function termScores(m, bm, hit) {
      var fields = hit.chunk.terms[hit.term].fields;
      var out = { pages: new Map(), sections: new Map() };
      Object.keys(fields).forEach(function (f) {
        var pages = pagePostings(m, fields[f][0]);
        var sections = sectionPostings(fields[f][1]);
        var idf = bm.idf(pages.length + sections.length);
        [[pages, out.pages], [sections, out.sections]].forEach(function (pair) {
          pair[0].forEach(function (p) {
            var s = bm.score(idf, +f, p[2], p[1]);
            pair[1].set(p[0], f32((pair[1].get(p[0]) || 0) + s));
          });
        });
      });
      return out;
    }

    function positionsOf(hit) {
      var c = hit.chunk;
      if (!c.positions) {
        c.positions = getManifest().then(function (m) { return load(m.chunks[c.chunk][2]); });
      }
      return c.positions.then(function (all) { return all[c.terms[hit.term].index]; });
    }

    /** Scores of a phrase: per field, phrase frequency from positions. */
    function phraseScores(m, bm, hits) {
      return Promise.all(hits.map(positionsOf)).then(function (positions) {
        var out = { pages: new Map(), sections: new Map() };
        var firstFields = hits[0].chunk.terms[hits[0].term].fields;
        Object.keys(firstFields).forEach(function (f) {
          if (!hits.every(function (h) { return h.chunk.terms[h.term].fields[f]; })) return;
          var idf = 0;
          var lists = hits.map(function (h, i) {
            var fp = h.chunk.terms[h.term].fields[f];
            var pages = pagePostings(m, fp[0]), sections = sectionPostings(fp[1]);
            idf = f32(idf + bm.idf(pages.length + sections.length));
            var pp = positionLists(positions[i][f][0]), sp = positionLists(positions[i][f][1]);
            return [pages.map(function (p, k) { return [p, pp[k]]; }), sections.map(function (p, k) { return [p, sp[k]]; })];
          });
          [0, 1].forEach(function (level) {
            var maps = lists.map(function (l) { return new Map(l[level].map(function (x) { return [x[0][0], x]; })); });
            var target = level ? out.sections : out.pages;
            maps[0].forEach(function (x, n) {
              if (!maps.every(function (mp) { return mp.has(n); })) return;
              var count = 0;
              x[1].forEach(function (p) {
                if (maps.every(function (mp, i) { return mp.get(n)[1].indexOf(p + hits[i].offset) >= 0; })) count++;
              });
              if (count) target.set(n, f32((target.get(n) || 0) + bm.score(idf, +f, x[0][2], count)));
            });
          });
        });
        return out;
      });
    }

    /**
     * Scores of a pair of neighbouring words in the pair fields (after the
     * text fields): [term, pages, sections] for each field that has it.
     */
    function pairScores(m, bm, pair) {
      var out = { pages: new Map(), sections: new Map() };
      for (var k = 0; 2 * k + 2 < pair.length; k++) {
        var pages = postings(pair[2 * k + 1], 0), sections = sectionPostings(pair[2 * k + 2]);
        var idf = bm.idf(pages.length + sections.length);
        var field = m.fields.length + k;
        [[pages, out.pages], [sections, out.sections]].forEach(function (x) {
          x[0].forEach(function (p) { x[1].set(p[0], f32((x[1].get(p[0]) || 0) + bm.score(idf, field, p[2], p[1]))); });
        });
      }
      return out;
    }

    function clauseScores(m, bm, alternatives) {
      var each = alternatives.map(function (h) { return termScores(m, bm, h); });
      if (each.length === 1) return each[0];
      var out = { pages: new Map(), sections: new Map() };
      each.forEach(function (s) {
        ['pages', 'sections'].forEach(function (k) {
          s[k].forEach(function (v, n) { if (!(out[k].get(n) >= v)) out[k].set(n, v); });
        });
      });
      return out;
    }

    function addInto(total, part) {
      ['pages', 'sections'].forEach(function (k) {
        part[k].forEach(function (v, n) { total[k].set(n, f32((total[k].get(n) || 0) + v)); });
      });
    }

    function quantize(m, s) { return Math.round(s / m.scoreQuantum); }

    /** A page ranks by the better of its own score and its best section's (query.rs `combine`). */
    function combine(page, section) { return Math.max(page, section); }

    function facetSets(m, needed) {
      if (!needed) return Promise.resolve(null);
      // Small sites carry their facets in the manifest; larger ones in a file.
      var data = typeof m.facets === 'string' ? load(m.facets) : Promise.resolve(m.facets);
      return data.then(function (data) {
        var out = {};
        Object.keys(data).forEach(function (facet) {
          out[facet] = data[facet].map(function (v) {
            var set = new Set();
            var last = 0;
            varints(v[3]).forEach(function (d) { last += d; set.add(last); });
            return { value: v[0], label: v[1], pages: set };
          });
        });
        return out;
      });
    }

    /**
     * A page's fragment, from the file of its group: pages found together
     * share a file, so the results shown need few (the loader asks once).
     */
    async function fragment(m, page) {
      var code = fragmentGroup.get(page);
      var name;
      if (m.fragmentGroups === null) {
        // A large site: one page per file, the posting carries its hash.
        name = 'f/' + page + '-' + code + '.js';
      } else {
        var g = 0;
        for (var i = 0; i < code.length; i++) g = g * 64 + DIGITS[code[i]];
        name = 'f/' + g + '-' + m.fragmentGroups.substr(g * m.fragmentHashChars, m.fragmentHashChars) + '.js';
      }
      // Asked for once however many results share it, whatever the loader.
      if (!groupFiles[name]) {
        groupFiles[name] = load(name);
        groupFiles[name].catch(function () { delete groupFiles[name]; });
      }
      return (await groupFiles[name])[page];
    }

    function excerpt(m, text, surfaces) {
      text = text.normalize('NFKC');
      var ws = words(text);
      var hit = function (w) {
        return fold(w.text).split('-').some(function (p) {
          if (surfaces.has(p)) return true;
          for (var s of surfaces) {
            if (s.length >= m.excerpt.minAffix && p.length > s.length &&
                (p.lastIndexOf(s, 0) === 0 || p.indexOf(s, p.length - s.length) >= 0)) return true;
          }
          return false;
        });
      };
      var first = ws.findIndex(hit);
      if (first < 0) return null;
      var start = Math.max(0, first - m.excerpt.before);
      var end = Math.min(ws.length, start + m.excerpt.words);
      var html = start > 0 ? '… ' : '';
      for (var i = start; i < end; i++) {
        if (i > start) html += escapeHtml(text.slice(ws[i - 1].to, ws[i].from).replace(/\s+/g, ' '));
        var w = escapeHtml(text.slice(ws[i].from, ws[i].to));
        html += hit(ws[i]) ? '<mark>' + w + '</mark>' : w;
      }
      if (end < ws.length) html += ' …';
      else html += escapeHtml(text.slice(ws[end - 1].to).replace(/\s+/g, ' ').trimEnd());
      return html;
    }

    /** Summed scores of the query's clauses, with the all-words bonus, phrases and exact phrases. */
    async function totals(m, bm, p) {
      var total = { pages: new Map(), sections: new Map() };
      var perClause = p.clauses.map(function (c) { return clauseScores(m, bm, c); });
      perClause.forEach(function (s) { addInto(total, s); });
      // Neighbouring words that stand together score each pair once (pairs.rs).
      p.pairs.forEach(function (pair) { addInto(total, pairScores(m, bm, pair)); });
      if (p.allWords) {
        // Records with every word score their sum once more; with three or
        // more words, those missing one score it once more as well.
        var words = perClause.slice(0, p.allWords);
        var n = words.length;
        var bonus = { pages: new Map(), sections: new Map() };
        ['pages', 'sections'].forEach(function (k) {
          var seen = new Map();
          words.forEach(function (w) {
            w[k].forEach(function (v, r) {
              var e = seen.get(r) || [0, 0];
              e[0]++;
              e[1] = f32(e[1] + v);
              seen.set(r, e);
            });
          });
          seen.forEach(function (e, r) {
            var add = 0;
            if (e[0] === n) add = e[1];
            if (n >= 3 && e[0] >= n - 1) add = f32(add + e[1]);
            if (add) bonus[k].set(r, add);
          });
        });
        addInto(total, bonus);
      }
      var phraseOf = function (h) {
        return h.length === 1 ? Promise.resolve(termScores(m, bm, h[0])) : phraseScores(m, bm, h);
      };
      var done = await Promise.all([
        Promise.all(p.phrases.map(function (h) { return h.length ? phraseOf(h) : Promise.resolve(null); })),
        Promise.all(p.excludedPhrases.map(phraseOf)),
        Promise.all(p.exactPhrases.map(function (e) { return phraseOf(e.hits); }))
      ]);
      var phrases = done[0], excludedPhrases = done[1], exactPhrases = done[2];
      phrases.forEach(function (s) { if (s) addInto(total, s); });
      // Records with the wording as typed score that phrase once more (query.rs `exact_phrase_query`).
      exactPhrases.forEach(function (exact, i) {
        var searched = phrases[p.exactPhrases[i].phrase];
        var bonus = { pages: new Map(), sections: new Map() };
        ['pages', 'sections'].forEach(function (k) {
          exact[k].forEach(function (v, r) { if (searched[k].has(r)) bonus[k].set(r, searched[k].get(r)); });
        });
        addInto(total, bonus);
      });
      var excluded = new Set();
      p.excluded.forEach(function (c) { termScores(m, bm, c[0]).pages.forEach(function (v, n) { excluded.add(n); }); });
      excludedPhrases.forEach(function (s) { s.pages.forEach(function (v, n) { excluded.add(n); }); });
      return { total: total, excluded: excluded };
    }

    /** Pages that match, each with the better of its own score and its best section's (combine). */
    function matchingPages(m, scored) {
      var best = new Map();
      scored.total.sections.forEach(function (v, key) {
        var page = Math.floor(key / SECTION_KEY), local = key % SECTION_KEY;
        var b = best.get(page);
        var q = quantize(m, v);
        if (!b || q > b.q || (q === b.q && local < b.local)) best.set(page, { score: v, q: q, local: local });
      });
      var matches = [];
      scored.total.pages.forEach(function (score, n) {
        if (scored.excluded.has(n)) return;
        var b = best.get(n);
        matches.push({ page: n, score: b ? combine(score, b.score) : score, section: b ? b.local : null });
      });
      return matches;
    }

    /** Whether page n has a wanted value of every filtered facet (but `except`). */
    function passes(facets, filters, n, except) {
      return Object.keys(filters).every(function (facet) {
        var wanted = filters[facet] || [];
        if (!wanted.length || facet === except) return true;
        return (facets[facet] || []).some(function (v) { return wanted.indexOf(v.value) >= 0 && v.pages.has(n); });
      });
    }

    /** Per facet, its values with the number of matches each would keep. */
    function facetCounts(facets, filters, matches) {
      var out = {};
      Object.keys(facets).forEach(function (facet) {
        var pool = matches.filter(function (x) { return passes(facets, filters, x.page, facet); });
        out[facet] = facets[facet].map(function (v) {
          var count = 0;
          pool.forEach(function (x) { if (v.pages.has(x.page)) count++; });
          return { value: v.value, label: v.label, count: count };
        }).filter(function (v) { return v.count > 0 || (filters[facet] || []).indexOf(v.value) >= 0; });
      });
      return out;
    }

    /**
     * The surface forms of the query's matched terms, from every chunk loaded
     * (never waiting for a chunk another query still waits for).
     */
    function matchedSurfaces(p) {
      var matched = new Set();
      p.clauses.concat(p.phrases).forEach(function (c) { c.forEach(function (h) { matched.add(h.term); }); });
      var surfaces = new Set();
      loadedChunks.forEach(function (c) {
        c.surfaces.forEach(function (s) { if (matched.has(c.termList[s[1]][0])) surfaces.add(s[0]); });
      });
      return surfaces;
    }

    /** One result as the page shows it, from its fragment. */
    function result(m, x, f, surfaces) {
      // The opening (id "") is the page itself: no anchor, no section.
      var record = x.section === null ? null : f.sections[x.section];
      var section = record && record.id ? record : null;
      var source = section ? section.text : f.text;
      var ex = excerpt(m, source, surfaces);
      if (ex === null) ex = f.summary ? escapeHtml(f.summary) : escapeHtml(source.split(/\s+/).slice(0, m.excerpt.words).join(' '));
      return {
        url: section ? f.url + '#' + section.id : f.url,
        title: f.title,
        kind: f.kind,
        kindLabel: f.kindLabel,
        score: Math.round(x.score * 1e6) / 1e6,
        excerpt: ex,
        section: section ? { id: section.id, heading: section.heading } : null,
        page: x.page
      };
    }

    async function search(query, options) {
      options = options || {};
      var limit = options.limit == null ? 10 : options.limit;
      var offset = options.offset || 0;
      var filters = options.filters || {};
      var wantFacets = options.facets !== false;
      var m = await getManifest();
      var parsed = parse(query);
      if (options.prefix && parsed.words.length && !/\s$/.test(query)) {
        parsed.words[parsed.words.length - 1].prefix = true;
      }
      var hasFilters = Object.keys(filters).some(function (k) { return filters[k] && filters[k].length; });
      var planned = await Promise.all([plan(m, parsed), facetSets(m, wantFacets || hasFilters)]);
      var p = planned[0], facets = planned[1];
      var matches = matchingPages(m, await totals(m, scorer(m), p));
      var kept = matches.filter(function (x) { return passes(facets, filters, x.page); });
      kept.sort(function (a, b) { return quantize(m, b.score) - quantize(m, a.score) || a.page - b.page; });
      var shown = kept.slice(offset, offset + limit);
      var frags = await Promise.all(shown.map(function (x) { return fragment(m, x.page); }));
      var surfaces = matchedSurfaces(p);
      return {
        query: query,
        total: kept.length,
        offset: offset,
        notes: p.notes,
        results: shown.map(function (x, i) { return result(m, x, frags[i], surfaces); }),
        facets: wantFacets && facets ? facetCounts(facets, filters, matches) : null
      };
    }
    return { search: search, manifest: getManifest };
  }

  var api = { createClient: createClient, scriptLoader: scriptLoader, fileLoader: fileLoader, parse: parse, escapeHtml: escapeHtml };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.KennisbankSearch = api;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
