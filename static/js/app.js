// Support Blueprint front-end glue. Loaded with the CSP nonce; htmx runs with
// allowEval=false, so behaviour lives here rather than in hx-on attributes.
(function () {
  "use strict";

  function feedbackFor(el) {
    const question = el.closest(".question");
    return question ? question.querySelector(".q-feedback") : null;
  }

  // One-click suggestions: fill the field and let autosave pick the change up. Without
  // JavaScript the same buttons submit the form and the server applies the suggestion.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-suggestion-for]");
    if (!button) return;
    const field = document.getElementById(button.dataset.suggestionFor);
    if (!field) return;
    event.preventDefault();
    field.value = button.dataset.text;
    field.dispatchEvent(new Event("change", { bubbles: true }));
    field.focus();
  });

  // Visible saving state while an autosave is in flight.
  document.addEventListener("htmx:beforeRequest", function (event) {
    const elt = event.detail.elt;
    if (!elt.classList || !elt.classList.contains("question")) return;
    const feedback = feedbackFor(elt);
    if (feedback) feedback.innerHTML = '<span class="pending">Saving…</span>';
  });

  // A failed save must never look like a saved one.
  function showFailure(event, message) {
    const elt = event.detail.elt;
    if (!elt.classList || !elt.classList.contains("question")) return;
    const feedback = feedbackFor(elt);
    if (feedback) {
      feedback.innerHTML = "";
      const span = document.createElement("span");
      span.className = "error";
      span.textContent = message;
      feedback.appendChild(span);
    }
  }
  document.addEventListener("htmx:responseError", function (event) {
    const status = event.detail.xhr ? event.detail.xhr.status : 0;
    showFailure(event, status === 403 || status === 401
      ? "Not saved: your session ended. Sign in again in another tab, then change the field again."
      : "Not saved: the server had a problem (" + status + "). Your text is still here; try again.");
  });
  document.addEventListener("htmx:sendError", function (event) {
    showFailure(event, "Not saved: no connection. Your text is still here; it will save when you change it again.");
  });
})();
