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

    /**
     * A term's document frequency for its IDF: the largest of its per-field
     * ones, so that a word is as rare in a title as in the body (query/idf.rs).
     */
    function termDf(m, entry) {
      if (entry.df === undefined) entry.df = Math.max.apply(null, [0].concat(fieldDfs(m, entry)));
      return entry.df;
    }

    /** Scores of one term: {pages: {n: s}, sections: {n: s}}, summed over fields. */
    function termScores(m, bm, hit) {
      var fields = hit.chunk.terms[hit.term].fields;
      var out = { pages: new Map(), sections: new Map() };
      var idf = bm.idf(termDf(m, hit.chunk.terms[hit.term]));
      Object.keys(fields).forEach(function (f) {
        var pages = postings(fields[f][0]);
        var sections = sectionPostings(fields[f][1]);
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
        c.positions = getManifest().then(function (m) { return load(chunkFile(m, 'p', c.chunk)); });
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
            var pages = postings(fp[0]), sections = sectionPostings(fp[1]);
            idf = f32(idf + bm.idf(termDf(m, h.chunk.terms[h.term])));
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
     * text fields): [term, pages, sections] for each field that has it, then
     * maybe its document frequency per field over every spelling of its
     * words, where that is not its own (pairs/rarity.rs).
     */
    function pairScores(m, bm, pair) {
      var out = { pages: new Map(), sections: new Map() };
      var spelt = Array.isArray(pair[pair.length - 1]) ? pair[pair.length - 1] : null;
      for (var k = 0; 2 * k + 2 < pair.length - (spelt ? 1 : 0); k++) {
        var pages = postings(pair[2 * k + 1]), sections = sectionPostings(pair[2 * k + 2]);
        var idf = bm.idf(spelt ? spelt[k] : pages.length + sections.length);
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
          var d = data[facet];
          var values = d.values.map(function (v) {
            var set = new Set();
            var last = 0;
            // Per value, its pages as deltas (facets.rs) ...
            if (v[3] !== undefined) varints(v[3]).forEach(function (x) { last += x; set.add(last); });
            return { value: v[0], label: v[1], pages: set };
          });
          // ... or one digit per page: 0 for none, else the value's place + 1.
          if (d.pages !== undefined) {
            for (var page = 0; page < d.pages.length; page++) {
              var digit = DIGITS[d.pages[page]];
              if (digit) values[digit - 1].pages.add(page);
            }
          }
          out[facet] = values;
        });
        return out;
      });
    }

    /**
     * Which file holds each result record, per page: in the manifest on a
     * small site, else in a file of its own, which a search asks for with
     * its term chunks (so it costs no round trip of its own).
     */
    var records = null;
    function recordTable(m) {
      if (!records) {
        records = typeof m.fragmentRecords === 'string' ? load(m.fragmentRecords) : Promise.resolve(m.fragmentRecords);
        records.catch(function () { records = null; });
      }
      return records;
    }

    /**
     * What a result shows of page `page`, record `local` (its best section;
     * null: the opening), from the file that holds it: records found together
     * share a file, so the results shown need few (the loader asks once).
     */
    async function fragment(m, page, local) {
      var name;
      if (m.fragmentGroups === null) {
        // A large site: one page per file, one code for them all.
        name = 'f/' + page + '-' + m.fragmentCode + '.js';
      } else {
        // The record table lists each record's group; the opening is record 0.
        var w = m.fragmentRecordChars, codes = (await recordTable(m))[page];
        var at = local !== null && (local + 1) * w <= codes.length ? local * w : 0;
        var g = 0;
        for (var i = 0; i < w; i++) g = g * 64 + DIGITS[codes[at + i]];
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
      // A rare compound's parts score at m.partWeight (a power of two: exact in f32).
      p.parts.forEach(function (h) {
        var s = clauseScores(m, bm, [h]);
        ['pages', 'sections'].forEach(function (k) {
          s[k].forEach(function (v, r) { s[k].set(r, f32(v * m.partWeight)); });
        });
        addInto(total, s);
      });
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

