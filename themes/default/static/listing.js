/*
 * Kennisbank listing filters (listing.html): the reader filters a kind's list
 * by the references the schema names (municipality, theme) and sorts it. The
 * page holds everything: each item's values in data-kb-filter ("field=slug …")
 * and its date in data-kb-date; the form is in the page, hidden until this
 * script shows it, so without JavaScript the whole list stays. Within a filter
 * any chosen value passes, across filters all must; each value's count is
 * what choosing it would show. The choice is kept in the URL; the number shown
 * is announced politely.
 */
(function () {
  'use strict';

  function start() {
    var panel = document.getElementById('kb-lijstfilters');
    var list = document.getElementById('kb-lijst');
    var status = document.getElementById('kb-lijststatus');
    if (!panel || !list || !status) return;
    var form = panel.querySelector('form');
    var order = document.getElementById('kb-volgorde');
    var clear = document.getElementById('kb-wis');
    var boxes = Array.prototype.slice.call(form.querySelectorAll('input[type=checkbox]'));
    var names = [];
    boxes.forEach(function (b) { if (names.indexOf(b.name) < 0) names.push(b.name); });
    var collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });
    var items = Array.prototype.map.call(list.children, function (li, i) {
      var values = {};
      (li.getAttribute('data-kb-filter') || '').split(' ').forEach(function (pair) {
        var at = pair.indexOf('=');
        if (at < 0) return;
        var name = pair.slice(0, at);
        (values[name] = values[name] || []).push(pair.slice(at + 1));
      });
      var link = li.querySelector('a');
      return { li: li, index: i, values: values, title: link ? link.textContent : '', date: li.getAttribute('data-kb-date') || '' };
    });
    var one = panel.getAttribute('data-one');
    var many = panel.getAttribute('data-many');

    function chosen() {
      var out = {};
      names.forEach(function (n) { out[n] = []; });
      boxes.forEach(function (b) { if (b.checked) out[b.name].push(b.value); });
      return out;
    }
    // Whether `item` passes every filter but `except`.
    function passes(item, filters, except) {
      return names.every(function (n) {
        var wanted = filters[n];
        if (n === except || !wanted.length) return true;
        return (item.values[n] || []).some(function (v) { return wanted.indexOf(v) >= 0; });
      });
    }
    function compare(how) {
      if (how === 'titel') return function (a, b) { return collator.compare(a.title, b.title) || a.index - b.index; };
      if (how === 'nieuw' || how === 'oud') {
        var sign = how === 'nieuw' ? -1 : 1;
        return function (a, b) {
          // Undated items go last whichever way.
          if (!a.date !== !b.date) return a.date ? -1 : 1;
          return sign * (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.index - b.index;
        };
      }
      return function (a, b) { return a.index - b.index; };
    }
    function writeUrl(filters) {
      var params = new URLSearchParams();
      names.forEach(function (n) { filters[n].forEach(function (v) { params.append(n, v); }); });
      if (order && order.selectedIndex > 0) params.set('volgorde', order.value);
      var query = params.toString();
      try {
        history.replaceState(null, '', query ? '?' + query : window.location.pathname);
      } catch (err) { /* some browsers refuse this on file:// */ }
    }
    function readUrl() {
      var params = new URLSearchParams(window.location.search);
      boxes.forEach(function (b) { b.checked = params.getAll(b.name).indexOf(b.value) >= 0; });
      var how = params.get('volgorde');
      if (order && how && order.querySelector('option[value="' + how.replace(/[^a-z]/g, '') + '"]')) order.value = how;
    }
    function apply(announce) {
      var filters = chosen();
      var active = names.some(function (n) { return filters[n].length; });
      var shown = 0;
      items.forEach(function (item) {
        var ok = passes(item, filters, null);
        item.li.hidden = !ok;
        if (ok) shown++;
      });
      boxes.forEach(function (b) {
        var count = items.filter(function (item) {
          return passes(item, filters, b.name) && (item.values[b.name] || []).indexOf(b.value) >= 0;
        }).length;
        b.parentNode.querySelector('[data-kb-count]').textContent = count;
        b.parentNode.hidden = count === 0 && !b.checked;
      });
      items.slice().sort(compare(order ? order.value : '')).forEach(function (item) { list.appendChild(item.li); });
      clear.hidden = !active;
      var text = !active ? items.length + ' ' + (items.length === 1 ? one : many) + '.' :
        shown === 0 ? 'Geen ' + many + ' met deze filters. Zet een filter uit of kies ‘Wis filters’.' :
          shown + ' van de ' + items.length + ' ' + many + ' getoond.';
      if (announce || status.textContent !== text) status.textContent = text;
      writeUrl(filters);
    }

    form.addEventListener('change', function () { apply(true); });
    form.addEventListener('submit', function (e) { e.preventDefault(); });
    clear.addEventListener('click', function () {
      boxes.forEach(function (b) { b.checked = false; });
      apply(true);
      // The button hides itself; focus goes to the first filter.
      var first = boxes.filter(function (b) { return !b.parentNode.hidden; })[0];
      if (first) first.focus();
    });
    readUrl();
    panel.hidden = false;
    // A reader who came with a choice in the URL sees it applied at once.
    if (boxes.some(function (b) { return b.checked; })) panel.open = true;
    apply(false);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
