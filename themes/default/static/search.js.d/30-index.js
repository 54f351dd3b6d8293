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
    var groupFiles = {};

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
        if (m.chunks[mid] <= surface) lo = mid; else hi = mid - 1;
      }
      return lo;
    }

    /** Chunk i's terms ('t') or positions ('p') file (export.rs `put_chunk`). */
    function chunkFile(m, kind, i) {
      var w = m.chunkHashChars;
      return kind + '-' + i + '-' + m.chunkFiles.substr(i * w, w) + '.js';
    }

    function chunk(m, i) {
      if (!chunkCache[i]) {
        chunkCache[i] = load(chunkFile(m, 't', i)).then(function (data) {
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
          // A rare compound carries its parts' surfaces (export.rs `put_chunk`).
          return { term: c.termList[c.surfaces[i][1]][0], chunk: c, parts: c.surfaces[i][2] || null };
        }
        return null;
      });
    }

    /** Every (surface, term, chunk) whose surface starts with prefix, in surface order. */
    function withPrefix(m, prefix, maxChunks) {
      var first = chunkIndex(m, prefix);
      var last = first;
      while (last + 1 < m.chunks.length && m.chunks[last + 1].lastIndexOf(prefix, 0) === 0) last++;
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

    /** A term chunk entry's document frequency in each field that has it. */
    function fieldDfs(m, entry) {
      return Object.keys(entry.fields).map(function (f) {
        var fp = entry.fields[f];
        return postings(fp[0]).length + sectionPostings(fp[1]).length;
      });
    }

    function docFreq(m, c, term) {
      return fieldDfs(m, c.terms[term]).reduce(function (a, b) { return a + b; }, 0);
    }

    function byTerm(list) {
      var seen = {};
      return list.filter(function (x) { if (seen[x.term]) return false; seen[x.term] = true; return true; });
    }

    function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

    // Edits a typo may have by word length (plan.rs `max_edits`): the
    // manifest's table, its last entry for any longer word.
    function maxEdits(m, len) { return m.maxEdits[Math.min(len, m.maxEdits.length - 1)]; }

