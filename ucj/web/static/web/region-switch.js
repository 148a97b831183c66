/* Region switcher: fills the search box's datalist (the browser's own type-ahead, usable
   by keyboard) from one small same-origin JSON the first time the box gets focus, and
   opens a region's page as soon as one of its suggestions is picked. Without this file
   the form still works: the server resolves what was typed. */
(function () {
  "use strict";
  var input = document.getElementById("region-q");
  var list = document.getElementById("region-options");
  if (!input || !list) return;
  var byValue = {};
  var loading = null;

  function label(r) {
    var parts = [];
    if (r.province) parts.push(r.province);
    if (r.aliases && r.aliases.length) parts.push(r.aliases.join(", "));
    return parts.join(" · ");
  }
  function fill(rows) {
    var frag = document.createDocumentFragment();
    rows.forEach(function (r) {
      var option = document.createElement("option");
      option.value = r.name + " (" + r.code + ")";
      var text = label(r);
      if (text) option.label = text;
      byValue[option.value] = r.url;
      frag.appendChild(option);
    });
    list.appendChild(frag);
  }
  function load() {
    if (!loading) {
      loading = fetch(input.dataset.source, {credentials: "same-origin"})
        .then(function (r) { return r.json(); })
        .then(function (d) { fill(d.regions || []); })
        .catch(function () { loading = null; });
    }
    return loading;
  }
  input.addEventListener("focus", load);
  input.addEventListener("input", function () {
    load();
    var url = byValue[input.value];
    if (url) window.location.href = url;  // a suggestion was picked (mouse or keyboard)
  });
})();
