// Progressive enhancement for comparison tables: sortable columns and a row
// filter. The table is complete and readable without this script.
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
    input.addEventListener("input", function () {
      var q = input.value.trim().toLowerCase();
      var shown = 0;
      Array.prototype.forEach.call(body.rows, function (row) {
        var match = row.textContent.toLowerCase().indexOf(q) !== -1;
        row.hidden = !match;
        if (match) { shown += 1; }
      });
      status.textContent = shown + " van " + body.rows.length + " rijen zichtbaar.";
    });
    var wrap = document.createElement("p");
    wrap.className = "table-filter";
    wrap.appendChild(label);
    wrap.appendChild(input);
    var region = table.closest(".table-scroll") || table;
    region.parentNode.insertBefore(wrap, region);
    region.parentNode.insertBefore(status, region);
  }
  document.querySelectorAll("table[data-sortable]").forEach(enhance);
})();
