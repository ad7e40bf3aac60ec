// UR Desk: small progressive enhancements (no inline scripts: the CSP forbids them).
(function () {
  "use strict";

  // Case page tabs: the links work without JS (?tab=...); with htmx they load the panel in place.
  // Keep the active tab's styling and aria state in step with the panel.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-ur-tab]");
    if (!link) return;
    var nav = link.closest("[role=tablist]");
    if (!nav) return;
    nav.querySelectorAll("[data-ur-tab]").forEach(function (a) {
      var on = a === link;
      a.classList.toggle("active", on);
      a.setAttribute("aria-selected", on ? "true" : "false");
    });
    var panel = document.getElementById("case-panel");
    if (panel) panel.setAttribute("aria-labelledby", link.id);
  });

  // Arrow keys move between tabs (WAI-ARIA tabs pattern); Enter/Space activate as for any link.
  document.addEventListener("keydown", function (event) {
    var link = event.target.closest && event.target.closest("[data-ur-tab]");
    if (!link || (event.key !== "ArrowRight" && event.key !== "ArrowLeft")) return;
    var tabs = Array.prototype.slice.call(link.closest("[role=tablist]").querySelectorAll("[data-ur-tab]"));
    var i = tabs.indexOf(link) + (event.key === "ArrowRight" ? 1 : -1);
    tabs[(i + tabs.length) % tabs.length].focus();
    event.preventDefault();
  });

  // Queue: changing a select filter submits the filter form (the Apply button still works).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.matches && el.matches("[data-autosubmit] select")) el.form.requestSubmit();
  });
})();
