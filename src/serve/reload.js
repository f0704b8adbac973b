// cispgen serve: live reload and error overlay. Served only by `cispgen serve`, never
// part of a built site. Listens to Server-Sent Events on /_cispgen/events: a newer good
// build that changed this page reloads it; a failed build shows its errors over the
// page (built with textContent only: the data is never parsed as HTML), the last good
// page staying below.
(function () {
  "use strict";
  var script = document.currentScript;
  var build = script ? script.getAttribute("data-build") : null;
  var overlay = null;

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

  function show(errors) {
    hide();
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
      var box = el("div", null, "margin:0 0 1rem;padding:.75rem;border-left:4px solid #ff6b6b;background:#000");
      var where = e.file + (e.line ? ":" + e.line + (e.column ? ":" + e.column : "") : "");
      box.appendChild(el("div", where, "color:#9cdcfe;font-weight:bold"));
      box.appendChild(el("div", e.message, "white-space:pre-wrap"));
      if (e.source) box.appendChild(el("pre", e.line + " | " + e.source, "margin:.5rem 0 0;white-space:pre-wrap;color:#ddd"));
      if (e.hint) box.appendChild(el("div", "aide : " + e.hint, "margin-top:.5rem;color:#b5e8a1;white-space:pre-wrap"));
      overlay.appendChild(box);
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
    if (build === null || String(status.build) === build) return;
    var next = Number(build) + 1 === Number(status.build);
    var listed = Array.isArray(status.changed);
    if (!next || !listed || status.changed.indexOf(here()) >= 0) {
      window.location.reload();
      return;
    }
    build = String(status.build);
  }

  if (!window.EventSource) return;
  var source = new EventSource("/_cispgen/events");
  source.addEventListener("status", function (event) {
    var status = null;
    try { status = JSON.parse(event.data); } catch (e) { return; }
    handle(status);
  });
})();
