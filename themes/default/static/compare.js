// Progressive enhancement for comparison tables: sortable columns, a row
// filter, and a comparison of the subjects the reader picks. The table is
// complete and readable without this script.
(function () {
  "use strict";
  function cellKey(row, index) {
    var cell = row.children[index];
    return cell ? (cell.getAttribute("data-sort") || cell.textContent.trim().toLowerCase()) : "";
  }
  function enhance(table) {
    var headers = table.tHead.rows[0].cells;
    var body = table.tBodies[0];
    var status = document.createElement("p");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      button.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellKey(a, index), y = cellKey(b, index);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
        status.textContent = "Gesorteerd op " + button.textContent + ", " + (ascending ? "oplopend" : "aflopend") + ".";
      });
    });
    var label = document.createElement("label");
    var id = "kb-filter-" + Math.random().toString(36).slice(2);
    label.setAttribute("for", id);
    label.textContent = "Filter de rijen: ";
    var input = document.createElement("input");
    input.type = "search";
    input.id = id;
    var none = document.createElement("p");
    none.className = "notice";
    none.hidden = true;
    input.addEventListener("input", function () {
      var match = matcher(input.value);
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var ok = match(row);
        row.hidden = !ok;
        if (ok) { shown += 1; }
      });
      none.hidden = shown > 0;
      none.textContent = shown ? "" : "Geen rij past bij “" + input.value.trim() + "”. Typ een deel van een naam of waarde; meer namen scheidt u met komma’s.";
      status.textContent = shown ? shown + " van " + body.rows.length + " rijen zichtbaar." : none.textContent;
    });
    var wrap = document.createElement("p");
    wrap.className = "table-filter";
    wrap.appendChild(label);
    wrap.appendChild(input);
    var region = table.closest(".table-scroll") || table;
    region.parentNode.insertBefore(wrap, region);
    region.parentNode.insertBefore(status, region);
    region.parentNode.insertBefore(none, region);
  }

  // A row matches when it contains the text, or one of its comma-separated
  // parts ("Zaanstad, Haarlem"); words of three letters or more also match
  // the row's name ("zaanstad haarlem"), but not the rest of the row, so a
  // sentence does not match every row through one common word.
  function matcher(value) {
    var q = value.trim().toLowerCase();
    if (!q) return function () { return true; };
    var parts = q.split(/[,;]+/).map(function (s) { return s.trim(); }).filter(Boolean);
    var words = q.split(/[\s,;]+/).filter(function (w) { return w.length > 2; });
    return function (row) {
      var text = row.textContent.toLowerCase();
      var link = row.cells[0].querySelector("a");
      var name = (link ? link.textContent : row.cells[0].textContent).toLowerCase();
      return parts.some(function (p) { return text.indexOf(p) !== -1; }) ||
        words.some(function (w) { return name.indexOf(w) !== -1; });
    };
  }

  // The comparison the reader picks: the chosen subjects as columns, the
  // fields as rows; fields all chosen leave unknown are folded away. The
  // choice lives in the URL, so a comparison can be shared.
  function picker(section) {
    var table = document.querySelector("table[data-sortable]");
    if (!table) return;
    var param = section.getAttribute("data-param");
    var boxes = section.querySelectorAll("input[type=checkbox]");
    var out = section.querySelector(".kb-chosen");
    var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) { return th.textContent.trim(); });
    var rows = {};
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      rows[row.getAttribute("data-subject")] = row;
    });
    function cellOf(row, i) {
      var cell = row.cells[i];
      var unknown = !!cell.querySelector(".unknown, .missing");
      return { text: cell.textContent.trim(), unknown: unknown };
    }
    function build(chosen, fields, caption) {
      var t = document.createElement("table");
      t.className = "chosen";
      var cap = t.createCaption();
      cap.textContent = caption;
      var head = t.createTHead().insertRow();
      var corner = document.createElement("th");
      corner.scope = "col";
      corner.textContent = "Kenmerk";
      head.appendChild(corner);
      chosen.forEach(function (slug) {
        var th = document.createElement("th");
        th.scope = "col";
        th.appendChild(rows[slug].cells[0].querySelector("a").cloneNode(true));
        head.appendChild(th);
      });
      var tbody = t.createTBody();
      fields.forEach(function (i) {
        var tr = tbody.insertRow();
        var th = document.createElement("th");
        th.scope = "row";
        th.textContent = labels[i];
        tr.appendChild(th);
        chosen.forEach(function (slug) {
          var c = cellOf(rows[slug], i);
          var td = tr.insertCell();
          if (c.unknown) {
            var span = document.createElement("span");
            span.className = "unknown";
            span.textContent = c.text;
            td.appendChild(span);
          } else {
            td.textContent = c.text;
          }
        });
      });
      var scroll = document.createElement("div");
      scroll.className = "table-scroll";
      scroll.setAttribute("role", "region");
      scroll.setAttribute("aria-label", caption);
      scroll.tabIndex = 0;
      scroll.appendChild(t);
      return scroll;
    }
    function render() {
      var chosen = Array.prototype.filter.call(boxes, function (b) { return b.checked; }).map(function (b) { return b.value; });
      var params = new URLSearchParams(window.location.search);
      params.delete(param);
      chosen.forEach(function (slug) { params.append(param, slug); });
      try {
        history.replaceState(null, "", "?" + params.toString() + window.location.hash);
      } catch (err) { /* some browsers refuse this on file:// */ }
      out.textContent = "";
      if (!chosen.length) return;
      var known = [], unknown = [];
      for (var i = 1; i < labels.length; i += 1) {
        var all = chosen.every(function (slug) { return cellOf(rows[slug], i).unknown; });
        (all ? unknown : known).push(i);
      }
      var names = chosen.map(function (slug) { return rows[slug].cells[0].querySelector("a").textContent; });
      var note = document.createElement("p");
      note.textContent = chosen.length === 1 ? "Kies nog een gemeente om " + names[0] + " mee te vergelijken." :
        chosen.length > 4 ? "U koos er " + chosen.length + "; met twee tot vier blijft de tabel leesbaar op een telefoon." :
        names.join(", ") + " naast elkaar: " + known.length + " kenmerken waarvan de bronnen iets zeggen.";
      out.appendChild(note);
      out.appendChild(build(chosen, known, "Gekozen: " + names.join(", ")));
      if (unknown.length) {
        var more = document.createElement("details");
        var summary = document.createElement("summary");
        summary.textContent = "Toon ook onbekende kenmerken (" + unknown.length + ")";
        more.appendChild(summary);
        more.appendChild(build(chosen, unknown, "Kenmerken die de bronnen voor " + names.join(", ") + " niet geven"));
        out.appendChild(more);
      }
    }
    var wanted = new URLSearchParams(window.location.search).getAll(param);
    Array.prototype.forEach.call(boxes, function (b) {
      b.checked = wanted.indexOf(b.value) !== -1;
      b.addEventListener("change", render);
    });
    section.hidden = false;
    render();
  }

  document.querySelectorAll("table[data-sortable]").forEach(enhance);
  document.querySelectorAll("[data-picker]").forEach(picker);
})();
