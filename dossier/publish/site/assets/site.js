/* dossier offline site: search over indicator titles, document titles and 文号. The index is a script file
   (search-index.js sets window.DOSSIER_SEARCH), so it works from file:// with no server and no fetch. */
(function () {
  "use strict";
  var input = document.getElementById("q");
  var box = document.getElementById("results");
  var index = window.DOSSIER_SEARCH || [];
  if (!input || !box) { return; }
  function norm(s) { return String(s || "").toLowerCase().replace(/\s+/g, ""); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text) { e.textContent = text; }
    return e;
  }
  function show(q) {
    var n = norm(q);
    box.textContent = "";
    if (!n) { box.hidden = true; return; }
    var hits = [];
    for (var i = 0; i < index.length && hits.length < 50; i++) {
      var row = index[i];
      if (norm(row[1]).indexOf(n) >= 0 || norm(row[2]).indexOf(n) >= 0 || norm(row[4]).indexOf(n) >= 0) {
        hits.push(row);
      }
    }
    if (!hits.length) {
      box.appendChild(el("div", "none", "没有找到与“" + q + "”相符的指标或材料"));
    }
    hits.forEach(function (row) {
      var a = el("a", "hit");
      a.href = row[3];
      a.appendChild(el("span", "kind", row[0]));
      a.appendChild(document.createTextNode(row[1]));
      if (row[2]) { a.appendChild(el("span", "detail", row[2])); }
      box.appendChild(a);
    });
    box.hidden = false;
  }
  input.addEventListener("input", function () { show(input.value); });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Escape") { input.value = ""; show(""); }
    if (e.key === "Enter") { var first = box.querySelector("a.hit"); if (first) { window.location.href = first.href; } }
  });
  document.addEventListener("click", function (e) { if (!box.contains(e.target) && e.target !== input) { box.hidden = true; } });
})();
