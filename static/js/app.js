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

  // The feedback area also holds the answer's base (the revision this page showed, a
  // hidden input every save posts): a state message replaces everything but that.
  function showState(feedback, className, message) {
    Array.from(feedback.childNodes).forEach(function (node) {
      if (!(node.nodeName === "INPUT" && node.type === "hidden")) node.remove();
    });
    const span = document.createElement("span");
    span.className = className;
    span.textContent = message;
    feedback.insertBefore(span, feedback.firstChild);
  }

  // Visible saving state while an autosave is in flight. A conflict on display stays put:
  // leaving the field to press "Keep mine" fires a change (and so an autosave), and the
  // button must still be there when the click lands.
  document.addEventListener("htmx:beforeRequest", function (event) {
    const elt = event.detail.elt;
    if (!elt.classList || !elt.classList.contains("question")) return;
    const feedback = feedbackFor(elt);
    if (feedback && !feedback.querySelector(".conflict")) showState(feedback, "pending", "Saving…");
  });

  // The same conflict again (the same other version) is not swapped in anew, for the
  // same reason; a newer other version is.
  document.addEventListener("htmx:beforeSwap", function (event) {
    const target = event.detail.target;
    if (!target || !target.classList || !target.classList.contains("q-feedback")) return;
    const shown = target.querySelector(".conflict button[name='__keep']");
    if (!shown) return;
    const incoming = new DOMParser()
      .parseFromString(event.detail.serverResponse || "", "text/html")
      .querySelector(".conflict button[name='__keep']");
    if (incoming && incoming.value === shown.value) event.detail.shouldSwap = false;
  });

  // A failed save must never look like a saved one.
  function showFailure(event, message) {
    const elt = event.detail.elt;
    if (!elt.classList || !elt.classList.contains("question")) return;
    const feedback = feedbackFor(elt);
    if (feedback) showState(feedback, "error", message);
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
