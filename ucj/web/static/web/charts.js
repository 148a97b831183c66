/* UCJ Monev charts: trend lines and choropleths drawn with the Plotly.js served from the
   installed plotly package. Data comes from json_script blocks on the page; nothing is
   fetched from outside the machine (topojsonURL points at our own empty base layer). */
(function () {
  "use strict";
  var me = document.getElementById("ucj-charts");
  var lang = document.documentElement.lang || "id";
  var config = {
    displaylogo: false,
    responsive: true,
    topojsonURL: me ? me.dataset.topojson : "/static/web/topojson/",
    modeBarButtonsToRemove: ["select2d", "lasso2d"]
  };
  var separators = lang === "en" ? ".," : ",.";
  // Month names on chart axes and hovers as people write them: "Sep 2024", "Agu 2025".
  var ID_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                   "September", "Oktober", "November", "Desember"];
  if (typeof Plotly !== "undefined" && lang === "id") {
    // The chart toolbar's words (Plotly ships no Indonesian): screens speak one language.
    Plotly.register({moduleType: "locale", name: "id", dictionary: {
      "Autoscale": "Skala otomatis",
      "Box Select": "Pilih kotak",
      "Compare data on hover": "Bandingkan data saat ditunjuk",
      "Double-click to zoom back out": "Klik dua kali untuk kembali",
      "Download plot": "Unduh grafik",
      "Download plot as a PNG": "Unduh grafik sebagai PNG",
      "Image download succeeded": "Gambar berhasil diunduh",
      "Lasso Select": "Pilih laso",
      "Pan": "Geser",
      "Preparing image - this may take a few seconds": "Menyiapkan gambar, tunggu sebentar",
      "Reset": "Kembalikan",
      "Reset axes": "Kembalikan sumbu",
      "Reset view": "Kembalikan tampilan",
      "Reset views": "Kembalikan tampilan",
      "Share chart...": "Bagikan grafik…",
      "Show closest data on hover": "Tampilkan data terdekat saat ditunjuk",
      "Snapshot succeeded": "Tangkapan berhasil",
      "Sorry, there was a problem downloading your image!": "Maaf, gambar gagal diunduh.",
      "Toggle Spike Lines": "Garis bantu",
      "Toggle show closest data on hover": "Data terdekat saat ditunjuk",
      "Zoom": "Perbesar area",
      "Zoom in": "Perbesar",
      "Zoom out": "Perkecil"
    }, format: {
      days: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
      shortDays: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
      months: ID_MONTHS,
      shortMonths: ID_MONTHS.map(function (m) { return m.slice(0, 3); }),
      decimal: ",", thousands: "."
    }});
    config.locale = "id";
  }

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function labels() {
    return data("chart-labels") || {};
  }
  function category(stored) {
    var names = labels().categories || {};
    return names[stored] || stored;
  }
  function pct(v) {
    if (v === null || v === undefined) return "–";
    return Number(v).toLocaleString(lang === "en" ? "en-GB" : "id-ID", {maximumFractionDigits: 2}) + "%";
  }

  function drawTrend() {
    var el = document.getElementById("trend");
    var points = data("trend-data");
    if (!el || !points) return;
    var L = labels();
    if (!points.length) {
      el.textContent = L.no_data || "";
      return;
    }
    // Months as dates so that a projection years ahead is drawn to scale.
    var day = function (period) { return period + "-01"; };
    var x = points.map(function (p) { return day(p.period); });
    var traces = [{
      x: x, y: points.map(function (p) { return p.coverage_pct; }),
      name: L.coverage, mode: "lines+markers", line: {color: "#0b5394", width: 3},
      text: points.map(function (p) { return category(p.category || "") + (p.is_sample ? " · " + (L.sample || "") : ""); }),
      hovertemplate: "%{x|%b %Y}: %{y:.2f}% %{text}<extra></extra>"
    }];
    if (points.some(function (p) { return p.target_pct !== null; })) {
      traces.push({x: x, y: points.map(function (p) { return p.target_pct; }), name: L.target,
        mode: "lines", line: {color: "#b91c1c", dash: "dash", width: 2}});
    }
    if (points.some(function (p) { return p.reported_pct !== null; })) {
      traces.push({x: x, y: points.map(function (p) { return p.reported_pct; }), name: L.reported,
        mode: "markers", marker: {color: "#7c3aed", symbol: "diamond", size: 9}});
    }
    var proj = data("projection-data");
    var last = points[points.length - 1];
    if (proj && proj.reach_period && last.coverage_pct !== null) {
      var tgt = points.map(function (p) { return p.target_pct; }).filter(function (v) { return v !== null; }).pop();
      traces.push({x: [day(last.period), day(proj.reach_period)], y: [last.coverage_pct, tgt], name: L.projection,
        mode: "lines", line: {color: "#0b5394", dash: "dot", width: 2}});
    }
    Plotly.newPlot(el, traces, {
      separators: separators, margin: {t: 10, r: 10, b: 40, l: 50}, height: 320,
      yaxis: {ticksuffix: "%", rangemode: "tozero"}, xaxis: {type: "date", tickformat: "%b %Y"},
      legend: {orientation: "h", y: -0.2}
    }, config);
  }

  function drawMap(el) {
    var payload = data(el.dataset.map);
    if (!payload) return;
    // Same-origin request; the browser caches the shapes (ETag / max-age).
    fetch(payload.geojson_url, {credentials: "same-origin"})
      .then(function (r) { return r.json(); })
      .then(function (geojson) { payload.geojson = geojson; plotMap(el, payload); });
  }

  function mapHeight(el, b) {
    // Height that shows the whole box at the div's width on a Mercator map, plus legend.
    if (!b) return 460;
    var merc = function (lat) { return Math.log(Math.tan(Math.PI / 4 + lat * Math.PI / 360)); };
    var ratio = (merc(b[3]) - merc(b[1])) / ((b[2] - b[0]) * Math.PI / 180);
    return Math.min(640, Math.max(260, Math.round(el.clientWidth * ratio))) + 40;
  }

  function geoLayout(payload) {
    var geo = {visible: false, projection: {type: "mercator"}};
    if (payload.bounds) {
      // fitbounds would keep the world's aspect and draw the region small.
      geo.lonaxis = {range: [payload.bounds[0], payload.bounds[2]]};
      geo.lataxis = {range: [payload.bounds[1], payload.bounds[3]]};
    } else {
      geo.fitbounds = "locations";
    }
    return geo;
  }

  function plotMap(el, payload, onClick) {
    var groups = {};
    var order = [];
    var hint = payload.hint ? " · " + payload.hint : "";
    payload.regions.forEach(function (r) {
      var key = r.category || labels().no_category || "–";
      if (!groups[key]) { groups[key] = {colour: r.colour, rows: []}; order.push(key); }
      groups[key].rows.push(r);
    });
    var traces = order.map(function (key) {
      var g = groups[key];
      return {
        type: "choropleth", geojson: payload.geojson, featureidkey: "id",
        locations: g.rows.map(function (r) { return r.code; }),
        z: g.rows.map(function () { return 1; }),
        customdata: g.rows.map(function (r) { return r.url; }),
        text: g.rows.map(function (r) { return r.name + ": " + pct(r.value) + " (" + key + ")" + hint; }),
        hovertemplate: "%{text}<extra></extra>",
        colorscale: [[0, g.colour], [1, g.colour]], showscale: false,
        marker: {line: {color: "#ffffff", width: 0.5}},
        name: key, showlegend: true
      };
    });
    el.dataset.ready = "";
    return Plotly.newPlot(el, traces, {
      separators: separators, margin: {t: 0, r: 0, b: 0, l: 0},
      height: mapHeight(el, payload.bounds),
      geo: geoLayout(payload),
      legend: {orientation: "h", y: 0}
    }, config).then(function () {
      if (el.removeAllListeners) el.removeAllListeners("plotly_click");
      el.on("plotly_click", function (ev) {
        var point = ev.points && ev.points[0];
        if (!point) return;
        if (onClick) { onClick(point.location, point.customdata); return; }
        if (point.customdata) window.location.href = point.customdata;
      });
      el.dataset.ready = "1";
      el.dataset.layer = payload.layer || "";
    });
  }

  function boundsOf(geojson) {
    // (west, south, east, north) of a FeatureCollection's outer rings, padded a little.
    var w = 180, s = 90, e = -180, n = -90;
    geojson.features.forEach(function (f) {
      f.geometry.coordinates.forEach(function (polygon) {
        (polygon[0] || []).forEach(function (p) {
          if (p[0] < w) w = p[0]; if (p[0] > e) e = p[0];
          if (p[1] < s) s = p[1]; if (p[1] > n) n = p[1];
        });
      });
    });
    var px = (e - w) * 0.03, py = (n - s) * 0.03;
    return [w - px, s - py, e + px, n + py];
  }

  function drillMap(select) {
    // The national map: 38 provinces; a click on one (or the select, for keyboards)
    // shows its kab/kota on the same map; "kabkota" shows all 514.
    var el = document.getElementById(select.dataset.target);
    var back = document.getElementById(select.dataset.back);
    var open = document.getElementById(select.dataset.open);
    var national = el ? data(el.dataset.map) : null;
    var json = function (r) { return r.json(); };
    var rows = null;
    var names = {};
    if (!el || !national) return;
    national.regions.forEach(function (r) { names[r.code] = r; });

    function kabkotaRows() {
      // The same rows as the league table's JSON twin, fetched once.
      if (!rows) {
        rows = fetch(select.dataset.rows, {credentials: "same-origin"}).then(json).then(function (d) {
          return d.rows.map(function (r) {
            // The figure shown: computed, else reported (issue 13).
            var value = r.headline_pct !== undefined ? r.headline_pct : r.coverage_pct;
            return {code: r.code, name: r.name, value: value, category: category(r.category || ""),
                    colour: r.category_colour || "#dddddd", url: r.url};
          });
        });
      }
      return rows;
    }
    function shapes(layer) {
      return fetch(select.dataset.geojson.replace("__layer__", layer), {credentials: "same-origin"}).then(json);
    }
    function show(layer) {
      select.value = layer;
      back.hidden = !layer;
      var province = names[layer];
      open.hidden = !province;
      if (province) {
        open.href = province.url;
        open.textContent = open.dataset.label + ": " + province.name + " ›";
      }
      if (!layer) {
        plotMap(el, {geojson: national.geojson, regions: national.regions, bounds: national.bounds,
                     hint: el.dataset.hint, layer: ""}, show);
        return;
      }
      Promise.all([shapes(layer), kabkotaRows()]).then(function (got) {
        var regions = got[1].filter(function (r) {
          return layer === "kabkota" || r.code.indexOf(layer + ".") === 0;
        });
        plotMap(el, {geojson: got[0], regions: regions, bounds: boundsOf(got[0]), layer: layer});
      });
    }
    select.addEventListener("change", function () { show(select.value); });
    back.addEventListener("click", function () { show(""); select.focus(); });
    shapes("provinsi").then(function (geojson) {
      national.geojson = geojson;
      show("");
    });
  }

  function start() {
    if (typeof Plotly === "undefined") return;
    drawTrend();
    Array.prototype.forEach.call(document.querySelectorAll("[data-map]:not([data-drill])"), drawMap);
    Array.prototype.forEach.call(document.querySelectorAll("select[data-target]"), drillMap);
  }
  if (document.readyState === "complete") start(); else window.addEventListener("load", start);
})();
