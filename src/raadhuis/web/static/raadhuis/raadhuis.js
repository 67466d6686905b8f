/* Raadhuis: small progressive enhancements. The pages work without this file. */
(function () {
  "use strict";

  // After a failed submit, move the focus to the error summary so it is read out first.
  function focusErrorSummary(root) {
    var summary = (root || document).querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  // Enter in a live-search field searches (htmx) instead of submitting the form; Enter in
  // another field of a form with data-default-submit presses that form's main button.
  function handleEnter(event) {
    var target = event.target;
    if (event.key !== "Enter" || !target || !target.form || target.tagName === "TEXTAREA") {
      return;
    }
    if (target.dataset && target.dataset.enterStays === "true") {
      event.preventDefault();
      if (window.htmx) {
        window.htmx.trigger(target, "search");
      }
      return;
    }
    var defaultId = target.form.dataset.defaultSubmit;
    var button = defaultId ? document.getElementById(defaultId) : null;
    if (button && target.tagName === "INPUT" && target.type !== "submit") {
      event.preventDefault();
      target.form.requestSubmit(button);
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    focusErrorSummary(document);
  });
  document.addEventListener("keydown", handleEnter);
  document.addEventListener("htmx:afterSwap", function (event) {
    focusErrorSummary(event.target);
  });
})();
