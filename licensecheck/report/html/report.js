/* SPDX-License-Identifier: Apache-2.0 */
/* licensecheck's one report script (docs/report-layer.md): filters, the side panel, result panels.
   Vanilla JavaScript, no network, works from file://. Reports add their own code in the `script` block
   and use window.LC. */
(function () {
  "use strict";
  var LC = window.LC = window.LC || {};

  /* the report's data: <script type="application/json" id="lc-data"> (absent: null) */
  var dataNode = document.getElementById("lc-data");
  LC.data = dataNode ? JSON.parse(dataNode.textContent) : null;

  /* -- small DOM helpers ------------------------------------------------------------------- */
  LC.el = function (tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        if (key === "text") { node.textContent = attrs[key]; } else if (attrs[key] !== null && attrs[key] !== undefined) { node.setAttribute(key, attrs[key]); }
      });
    }
    (children || []).forEach(function (child) {
      if (child !== null && child !== undefined) { node.appendChild(typeof child === "string" ? document.createTextNode(child) : child); }
    });
    return node;
  };
  /* a copy of a <template id="..."> rendered by the macros (badges, reasons) */
  LC.clone = function (id) {
    var template = document.getElementById(id);
    return template ? template.content.cloneNode(true) : document.createTextNode("");
  };
  LC.badge = function (verdict) { return LC.clone("lc-badge-" + verdict); };
  /* text with its `backticked` words as <code>, as the code_ticks filter does */
  LC.ticks = function (text) {
    var fragment = document.createDocumentFragment();
    String(text).split("`").forEach(function (part, index) {
      fragment.appendChild(index % 2 ? LC.el("code", { text: part }) : document.createTextNode(part));
    });
    return fragment;
  };
  LC.list = function (items) {
    return LC.el("ul", null, items.map(function (item) { return LC.el("li", null, [LC.ticks(item)]); }));
  };

  /* a result panel, like the result_panel macro: {verdict, conditions, duties, choice, errors,
     reasons: [template ids of reasons], remedies: [{change, verdict, note, reasons}] or null} */
  LC.resultNode = function (result) {
    var box = LC.el("div", { "class": "lc-result" });
    box.appendChild(LC.el("p", null, [LC.badge(result.verdict)]));
    if (result.choice) { box.appendChild(LC.el("p", null, ["choice: ", LC.el("b", { text: result.choice })])); }
    [["conditions", result.conditions], ["duties", result.duties], ["errors", result.errors]].forEach(function (part) {
      if (part[1] && part[1].length) { box.appendChild(LC.el("h4", { text: part[0] })); box.appendChild(LC.list(part[1])); }
    });
    if (result.reasons && result.reasons.length) {
      box.appendChild(LC.el("h4", { text: "reasons (the clauses, quoted, with file:line)" }));
      result.reasons.forEach(function (id) { box.appendChild(LC.clone(id)); });
    }
    if (result.remedies && result.remedies.length) {
      box.appendChild(LC.el("h4", { text: "what would make it allowed" }));
      var list = LC.el("ul");
      result.remedies.forEach(function (remedy) {
        var item = LC.el("li", null, [LC.badge(remedy.verdict), " ", LC.ticks(remedy.note),
          LC.el("code", { text: " " + JSON.stringify(remedy.change) })]);
        (remedy.reasons || []).forEach(function (id) { item.appendChild(LC.clone(id)); });
        list.appendChild(item);
      });
      box.appendChild(list);
    }
    return box;
  };

  /* -- the side panel ------------------------------------------------------------------------ */
  var panel = document.getElementById("lc-panel");
  var lastOpener = null;
  LC.panel = {
    open: function (title, body, opener) {
      if (!panel) { return; }
      panel.querySelector(".lc-panel-head h2").textContent = title;
      var holder = panel.querySelector(".lc-panel-body");
      holder.textContent = "";
      holder.appendChild(body);
      panel.hidden = false;
      if (lastOpener) { lastOpener.classList.remove("lc-selected"); }
      lastOpener = opener || null;
      if (lastOpener) { lastOpener.classList.add("lc-selected"); }
      panel.querySelector(".lc-panel-head button").focus();
    },
    close: function () {
      if (!panel) { return; }
      panel.hidden = true;
      if (lastOpener) { lastOpener.classList.remove("lc-selected"); lastOpener.focus(); }
    }
  };
  if (panel) {
    panel.querySelector(".lc-panel-head button").addEventListener("click", LC.panel.close);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { LC.panel.close(); }
  });

  /* elements matching `selector` open the panel (click, Enter or Space): fn(element) -> {title, body} */
  LC.onOpen = function (selector, fn) {
    function handle(event) {
      var target = event.target.closest ? event.target.closest(selector) : null;
      if (!target) { return; }
      if (event.type === "keydown" && event.key !== "Enter" && event.key !== " ") { return; }
      event.preventDefault();
      var shown = fn(target);
      if (shown) { LC.panel.open(shown.title, shown.body, target); }
    }
    document.addEventListener("click", handle);
    document.addEventListener("keydown", handle);
  };

  /* -- filters --------------------------------------------------------------------------------
     <select data-lc-filter="NAME" [data-lc-attr="ATTR"] [data-lc-mode="hide|dim"]>: when a value is
     chosen, elements with ATTR (default data-lc-NAME) whose space-separated tokens do not include it
     are hidden (mode hide) or dimmed (mode dim, exact match). A column header <th data-col="N" ATTR>
     that is hidden hides the cells with data-col="N" of its table. One generated stylesheet does the
     hiding, so large tables filter at once. */
  var filterStyle = document.createElement("style");
  document.head.appendChild(filterStyle);
  function cssString(value) { return "\"" + String(value).replace(/["\\]/g, "\\$&") + "\""; }
  LC.applyFilters = function () {
    var rules = [];
    var counts = [];
    document.querySelectorAll("[data-lc-filter]").forEach(function (control) {
      var value = control.value;
      if (!value) { return; }
      var attr = control.getAttribute("data-lc-attr") || ("data-lc-" + control.getAttribute("data-lc-filter"));
      if (control.getAttribute("data-lc-mode") === "dim") {
        rules.push(".lc-matrix [" + attr + "]:not([" + attr + "=" + cssString(value) + "]) { opacity: 0.15; }");
        return;
      }
      rules.push("[" + attr + "]:not([" + attr + "~=" + cssString(value) + "]) { display: none !important; }");
      document.querySelectorAll("table[id] th[data-col][" + attr + "]").forEach(function (header) {
        var tokens = (header.getAttribute(attr) || "").split(" ");
        if (tokens.indexOf(value) < 0) {
          rules.push("#" + header.closest("table").id + " [data-col=" + cssString(header.getAttribute("data-col")) + "] { display: none !important; }");
        }
      });
      counts.push(value);
    });
    filterStyle.textContent = rules.join("\n");
    /* a header spanning grouped columns spans the visible ones only */
    document.querySelectorAll("th[data-lc-span]").forEach(function (header) {
      var table = header.closest("table");
      var shown = header.getAttribute("data-lc-span").split(" ").filter(function (col) {
        var th = table.querySelector("th[data-col=" + cssString(col) + "]");
        return th && th.offsetParent !== null;
      }).length;
      header.hidden = shown === 0;
      if (shown) { header.colSpan = shown; }
    });
    document.body.setAttribute("data-lc-filtered", counts.length ? "yes" : "no");
  };
  document.querySelectorAll("[data-lc-filter]").forEach(function (control) {
    control.addEventListener("change", LC.applyFilters);
  });
  var reset = document.querySelector("[data-lc-reset]");
  if (reset) {
    reset.addEventListener("click", function () {
      document.querySelectorAll("[data-lc-filter]").forEach(function (control) { control.value = ""; });
      LC.applyFilters();
    });
  }
  LC.applyFilters();
  document.body.setAttribute("data-lc-ready-ms", String(Math.round(performance.now())));
  document.body.setAttribute("data-lc-ready", "yes");
}());
