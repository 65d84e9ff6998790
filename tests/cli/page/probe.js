// Appended to a copy of the overview page by the tests: once the page has
// loaded and its fonts are in, measures what the page shows and writes it as
// JSON into <pre id="probe-result">, which `chromium --dump-dom` prints.
(function () {
  "use strict";
  var px = function (v) { return Math.round(v * 10) / 10; };

  // Every piece of text a person sees, with its box in page coordinates.
  function textBoxes() {
    var boxes = [];
    var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    var node, id = 0;
    while ((node = walker.nextNode())) {
      var text = node.textContent.replace(/\s+/g, " ").trim();
      var parent = node.parentElement;
      if (!text || !parent || parent.closest("script, style, noscript, title, #probe-result")) { continue; }
      var style = getComputedStyle(parent);
      if (style.visibility === "hidden" || style.display === "none") { continue; }
      id += 1;
      var rects;
      if (parent instanceof SVGElement) {
        rects = [parent.getBoundingClientRect()];
      } else {
        var range = document.createRange();
        range.selectNodeContents(node);
        rects = Array.prototype.slice.call(range.getClientRects());
      }
      rects.forEach(function (r) {
        if (r.width < 0.5 || r.height < 0.5) { return; }
        boxes.push({ node: id, text: text.slice(0, 60), x0: px(r.left + scrollX), y0: px(r.top + scrollY),
          x1: px(r.right + scrollX), y1: px(r.bottom + scrollY) });
      });
    }
    return boxes;
  }

  // Two pieces of text drawn over each other: boxes of different text
  // nodes crossing by more than 1 px across and 30% of the lower one's
  // height (the rule tools/check-render applies to printed pages).
  function overlaps(boxes) {
    var found = [];
    var sorted = boxes.slice().sort(function (a, b) { return a.y0 - b.y0; });
    for (var i = 0; i < sorted.length; i++) {
      var a = sorted[i];
      for (var j = i + 1; j < sorted.length && sorted[j].y0 < a.y1; j++) {
        var b = sorted[j];
        if (a.node === b.node) { continue; }
        var dx = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
        var dy = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
        var height = Math.min(a.y1 - a.y0, b.y1 - b.y0);
        if (dx > 1 && dy > 0.3 * height) { found.push([a.text, b.text]); }
      }
    }
    return found;
  }

  // Text that runs out of the page or out of the box that clips it.
  function cut(boxes) {
    var width = document.documentElement.scrollWidth;
    var out = boxes.filter(function (b) { return b.x0 < -0.5 || b.x1 > width + 0.5; })
      .map(function (b) { return "past the page: " + b.text; });
    document.querySelectorAll("body *").forEach(function (el) {
      var style = getComputedStyle(el);
      var clips = ["hidden", "clip"].indexOf(style.overflowX) >= 0;
      if (clips && el.scrollWidth > el.clientWidth + 1 && el.textContent.trim()) {
        out.push("clipped: " + el.textContent.trim().slice(0, 60));
      }
    });
    return out;
  }

  function mapUnits() {
    return Array.prototype.map.call(document.querySelectorAll("#ban-do g.unit"), function (g) {
      var land = g.querySelector("path.land");
      var box = g.getBoundingClientRect();
      return {
        code: g.getAttribute("data-code"),
        classes: g.getAttribute("class").split(/\s+/),
        fill: land ? getComputedStyle(land).fill : null,
        rings: land ? (land.getAttribute("d").match(/M/g) || []).length : 0,
        box: [px(box.left + scrollX), px(box.top + scrollY), px(box.right + scrollX), px(box.bottom + scrollY)],
        islands: g.querySelectorAll("circle.island").length,
        tip: (g.querySelector("title") || {}).textContent || null
      };
    });
  }

  function tableRows(selector) {
    return Array.prototype.map.call(document.querySelectorAll(selector + " tbody tr"), function (tr) {
      return { code: tr.getAttribute("data-code"), cells: Array.prototype.map.call(tr.cells, function (td) {
        return td.textContent.replace(/\s+/g, " ").trim();
      }) };
    });
  }

  // The units' codes in the table's order after clicking the header
  // named `header` `times` times.
  function sortedBy(header, times) {
    var th = Array.prototype.find.call(document.querySelectorAll("#bang-don-vi thead th"), function (h) {
      return h.textContent.trim() === header;
    });
    if (!th) { return null; }
    for (var i = 0; i < times; i++) { th.click(); }
    return {
      codes: tableRows("#bang-don-vi").map(function (r) { return r.code; }),
      ariaSort: th.getAttribute("aria-sort")
    };
  }

  function visible(selector) {
    var el = document.querySelector(selector);
    return !!el && getComputedStyle(el).display !== "none" && el.getBoundingClientRect().height > 0;
  }

  function probe() {
    var boxes = textBoxes();
    var result = {
      overlaps: overlaps(boxes),
      cut: cut(boxes),
      texts: boxes.length,
      resources: performance.getEntriesByType("resource").map(function (e) { return e.name; }),
      map: mapUnits(),
      mapBox: (function () {
        var svg = document.getElementById("ban-do");
        if (!svg) { return null; }
        var r = svg.getBoundingClientRect();
        return [px(r.left + scrollX), px(r.top + scrollY), px(r.right + scrollX), px(r.bottom + scrollY)];
      })(),
      bars: Array.prototype.map.call(document.querySelectorAll(".bars"), function (chart) {
        return { group: chart.getAttribute("data-group"), codes: Array.prototype.map.call(
          chart.querySelectorAll(".bar-row[data-code]"), function (r) { return r.getAttribute("data-code"); }) };
      }),
      units: tableRows("#bang-don-vi"),
      cards: Array.prototype.map.call(document.querySelectorAll(".card"), function (c) {
        return c.textContent.replace(/\s+/g, " ").trim();
      }),
      hintShown: visible(".needs-script"),
      text: document.body.innerText
    };
    // Sorting changes the table: measured last.
    result.byRatio = sortedBy("Tỷ lệ", 1);
    result.byRatioAgain = sortedBy("Tỷ lệ", 1);
    result.byName = sortedBy("Tên đơn vị", 1);
    var pre = document.createElement("pre");
    pre.id = "probe-result";
    pre.textContent = JSON.stringify(result);
    document.body.appendChild(pre);
  }

  window.addEventListener("load", function () {
    document.fonts.ready.then(function () { setTimeout(probe, 200); });
  });
})();
