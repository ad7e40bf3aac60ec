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
    // The page title names the tab (for the browser's history, tabs and screen readers).
    if (nav.dataset.urTitleSuffix) document.title = link.textContent.trim() + " · " + nav.dataset.urTitleSuffix;
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

  // ---- Nothing typed is lost ---------------------------------------------------------------
  // An expired session answers htmx with 401 (reviews/middleware.py): the page stays as it is
  // and a dialog signs in again with fetch; the failed request is then sent again. A missing
  // CSRF cookie gets a fresh one and one retry; any other failure is shown next to the control
  // the user used, scrolled into view.
  var pending = null; // {elt, verb, path, target, event} of the request to send again
  var csrfRetried = false;

  function setCsrf(token) {
    if (!token) return;
    document.body.setAttribute("hx-headers", JSON.stringify({ "X-CSRFToken": token }));
    document.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (i) { i.value = token; });
  }

  function retry(req) {
    if (!req || !document.body.contains(req.elt)) return;
    var ev = req.event;
    if (ev && ev.type === "submit" && req.elt.tagName === "FORM") {
      if (ev.submitter && req.elt.contains(ev.submitter)) ev.submitter.click();
      else req.elt.requestSubmit();
      return;
    }
    window.htmx.ajax(req.verb.toUpperCase(), req.path, { source: req.elt, target: req.target });
  }

  function where(elt, ev) {
    var anchor = (ev && ev.submitter) || elt;
    return anchor && anchor.closest ? anchor : null;
  }

  function showError(anchor, text) {
    var box;
    if (anchor && anchor.closest) {
      var holder = anchor.closest("form, [data-ur-error-anchor]") || anchor.parentElement;
      box = document.createElement("div");
      box.className = "alert alert-danger py-2 small mt-2 ur-request-error";
      box.setAttribute("role", "alert");
      box.textContent = text;
      var old = holder.parentElement && holder.parentElement.querySelector(":scope > .ur-request-error");
      if (old) old.remove();
      anchor.insertAdjacentElement("afterend", box);
    } else {
      box = document.getElementById("ur-toast");
      if (!box) return;
      box.textContent = text;
      box.classList.remove("d-none");
    }
    box.scrollIntoView({ block: "center", behavior: "instant" });
  }

  function openRelogin() {
    var dlg = document.getElementById("ur-relogin");
    if (!dlg) { window.location.reload(); return; }
    if (dlg.open) return;
    dlg.showModal();
    var pw = dlg.querySelector("input[type=password]");
    if (pw) { pw.value = ""; pw.focus(); }
  }

  document.addEventListener("htmx:responseError", function (event) {
    var d = event.detail, xhr = d.xhr, cfg = d.requestConfig || {};
    var req = { elt: d.elt, verb: cfg.verb || "get", path: cfg.path || xhr.responseURL, target: d.target, event: cfg.triggeringEvent };
    if (xhr.status === 401 && xhr.getResponseHeader("X-UR-Auth")) {
      // A background autosave never replaces the action the user took (a save, a run...).
      var background = d.elt && d.elt.hasAttribute && d.elt.hasAttribute("data-ur-autosave");
      if (!pending || !background) pending = req;
      openRelogin();
      return;
    }
    if (xhr.status === 403 && xhr.getResponseHeader("X-UR-Error") === "csrf" && !csrfRetried) {
      csrfRetried = true;
      fetch(document.body.dataset.urCsrfUrl, { credentials: "same-origin", headers: { "X-UR-Fetch": "1" } })
        .then(function (r) { return r.ok ? r.json() : Promise.reject(r); })
        .then(function (j) { setCsrf(j.csrf); retry(req); })
        .catch(function () { showError(where(d.elt, req.event), xhr.responseText); });
      return;
    }
    var text = xhr.getResponseHeader("Content-Type") && xhr.getResponseHeader("Content-Type").indexOf("text/plain") === 0
      ? xhr.responseText
      : "The server could not do this (error " + xhr.status + "). Nothing on this page was lost; try again.";
    showError(where(d.elt, req.event), text);
  });

  document.addEventListener("htmx:sendError", function (event) {
    var d = event.detail;
    var cfg = d.requestConfig || {};
    showError(where(d.elt, cfg.triggeringEvent), "The server could not be reached. Nothing on this page was lost; try again.");
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) csrfRetried = false;
  });

  // After a form comes back with errors, the first one is brought into view (and focused).
  document.addEventListener("htmx:afterSwap", function (event) {
    var root = event.detail.target;
    if (!root || !root.querySelector || root.id === "ur-autosave-status") return;
    var cfg = event.detail.requestConfig || {};
    if (!cfg.triggeringEvent || cfg.triggeringEvent.type !== "submit") return;
    var scope = document.body.contains(root) ? root : document;
    var bad = scope.querySelector(".is-invalid, [aria-invalid=true]") || scope.querySelector(".alert-danger");
    if (!bad) return;
    bad.scrollIntoView({ block: "center", behavior: "instant" });
    if (bad.matches("input, select, textarea")) bad.focus({ preventScroll: true });
  });

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.closest("#ur-relogin") === null) return;
    event.preventDefault();
    var dlg = document.getElementById("ur-relogin");
    var err = dlg.querySelector("[data-ur-relogin-error]");
    var btn = dlg.querySelector("[data-ur-relogin-submit]");
    var spin = btn.querySelector(".spinner-border");
    var body = new FormData(form);
    btn.disabled = true;
    spin.classList.remove("d-none");
    err.classList.add("d-none");
    var token = JSON.parse(document.body.getAttribute("hx-headers") || "{}")["X-CSRFToken"] || "";
    fetch(document.body.dataset.urLoginUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token, "X-UR-Fetch": "1" },
    })
      .then(function (r) {
        return r.json().catch(function () { return { ok: false, error: "The server could not sign you in (error " + r.status + ")." }; });
      })
      .then(function (j) {
        if (!j.ok) throw new Error(j.error || "Sign-in failed.");
        if (j.user !== document.body.dataset.urUser) { window.location.reload(); return; }
        setCsrf(j.csrf);
        dlg.close();
        var req = pending;
        pending = null;
        retry(req);
      })
      .catch(function (e) {
        err.textContent = e.message;
        err.classList.remove("d-none");
      })
      .finally(function () {
        btn.disabled = false;
        spin.classList.add("d-none");
      });
  });

  // Attaching a record page as evidence (the viewer's one-click chips) updates the form beside it,
  // so a later save of the form keeps the new evidence.
  document.body.addEventListener("ur-evidence", function (event) {
    var box = document.getElementById("id_evidence");
    if (!box || !event.detail) return;
    box.value = event.detail.text;
    box.dispatchEvent(new Event("change", { bubbles: true }));
  });

  // Busy and disabled states for every htmx action (sign, upload, run, save, tab switch): the
  // control that started it is disabled and marked aria-busy until the answer arrives; a form's
  // submit buttons show their spinner. Templates add hx-disabled-elt/hx-indicator where they
  // want more; this covers the rest. (Values are collected before htmx:beforeRequest fires.)
  var BUSY = "data-ur-busy-disabled";
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (!elt || !elt.setAttribute || elt.hasAttribute("data-ur-autosave")) return;
    elt.setAttribute("aria-busy", "true");
    var controls = elt.tagName === "FORM" ? elt.querySelectorAll("button[type=submit], button:not([type])") : [elt];
    Array.prototype.forEach.call(controls, function (b) {
      if (b.matches && b.matches("button, a") && !b.disabled && !b.classList.contains("disabled")) {
        b.setAttribute(BUSY, "");
        if (b.tagName === "BUTTON") b.disabled = true;
        else b.classList.add("disabled");
        b.setAttribute("aria-disabled", "true");
      }
    });
    var target = event.detail.target;
    if (target && target.id === "case-panel") target.setAttribute("aria-busy", "true");
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    if (!elt || !elt.removeAttribute) return;
    elt.removeAttribute("aria-busy");
    var scope = elt.tagName === "FORM" ? elt : elt.parentElement || elt;
    var again = [elt].concat(Array.prototype.slice.call(scope.querySelectorAll("[" + BUSY + "]")));
    again.forEach(function (b) {
      if (!b.hasAttribute || !b.hasAttribute(BUSY)) return;
      b.removeAttribute(BUSY);
      b.removeAttribute("aria-disabled");
      if (b.tagName === "BUTTON") b.disabled = false;
      else b.classList.remove("disabled");
    });
    var panel = document.getElementById("case-panel");
    if (panel) panel.removeAttribute("aria-busy");
  });
})();
