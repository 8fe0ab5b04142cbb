/* Passend Portaal: small progressive enhancements; every page works without this file. */
document.addEventListener("DOMContentLoaded", function () {
  // The page's one form carries a token against sending it twice (issue #19 defect 4); the address keeps it, so
  // the Back button brings the same form (or, once sent, its result) even when the browser fetches the page again.
  var tokens = document.querySelectorAll('#inhoud input[name="formulier_token"]');
  if (tokens.length === 1 && window.history && window.history.replaceState && window.URL) {
    var adres = new URL(window.location.href);
    if (!adres.searchParams.has("formulier")) {
      adres.searchParams.set("formulier", tokens[0].value);
      window.history.replaceState(window.history.state, "", adres.toString());
    }
  }
  // After a failed submit the error summary takes focus, so a screen reader announces it (WCAG 3.3.1).
  var samenvatting = document.querySelector(".foutsamenvatting");
  if (samenvatting) { samenvatting.focus(); }
  // Forms that show only the fields of the chosen option (data-toon-bij="veldnaam=waarde waarde2"):
  // without JavaScript every field is shown, with a note saying which option it belongs to.
  document.querySelectorAll("[data-toon-bij]").forEach(function (blok) {
    var spec = blok.getAttribute("data-toon-bij").split("=");
    var naam = spec[0], waarden = spec[1].split(" ");
    var form = blok.closest("form");
    function bijwerken() {
      var gekozen = form.querySelector('input[name="' + naam + '"]:checked, select[name="' + naam + '"]');
      var waarde = gekozen ? gekozen.value : "";
      blok.hidden = waarden.indexOf(waarde) === -1;
    }
    form.querySelectorAll('[name="' + naam + '"]').forEach(function (el) { el.addEventListener("change", bijwerken); });
    bijwerken();
  });
});
