/*
 * Kennisbank search interface: the search field in every page header (a
 * WAI-ARIA combobox with suggestions; "/" focuses it) and the results page
 * (zoeken.html: facet filters with counts, the query in the URL, counts
 * announced politely). Uses search.js; everything shown is escaped.
 */
(function () {
  'use strict';
  var KS = window.KennisbankSearch;
  if (!KS) return;
  var esc = KS.escapeHtml;
  var clients = {};
  function client(base) {
    if (!clients[base]) clients[base] = KS.createClient(KS.scriptLoader(base));
    return clients[base];
  }

  // Only the newest question's answer reaches the page: an answer that comes
  // late (its files were slow) must not replace a later query's, nor reopen
  // suggestions for a field cleared since. `ask()` before each new query
  // returns `current()`, true while nothing newer was asked; `same()` does so
  // for more of the query asked last; `drop()` makes every answer still on
  // its way stale.
  function newest() {
    var asked = 0;
    function since(mine) { return function () { return mine === asked; }; }
    return {
      ask: function () { return since(++asked); },
      same: function () { return since(asked); },
      drop: function () { asked++; }
    };
  }

  // ------------------------------------------------------------ combobox
  function setupCombobox(form) {
    var input = form.querySelector('[role=combobox]');
    var list = form.querySelector('[role=listbox]');
    var announce = form.querySelector('[role=status]');
    if (!input || !list) return;
    var base = form.getAttribute('data-index');
    var resultsUrl = form.getAttribute('data-results');
    var root = base.replace(/search\/$/, '');
    var active = -1;
    var items = [];
    var timer = null;
    var answers = newest();

    function say(text) { if (announce) announce.textContent = text; }
    function openList() {
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function select(i) {
      var options = list.querySelectorAll('[role=option]');
      options.forEach(function (o, k) { o.setAttribute('aria-selected', k === i ? 'true' : 'false'); });
      active = i;
      if (i >= 0) input.setAttribute('aria-activedescendant', options[i].id);
      else input.removeAttribute('aria-activedescendant');
    }
    // `query`: what the suggestions are for, kept on the list (data-query) so
    // tests can tell the last answer from an earlier one still arriving.
    function show(results, query) {
      items = results;
      list.setAttribute('data-query', query);
      list.innerHTML = results.map(function (r, i) {
        return '<li role="option" id="kb-suggestie-' + i + '" aria-selected="false">' + esc(r.title) +
          '<small>' + esc(r.kindLabel) + (r.section ? ' · ' + esc(r.section.heading) : '') + '</small></li>';
      }).join('');
      if (!results.length) { close(); say('Geen suggesties.'); return; }
      openList();
      active = -1;
      say(results.length === 1 ? '1 suggestie; kies met pijltje omlaag.' :
        results.length + ' suggesties; kies met pijltjes omhoog en omlaag.');
    }
    function go(r) { window.location.href = root + r.url; }

    // Focus comes before the first keystroke: the manifest loads then, so
    // typing starts with the term chunks.
    input.addEventListener('focus', function () { client(base).manifest().catch(function () {}); });
    input.addEventListener('input', function () {
      clearTimeout(timer);
      var q = input.value;
      if (!q.trim()) { answers.drop(); close(); items = []; say(''); return; }
      timer = setTimeout(function () {
        var current = answers.ask();
        client(base).search(q, { limit: 6, prefix: true, facets: false }).then(function (res) {
          if (current()) show(res.results, q);
        }, function () {
          if (current()) close();
        });
      }, 120);
    });
    input.addEventListener('keydown', function (e) {
      var open = !list.hidden;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        if (!items.length) return;
        // Closed with suggestions kept (after Escape): the arrow opens them again.
        if (!open) { openList(); select(e.key === 'ArrowDown' ? 0 : items.length - 1); return; }
        if (e.key === 'ArrowDown') select((active + 1) % items.length);
        else select(active <= 0 ? items.length - 1 : active - 1);
      } else if (e.key === 'Enter') {
        if (open && active >= 0) { e.preventDefault(); go(items[active]); }
      } else if (e.key === 'Escape') {
        if (open) { e.preventDefault(); close(); } else { clearTimeout(timer); answers.drop(); input.value = ''; items = []; say(''); }
      }
    });
    input.addEventListener('blur', function () { setTimeout(close, 150); });
    list.addEventListener('mousedown', function (e) {
      var li = e.target.closest('[role=option]');
      if (!li) return;
      e.preventDefault();
      go(items[+li.id.replace('kb-suggestie-', '')]);
    });
    form.addEventListener('submit', function (e) {
      if (!input.value.trim()) { e.preventDefault(); return; }
      if (resultsUrl) {
        e.preventDefault();
        window.location.href = resultsUrl + '?q=' + encodeURIComponent(input.value);
      }
    });
  }

  document.addEventListener('keydown', function (e) {
    if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target;
    if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
    var input = document.getElementById('kb-zoekterm') || document.getElementById('kb-zoekveld');
    if (input) { e.preventDefault(); input.focus(); }
  });

  // ------------------------------------------------------------ results page
  function setupResultsPage(page) {
    page.hidden = false;
    var base = page.getAttribute('data-index');
    var root = base.replace(/search\/$/, '');
    var form = document.getElementById('kb-zoekformulier');
    var input = document.getElementById('kb-zoekterm');
    var status = document.getElementById('kb-status');
    var list = document.getElementById('kb-resultaten');
    var filterBox = document.getElementById('kb-filters');
    var more = document.getElementById('kb-meer');
    var moreStatus = document.getElementById('kb-meer-status');
    var clear = document.getElementById('kb-wis');
    var state = readUrl();
    // The list shows PAGE results at a time: a query loads only what it shows.
    var PAGE = 10;
    var shown = 0;
    var total = 0;
    var answers = newest();
    // The facets and their legends come with the manifest (facetNames,
    // facetLegends), which the page loads with itself; the URL's filters are
    // read once they are known.
    var facetNames = null;
    var legends = {};
    function facetsKnown() {
      return client(base).manifest().then(function (m) {
        if (facetNames) return;
        facetNames = m.facetNames;
        facetNames.forEach(function (f, i) { legends[f] = m.facetLegends[i]; });
        state.filters = readFilters();
      });
    }
    input.value = state.q;

    function readUrl() {
      return { q: new URLSearchParams(window.location.search).get('q') || '', filters: {} };
    }
    function readFilters() {
      var params = new URLSearchParams(window.location.search);
      var filters = {};
      facetNames.forEach(function (f) { filters[f] = params.getAll(f); });
      return filters;
    }
    function writeUrl() {
      var params = new URLSearchParams();
      if (state.q) params.set('q', state.q);
      Object.keys(state.filters).forEach(function (f) {
        state.filters[f].forEach(function (v) { params.append(f, v); });
      });
      try {
        history.replaceState(null, '', '?' + params.toString());
      } catch (err) { /* some browsers refuse this on file:// */ }
    }
    function renderFacets(facets) {
      // A keyboard user who just toggled a filter keeps focus on it.
      var focused = filterBox.contains(document.activeElement) ? document.activeElement : null;
      filterBox.innerHTML = facetNames.map(function (f) {
        var values = (facets && facets[f]) || [];
        if (!values.length) return '';
        return '<fieldset><legend>' + esc(legends[f]) + '</legend>' + values.map(function (v) {
          var checked = state.filters[f].indexOf(v.value) >= 0 ? ' checked' : '';
          return '<label><input type="checkbox" name="' + f + '" value="' + esc(v.value) + '"' + checked + '> ' +
            esc(v.label) + ' <span class="count">(' + v.count + ')</span></label>';
        }).join('') + '</fieldset>';
      }).join('');
      if (focused) {
        var again = Array.prototype.find.call(filterBox.querySelectorAll('input'), function (box) {
          return box.name === focused.name && box.value === focused.value;
        });
        if (again) again.focus();
      }
    }
    function itemHtml(r) {
      return '<li><h2><a href="' + esc(root + r.url) + '">' + esc(r.title) + '</a></h2>' +
        '<p class="meta">' + esc(r.kindLabel) + (r.section ? ' · ' + esc(r.section.heading) : '') + '</p>' +
        '<p>' + r.excerpt + '</p></li>';
    }
    function showMore() {
      more.hidden = shown >= total;
      if (clear) clear.hidden = !Object.keys(state.filters).some(function (f) { return state.filters[f].length; });
    }
    function run() {
      var current = answers.ask();
      moreStatus.textContent = '';
      if (state.q.trim()) status.textContent = 'Zoeken…';
      facetsKnown().then(function () {
        if (!current()) return null;
        writeUrl();
        if (!state.q.trim()) {
          status.textContent = 'Typ een zoekvraag.';
          list.innerHTML = '';
          filterBox.innerHTML = '';
          shown = total = 0;
          showMore();
          return null;
        }
        return client(base).search(state.q, { filters: state.filters, limit: PAGE });
      }).then(function (res) {
        if (!res || !current()) return;
        var count = res.total === 0 ? 'Geen resultaten voor “' + state.q + '”.' :
          res.total + (res.total === 1 ? ' resultaat' : ' resultaten') + ' voor “' + state.q + '”.';
        var note = noteHtml(res.notes);
        status.innerHTML = esc(count) + (note ? ' ' + note : '') + (res.total === 0 ? ' ' + nextHtml() : '');
        renderFacets(res.facets);
        list.innerHTML = res.results.map(itemHtml).join('');
        shown = res.results.length;
        total = res.total;
        showMore();
      }, function () {
        if (current()) status.textContent = 'Zoeken lukt nu niet: de zoekgegevens konden niet worden geladen. Laad de pagina opnieuw of probeer het later.';
      });
    }
    // The next PAGE results, appended; focus moves to the first of them and
    // the count is announced, so a screen reader user continues where the
    // new results begin.
    more.addEventListener('click', function () {
      // More of the list on screen: a query asked since makes this stale.
      var current = answers.same();
      more.disabled = true;
      client(base).search(state.q, { filters: state.filters, limit: PAGE, offset: shown, facets: false }).then(function (res) {
        more.disabled = false;
        if (!current() || !res.results.length) return;
        var from = shown + 1;
        list.insertAdjacentHTML('beforeend', res.results.map(itemHtml).join(''));
        var first = list.children[shown];
        shown += res.results.length;
        total = res.total;
        showMore();
        moreStatus.textContent = res.results.length + ' meer getoond: ' + from + ' tot en met ' + shown + ' van ' + total + '.';
        if (first) first.querySelector('a').focus();
      }, function () {
        more.disabled = false;
        moreStatus.textContent = 'De volgende resultaten konden niet worden geladen. Probeer het nog een keer.';
      });
    });
    // An empty result says what to try next: fewer filters, other words, or
    // the overviews of the site.
    function nextHtml() {
      var filtered = Object.keys(state.filters).some(function (f) { return state.filters[f].length; });
      return filtered ? 'Probeer het zonder filters: kies ‘Wis filters’.' :
        'Probeer een ander of korter woord, of een woord minder. U kunt ook bladeren via <a href="' + esc(root) + 'index.html">de startpagina</a>.';
    }
    // A word no page uses is named, with the nearest spelling the site uses
    // as a link to the query with that spelling (the CLI says the same); so
    // is a word searched as a typo's correction, which may be another word.
    function noteHtml(notes) {
      if (!notes || !(notes.unmatched.length || notes.corrected.length)) return '';
      var quote = function (s) { return '‘' + esc(s) + '’'; };
      var words = notes.unmatched.map(function (u) {
        if (!u.suggestion) return quote(u.word);
        var q = state.q.split(/(\s+)/).map(function (part) {
          return part.toLowerCase() === u.word ? u.suggestion : part;
        }).join('');
        return quote(u.word) + ' (bedoelde u <a href="?q=' + esc(encodeURIComponent(q)) + '">' + quote(u.suggestion) + '</a>?)';
      }).concat(notes.corrected.map(function (c) { return quote(c.word); }));
      var out = 'Geen pagina gebruikt ' + words.join(' of ');
      if (notes.searched.length) out += '; gezocht op ' + notes.searched.map(quote).join(', ');
      return out + '.';
    }
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      state.q = input.value;
      run();
    });
    // While the visitor types a next query, it is searched unseen 120 ms
    // after the last keystroke: its index files and its first results' files
    // load, so submitting shows the results without waiting for the network.
    var typing = null;
    input.addEventListener('input', function () {
      clearTimeout(typing);
      var q = input.value;
      if (!q.trim()) return;
      typing = setTimeout(function () {
        client(base).preload(q, { filters: state.filters, limit: PAGE }).catch(function () {});
      }, 120);
    });
    // "Wis filters" drops every filter; focus goes to the search field, as
    // the button itself disappears with the last filter.
    if (clear) clear.addEventListener('click', function () {
      Object.keys(state.filters).forEach(function (f) { state.filters[f] = []; });
      run();
      input.focus();
    });
    filterBox.addEventListener('change', function (e) {
      var box = e.target;
      if (!box || box.type !== 'checkbox') return;
      var values = state.filters[box.name];
      var i = values.indexOf(box.value);
      if (box.checked && i < 0) values.push(box.value);
      if (!box.checked && i >= 0) values.splice(i, 1);
      run();
    });
    run();
  }

  function start() {
    document.querySelectorAll('form.site-search').forEach(setupCombobox);
    var page = document.getElementById('kb-zoeken');
    if (page) setupResultsPage(page);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
