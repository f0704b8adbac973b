// cispgen serve: live reload and error overlay. Served only by `cispgen serve`, never
// part of a built site. Listens to Server-Sent Events on /_cispgen/events: a newer good
// build that changed this page reloads it; a failed build shows its errors over the
// page (built with textContent only: the data is never parsed as HTML), the last good
// page staying below; the warnings of a good build sit in a small panel, collapsed.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : null;
  var overlay = null;
  var panel = null;

  function el(tag, text, css) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (css) node.style.cssText = css;
    return node;
  }

  function hide() {
    if (overlay && overlay.parentNode) overlay.parentNode.removeChild(overlay);
    overlay = null;
  }

  function hideWarnings() {
    if (panel && panel.parentNode) panel.parentNode.removeChild(panel);
    panel = null;
  }

  function problem(e, css) {
    var box = el("div", null, css);
    var where = e.file + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "");
    box.appendChild(el("div", where, "color:#9cdcfe;font-weight:bold"));
    box.appendChild(el("div", e.message, "white-space:pre-wrap"));
    if (e.source) box.appendChild(el("pre", e.line + " | " + e.source, "margin:.5rem 0 0;white-space:pre-wrap;color:#ddd"));
    if (e.hint) box.appendChild(el("div", "aide : " + e.hint, "margin-top:.5rem;color:#b5e8a1;white-space:pre-wrap"));
    return box;
  }

  // Warnings do not hide the page: a <details> in a corner, closed, with their count.
  function showWarnings(warnings, count) {
    var wasOpen = !!(panel && panel.open); // a rebuild keeps the reader's choice
    hideWarnings();
    if (!warnings.length) return;
    var n = Math.max(Number(count) || 0, warnings.length);
    panel = el("details", null,
      "position:fixed;right:.5rem;bottom:.5rem;z-index:2147483646;max-width:min(40rem,calc(100vw - 1rem));" +
      "max-height:calc(100vh - 1rem);overflow:auto;box-sizing:border-box;padding:.5rem .75rem;" +
      "background:rgba(24,24,24,.94);color:#fff;font:15px/1.5 ui-monospace,monospace;border-radius:4px");
    panel.id = "cispgen-avertissements";
    panel.open = wasOpen;
    panel.appendChild(el("summary", n + (n > 1 ? " avertissements" : " avertissement") + " dans les données",
      "cursor:pointer;color:#ffe08a"));
    warnings.forEach(function (e) {
      panel.appendChild(problem(e, "margin:.75rem 0 0;padding:.5rem;border-left:4px solid #ffd24d;background:#000"));
    });
    if (n > warnings.length) {
      panel.appendChild(el("p", "… et " + (n - warnings.length) + " autres : lancez « cispgen check » pour tout voir", "margin:.75rem 0 0"));
    }
    (document.body || document.documentElement).appendChild(panel);
  }

  function show(errors) {
    hide();
    hideWarnings();
    overlay = el("div", null,
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;box-sizing:border-box;" +
      "padding:1.5rem;background:rgba(24,24,24,.94);color:#fff;font:15px/1.5 ui-monospace,monospace");
    overlay.id = "cispgen-erreurs";
    overlay.setAttribute("role", "alert");
    var n = errors.length;
    overlay.appendChild(el("h2",
      n + (n > 1 ? " erreurs" : " erreur") + " dans les données : la page affichée est la dernière version correcte",
      "margin:0 0 1rem;font-size:1.2rem;color:#ffb4b4"));
    errors.forEach(function (e) {
      overlay.appendChild(problem(e, "margin:0 0 1rem;padding:.75rem;border-left:4px solid #ff6b6b;background:#000"));
    });
    var close = el("button", "Fermer", "font:inherit;padding:.4rem 1rem;cursor:pointer");
    close.type = "button";
    close.addEventListener("click", hide);
    overlay.appendChild(close);
    (document.body || document.documentElement).appendChild(overlay);
  }

  // This page's address as the server lists changed files: "/formations/x/".
  function here() {
    var path = window.location.pathname;
    try { path = decodeURIComponent(path); } catch (e) { /* keep it encoded */ }
    return path.replace(/\/index\.html$/, "/");
  }

  // A newer build reloads the page when it changed this page, or when the page cannot
  // tell (a build was missed, or too many files changed to list them).
  function handle(status) {
    if (!status || typeof status !== "object") return;
    if (!status.ok) {
      show(Array.isArray(status.errors) ? status.errors : []);
      return;
    }
    hide();
    var warnings = Array.isArray(status.warnings) ? status.warnings : [];
    if (build === null || String(status.build) === build) {
      showWarnings(warnings, status.warning_count);
      return;
    }
    var next = Number(build) + 1 === Number(status.build);
    var listed = Array.isArray(status.changed);
    if (!next || !listed || status.changed.indexOf(here()) >= 0) {
      window.location.reload();
      return;
    }
    build = String(status.build);
    showWarnings(warnings, status.warning_count);
  }

  if (!window.EventSource) return;
  var source = new EventSource("/_cispgen/events");
  source.addEventListener("status", function (event) {
    var status = null;
    try { status = JSON.parse(event.data); } catch (e) { return; }
    handle(status);
  });
})();
