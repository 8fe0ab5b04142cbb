/* Passend Portaal: small progressive enhancements; every page works without this file. */
document.addEventListener("DOMContentLoaded", function () {
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
