/* UCJ Monev, every page: the phone menu, rupiah/count inputs shown formatted, region
   pickers with type-ahead, and client-side sorting of tables marked `sortable`.
   Everything here is an improvement only: without this file every form still works
   (the server parses `1.000.000`, names, aliases and codes). No inline code (CSP). */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");
  var lang = root.lang === "en" ? "en" : "id";

  /* Phone menu: the header's nav collapses behind a button (CSS shows it ≤ 700 px). */
  var toggle = document.querySelector(".menu-toggle");
  var menu = document.getElementById("site-menu");
  if (toggle && menu) {
    toggle.addEventListener("click", function () {
      var open = menu.classList.toggle("open");
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }

  /* Numbers as Indonesian write them: 1.000.000 (the server accepts the same). */
  function group(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  }
  var SCALES = {ribu: 1e3, rb: 1e3, juta: 1e6, jt: 1e6, miliar: 1e9, milyar: 1e9, triliun: 1e12};
  function parse(text, currency) {
    var v = (text || "").replace(/\u00a0/g, " ").trim().toLowerCase();
    if (!v) return null;
    if (currency) v = v.replace(/^rp\.?\s*/, "");
    var m = v.match(/^([\d.,\s]*\d)\s*([a-z]+)?$/);
    if (!m) return NaN;
    var num = m[1].replace(/\s/g, ""), scale = m[2] ? SCALES[m[2]] : 1, value;
    if (!scale) return NaN;
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(num) || /^\d+(,\d+)?$/.test(num)) {
      value = parseFloat(num.replace(/\./g, "").replace(",", "."));
    } else if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(num)) {
      value = parseFloat(num.replace(/,/g, ""));
    } else {
      return NaN;
    }
    value = value * scale;
    return Math.abs(value - Math.round(value)) < 1e-6 ? Math.round(value) : NaN;
  }
  function shortRupiah(n) {
    var words = lang === "en"
      ? [[1e12, "trillion"], [1e9, "billion"], [1e6, "million"]]
      : [[1e12, "triliun"], [1e9, "miliar"], [1e6, "juta"]];
    for (var i = 0; i < words.length; i++) {
      if (n >= words[i][0]) {
        var s = (n / words[i][0]).toFixed(2);
        return "Rp" + (lang === "en" ? s : s.replace(".", ",")) + " " + words[i][1];
      }
    }
    return "";
  }
  document.querySelectorAll("input[data-amount]").forEach(function (input) {
    var currency = input.dataset.amount === "rupiah";
    var out = input.parentNode.querySelector('output[for="' + input.id + '"]');
    function show() {
      if (!out) return;
      var n = parse(input.value, currency);
      if (n === null) { out.textContent = ""; return; }
      if (isNaN(n)) { out.textContent = "?"; return; }
      var full = (currency ? "Rp" : "") + (lang === "en" ? group(n).replace(/\./g, ",") : group(n));
      var short = currency ? shortRupiah(n) : "";
      out.textContent = full + (short ? " (" + short + ")" : "");
    }
    input.addEventListener("input", show);
    input.addEventListener("blur", function () {
      var n = parse(input.value, currency);
      if (n !== null && !isNaN(n)) input.value = group(n);
      show();
    });
    show();
  });

  /* Region pickers: the same list as the header's region switcher, loaded once. */
  var regions = null;
  function loadRegions(url) {
    if (!regions) {
      regions = fetch(url, {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (d) { return d.regions || []; })
        .catch(function () { regions = null; return []; });
    }
    return regions;
  }
  function optionValue(r) { return r.name + " (" + r.code + ")"; }
  function fillList(list, rows) {
    if (list.dataset.filled) return;
    list.dataset.filled = "1";
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) {
      var o = document.createElement("option");
      o.value = optionValue(r);
      var extra = [r.province].concat(r.aliases || []).filter(Boolean).join(" · ");
      if (extra) o.label = extra;
      frag.appendChild(o);
    });
    list.appendChild(frag);
  }
  var PICKED = /\((\d{2}(?:\.\d{2}){0,3})\)\s*$/;
  document.querySelectorAll("input.region-picker").forEach(function (input) {
    var list = document.getElementById(input.getAttribute("list"));
    var chips = input.dataset.multiple ? document.querySelector('[data-chips-for="' + input.id + '"]') : null;
    function addChip(text) {
      var chip = document.createElement("span");
      chip.className = "chip";
      chip.textContent = text + " ";
      var hidden = document.createElement("input");
      hidden.type = "hidden"; hidden.name = input.name; hidden.value = text;
      var remove = document.createElement("button");
      remove.type = "button"; remove.textContent = "×";
      remove.setAttribute("aria-label", (lang === "en" ? "Remove " : "Hapus ") + text);
      remove.addEventListener("click", function () { chip.remove(); input.focus(); });
      chip.appendChild(hidden); chip.appendChild(remove);
      chips.appendChild(chip);
    }
    if (chips && input.value) {
      // A form shown again (with an error): picked regions become chips again.
      var rest = [];
      input.value.split(/\s*;\s*/).forEach(function (part) {
        if (PICKED.test(part)) addChip(part); else if (part) rest.push(part);
      });
      input.value = rest.join("; ");
    }
    function prime() {
      loadRegions(input.dataset.source).then(function (rows) { if (list) fillList(list, rows); });
    }
    input.addEventListener("focus", prime);
    input.addEventListener("input", function () {
      prime();
      if (chips && PICKED.test(input.value) && list && list.querySelector('option[value="' + input.value.replace(/"/g, "") + '"]')) {
        addChip(input.value.trim());
        input.value = "";
      }
    });
  });

  /* A table box that scrolls can be scrolled by keyboard too (focusable, named region). */
  function markScrollers() {
    document.querySelectorAll(".scroll").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1 || box.scrollHeight > box.clientHeight + 1;
      if (!scrolls || box.hasAttribute("tabindex")) return;
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      var caption = box.querySelector("caption");
      var heading = box.closest("section") && box.closest("section").querySelector("h2, h3");
      var name = (caption && caption.textContent) || (heading && heading.textContent) || document.title;
      box.setAttribute("aria-label", name.trim());
    });
  }
  markScrollers();
  window.addEventListener("resize", markScrollers);

  /* Tables marked sortable: click a header to sort (numbers as Indonesian write them). */
  function key(cell) {
    var t = (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent).trim();
    var n = t.replace(/^Rp/, "").replace(/%$/, "").replace(/\./g, "").replace(",", ".");
    return /^-?\d+(\.\d+)?$/.test(n) ? parseFloat(n) : t.toLowerCase();
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.querySelectorAll("thead th");
    heads.forEach(function (th, index) {
      if (th.dataset.nosort !== undefined || !th.textContent.trim()) return;  // nothing to name it
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.classList.add("sortable");
      button.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a.cells[index] || a), y = key(b.cells[index] || b);
          if (x === y) return 0;
          return (x < y ? -1 : 1) * (asc ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  });

  /* A table wider than its box scrolls sideways: keyboard users reach the box with Tab and
     scroll it with the arrow keys (WCAG 2.1.1). */
  document.querySelectorAll(".scroll").forEach(function (box) {
    if (box.scrollWidth > box.clientWidth && !box.hasAttribute("tabindex")) box.tabIndex = 0;
  });
})();
