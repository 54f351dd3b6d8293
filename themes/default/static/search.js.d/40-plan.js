    // Word lookups, in the same steps as src/search/lookup.rs.
    function lookups(m) {
      var stop = new Set(m.stop);
      var short = new Set(m.shortParts);
      function exactHit(word) {
        return exact(m, word).then(function (h) { return h ? { surface: word, term: h.term, chunk: h.chunk, parts: h.parts } : null; });
      }
      // Other spellings of a word that may stand for it: a function word
      // only for a function word (lookup.rs `first_used`).
      function allowed(word, list) {
        var isStop = stop.has(word);
        return list.filter(function (v) { return isStop || !stop.has(v); });
      }
      // The word as written, else the first of its other forms the site uses.
      function form(word) {
        return exactHit(word).then(function (hit) {
          if (hit) return hit;
          var list = allowed(word, variants(word));
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
      // be another form too (lookup.rs `compound`).
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
        var head = Array.from(word).slice(0, m.fuzzyHead).join('');
        // Loaded even without a typo budget: `unmatched` reads the same range.
        return withPrefix(m, head, 6).then(function (found) {
          if (!edits) return [];
          var seen = {};
          var close = [];
          found.forEach(function (x) {
            if (Math.abs(Array.from(x.surface).length - len) > edits) return;
            var d = levenshtein(x.surface, word);
            if (d > edits) return;
            // A term's nearest surface stands for it (spelling.rs `fuzzy`).
            var had = seen[x.term];
            if (had) {
              if (d < had.d) { had.d = d; had.surface = x.surface; }
              return;
            }
            seen[x.term] = { surface: x.surface, term: x.term, chunk: x.chunk, d: d, df: docFreq(m, x.chunk, x.term) };
            close.push(seen[x.term]);
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
      // The first of a word's verb forms the site uses (lookup.rs
      // `verb_form`), their chunks asked for at once.
      function verbForm(word) {
        return Promise.all(allowed(word, verbForms(word)).map(exactHit)).then(function (hits) {
          return hits.filter(Boolean)[0] || null;
        });
      }
      // As lookup.rs `resolve`: the word's forms, its verb forms, a compound,
      // a typo. The verb forms, the compound split and the typo's neighbours
      // are looked up together (one wave of requests); the verb forms win.
      function resolve(word) {
        return form(word).then(function (hit) {
          if (hit) return { kind: 'term', hits: [hit] };
          var split = compound(word), near = fuzzy(word);
          split.catch(function () {}); near.catch(function () {});
          return verbForm(word).then(function (verb) {
            if (verb) return { kind: 'term', hits: [verb] };
            return split.then(function (parts) {
              if (parts) return { kind: 'parts', hits: parts };
              return near.then(function (close) {
                return close.length ? { kind: 'close', hits: close } : null;
              });
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
      // A word found nowhere, not even as a typo, that begins words the site
      // writes (the head of its compounds): those words, as for `head*`
      // (plan.rs `compound_head`).
      function head(word) {
        var list = [word].concat(variants(word)).filter(function (v) {
          return Array.from(v).length >= m.minHead && !stop.has(v);
        });
        var i = 0;
        function next() {
          if (i >= list.length) return Promise.resolve(null);
          var v = list[i++];
          return prefix(v).then(function (hits) { return hits.length ? { kind: 'prefix', hits: hits, label: v + '*' } : next(); });
        }
        return next();
      }
      return { stop: stop, form: form, resolve: resolve, head: head, prefix: prefix, phrase: phrase, unmatched: unmatched };
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
        var c = chunkIndex(m, term.split(' ')[0]);
        var files = m.pairFiles.substr(c * width, width);
        var count = DIGITS[files[width - 2]] * 64 + DIGITS[files[width - 1]];
        if (!count) return null;
        var name = 'r/' + c + '-' + files.slice(0, m.pairHashChars) + '-' + pairBucket(term, count) + '.js';
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
        var onlyStop = stop.has(ws[i].text);
        for (var k = 1; k < Math.min(m.maxPhraseWords, ws.length - i); k++) {
          if (ws[i + k - 1].prefix || ws[i + k].prefix) break;
          joined += ws[i + k].text;
          onlyStop = onlyStop && stop.has(ws[i + k].text);
          if (content && onlyStop) continue;
          add(joined);
          if (k === 1) linkedJoins(ws[i].text, ws[i + 1].text, stop, m.compoundLinks).forEach(add);
        }
      }
      separated(parsed, stop).forEach(function (j) {
        add(j);
        variants(j).filter(function (v) { return stop.has(j) || !stop.has(v); }).forEach(add);
      });
      parsed.phrases.concat(parsed.excludedPhrases).forEach(function (p) { p.forEach(add); });
      parsed.excludedWords.forEach(add);
      return Promise.all(Object.keys(wanted).map(function (i) { return chunk(m, +i); }));
    }

    /** A separable verb's particle at the end of the query, joined again (plan.rs). */
    function separated(parsed, stop) {
      var ws = parsed.words;
      if (!ws.length || ws[ws.length - 1].prefix) return [];
      var texts = ws.filter(function (w) { return !w.prefix; }).map(function (w) { return w.text; });
      return separable(texts, function (w) { return stop.has(w); });
    }

    function planLoaded(m, parsed) {
      var look = lookups(m);
      var ws = parsed.words;
      var content = ws.some(function (w) { return w.prefix || !look.stop.has(w.text); }) || parsed.phrases.length > 0;
      var notes = { unmatched: [], corrected: [], ignored: [], searched: [], parts: [] };
      var steps = ws.map(function (w) {
        if (content && !w.prefix && look.stop.has(w.text)) return Promise.resolve({ kind: 'stop' });
        if (w.prefix) return look.prefix(w.text).then(function (hits) { return hits.length ? { kind: 'prefix', hits: hits } : null; });
        return look.resolve(w.text).then(function (step) {
          if (!step) return look.head(w.text);
          // A compound the site writes in few places: its parts too (plan.rs `RARE_COMPOUND`).
          var parts = step.kind === 'term' && step.hits[0].parts;
          if (!parts) return step;
          return Promise.all(parts.map(look.form)).then(function (hits) { step.parts = hits; return step; });
        });
      });
      var joins = [];
      for (var i = 0; i < ws.length; i++) {
        var joined = ws[i].text;
        var onlyStop = look.stop.has(ws[i].text);
        for (var k = 1; k < Math.min(m.maxPhraseWords, ws.length - i); k++) {
          if (ws[i + k - 1].prefix || ws[i + k].prefix) break;
          joined += ws[i + k].text;
          // Not a run of function words alone (`zo dat` is not `zodat`).
          onlyStop = onlyStop && look.stop.has(ws[i + k].text);
          if (content && onlyStop) continue;
          joins.push(exact(m, joined));
          if (k === 1) {
            linkedJoins(ws[i].text, ws[i + 1].text, look.stop, m.compoundLinks).forEach(function (j) { joins.push(exact(m, j)); });
          }
        }
      }
      return Promise.all([
        Promise.all(steps), Promise.all(joins),
        Promise.all(parsed.phrases.map(look.phrase)),
        Promise.all(parsed.excludedWords.map(look.form)),
        Promise.all(parsed.excludedPhrases.map(look.phrase)),
        Promise.all(separated(parsed, look.stop).map(look.form))
      ]).then(function (r) {
        var clauses = [];
        var words = 0;
        var missing = [];
        // A word's clause, unless an earlier word's has the same terms: it
        // scores once and counts once (plan.rs `push_word`).
        var pushWord = function (hits) {
          var same = function (c) {
            return c.length === hits.length && c.every(function (h, k) { return h.term === hits[k].term; });
          };
          if (clauses.some(same)) return;
          words++;
          clauses.push(hits);
        };
        r[0].forEach(function (step, i) {
          var w = ws[i];
          if (step && step.kind === 'stop') {
            if (notes.ignored.indexOf(w.text) < 0) notes.ignored.push(w.text);
            return;
          }
          if (!step) { missing.push(w.text); return; }
          if (step.kind === 'prefix') {
            notes.searched.push(step.label || w.text + '*');
            pushWord(step.hits);
          } else if (step.kind === 'parts') {
            step.hits.forEach(function (h) { notes.searched.push(h.surface); pushWord([h]); });
          } else {
            // A typo's correction, which may be another word: named (plan.rs `Corrected`).
            if (step.kind === 'close') notes.corrected.push({ word: w.text, searched: step.hits[0].surface });
            notes.searched.push(step.hits[0].surface);
            pushWord(step.hits);
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
        r[5].forEach(function (hit) {
          if (hit && !clauses.some(function (c) { return c.length === 1 && c[0].term === hit.term; })) clauses.push([hit]);
        });
        // Rare compounds' parts, unless a word of the query already (plan.rs `parts`).
        var parts = [];
        r[0].forEach(function (step) {
          if (!step || !step.parts) return;
          step.parts.forEach(function (h) {
            var word = clauses.some(function (c) { return c.some(function (x) { return x.term === h.term; }); });
            if (word || parts.some(function (x) { return x.term === h.term; })) return;
            parts.push(h);
            notes.parts.push(h.surface);
          });
        });
        return Promise.all(missing.map(look.unmatched)).then(function (un) {
          notes.unmatched = un;
          return {
            clauses: clauses,
            parts: parts,
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

