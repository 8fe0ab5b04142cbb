// The import's progress page (issue #21 §3): while the worker runs, ask the same page again every two seconds and
// move the bar and its text; when the run is done, load the page once more to show the result. Without JavaScript
// the page works the same by refreshing it (the "Nu verversen" link). Served from 'self' (CSP); no timed reload of the
// whole page while it runs (WCAG 2.2.1).
(function () {
  "use strict";
  var blok = document.getElementById("voortgang-blok");
  if (!blok || !blok.hasAttribute("data-loopt") || !window.fetch || !window.DOMParser) {
    return;
  }
  function kijk() {
    fetch(window.location.href, {credentials: "same-origin", headers: {"Accept": "text/html"}})
      .then(function (r) { return r.text(); })
      .then(function (html) {
        var nieuw = new DOMParser().parseFromString(html, "text/html").getElementById("voortgang-blok");
        if (!nieuw) {
          return;
        }
        if (!nieuw.hasAttribute("data-loopt")) {
          window.location.reload();
          return;
        }
        blok.querySelector("progress").value = nieuw.querySelector("progress").value;
        blok.querySelector("[data-tekst]").textContent = nieuw.querySelector("[data-tekst]").textContent;
        window.setTimeout(kijk, 2000);
      })
      .catch(function () { window.setTimeout(kijk, 5000); });
  }
  window.setTimeout(kijk, 2000);
}());
