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
      p.clauses.concat(p.phrases, [p.parts]).forEach(function (c) { c.forEach(function (h) { matched.add(h.term); }); });
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

    /** verbatim.rs `quoted`: the query's words, when they may be a quote. */
    function quoted(m, parsed) {
      if (parsed.phrases.length || parsed.excludedWords.length || parsed.excludedPhrases.length) return null;
      if (parsed.words.some(function (w) { return w.prefix; })) return null;
      var ws = [];
      parsed.words.forEach(function (w) { w.text.split('-').forEach(function (p) { if (p) ws.push(p); }); });
      var stop = new Set(m.stop);
      var function_ = ws.filter(function (w) { return stop.has(w); }).length;
      return ws.length >= 3 && function_ > 0 && function_ < ws.length ? ws : null;
    }

    /** verbatim.rs `says`: whether `text` holds the quote word for word. */
    function says(text, quote) {
      var folded = [];
      words(text.normalize('NFKC')).forEach(function (t) {
        fold(t.text).split('-').forEach(function (p) { if (p) folded.push(p); });
      });
      for (var i = 0; i + quote.length <= folded.length; i++) {
        var j = 0;
        while (j < quote.length && folded[i + j] === quote[j]) j++;
        if (j === quote.length) return true;
      }
      return false;
    }

    /** verbatim.rs `lift`: shown results that say the quote first, each group in score order. */
    function lift(quote, shown, frags) {
      var pairs = shown.map(function (x, i) {
        var f = frags[i];
        var record = x.section === null ? null : f.sections[x.section];
        var source = record && record.id ? record.text : f.text;
        return { x: x, f: f, says: says(f.title, quote) || says(source, quote), i: i };
      });
      pairs.sort(function (a, b) { return (b.says - a.says) || (a.i - b.i); });
      pairs.forEach(function (p, i) { shown[i] = p.x; frags[i] = p.f; });
    }

    // The search `preload` ran, until the same search asks for it.
    var prepared = null;
    function searchKey(query, options) { return JSON.stringify([query, options || {}]); }

    async function search(query, options) {
      if (prepared && prepared.key === searchKey(query, options)) {
        var ready = prepared.result;
        prepared = null;
        return ready;
      }
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
      var planned = await Promise.all([plan(m, parsed), facetSets(m, wantFacets || hasFilters), m.fragmentGroups === null ? null : recordTable(m)]);
      var p = planned[0], facets = planned[1];
      var matches = matchingPages(m, await totals(m, scorer(m), p));
      var kept = matches.filter(function (x) { return passes(facets, filters, x.page); });
      kept.sort(function (a, b) { return quantize(m, b.score) - quantize(m, a.score) || a.page - b.page; });
      var shown = kept.slice(offset, offset + limit);
      var frags = await Promise.all(shown.map(function (x) { return fragment(m, x.page, x.section); }));
      var quote = offset === 0 ? quoted(m, parsed) : null;
      if (quote) lift(quote, shown, frags);
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
    /**
     * Runs a search for `query` (with `options`, as `search` takes them)
     * unseen: it loads the term chunks, pair files, record table and the
     * result files of the results it would show, and the next `search` with
     * the same query and options returns its result. A page calls it while
     * the visitor types, so the search on Enter waits for nothing. A failed
     * search is run again by the next one.
     */
    async function preload(query, options) {
      var result = search(query, options);
      prepared = { key: searchKey(query, options), result: result };
      try {
        await result;
      } catch (e) {
        if (prepared && prepared.result === result) prepared = null;
        throw e;
      }
    }
    return { search: search, manifest: getManifest, preload: preload };
  }

  var api = { createClient: createClient, scriptLoader: scriptLoader, fileLoader: fileLoader, parse: parse, escapeHtml: escapeHtml };
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.KennisbankSearch = api;
  }
})(typeof globalThis !== 'undefined' ? globalThis : this);
