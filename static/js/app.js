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

  // Lists of rows (partners, calendars, systems…): with JavaScript, "Add a row" clones the
  // row template and "Remove" drops the row, then the question autosaves as a whole.
  // Without JavaScript both buttons submit the form and the server does the same.
  function renumber(rows) {
    rows.querySelectorAll("[data-row]").forEach(function (row, index) {
      row.querySelectorAll("[id]").forEach(function (el) {
        el.id = el.id.replace(/-r(\d+|new)-/, "-r" + index + "-");
      });
      row.querySelectorAll("label[for]").forEach(function (el) {
        el.htmlFor = el.htmlFor.replace(/-r(\d+|new)-/, "-r" + index + "-");
      });
      const remove = row.querySelector("[data-remove-row]");
      if (remove) remove.value = remove.value.replace(/\|[^|]*$/, "|" + index);
    });
  }
  document.addEventListener("click", function (event) {
    const add = event.target.closest("button[data-add-row]");
    if (add) {
      const box = add.closest(".records");
      const template = box && box.querySelector("template[data-row-template]");
      const rows = box && box.querySelector("[data-rows]");
      if (!template || !rows) return;
      event.preventDefault();
      rows.appendChild(template.content.cloneNode(true));
      renumber(rows);
      const first = rows.lastElementChild.querySelector("input, select");
      if (first) first.focus();
      return;
    }
    const remove = event.target.closest("button[data-remove-row]");
    if (remove) {
      const row = remove.closest("[data-row]");
      const rows = row && row.parentElement;
      if (!row || !rows) return;
      event.preventDefault();
      const question = row.closest(".question");
      row.remove();
      renumber(rows);
      if (question) question.dispatchEvent(new Event("change", { bubbles: true }));
    }
  });

  // A comma-separated list of names (languages, countries) with a datalist: the browser
  // matches the whole box against the list, so each option is offered as "what is typed
  // so far, then the name", and picking one completes the last name only.
  document.addEventListener("input", function (event) {
    const input = event.target;
    if (!input.matches || !input.matches("input[data-name-list]")) return;
    const list = input.list;
    if (!list) return;
    const cut = input.value.lastIndexOf(",");
    const prefix = cut >= 0 ? input.value.slice(0, cut + 1).trimEnd() + " " : "";
    if (list.dataset.prefix === prefix) return;
    list.dataset.prefix = prefix;
    list.querySelectorAll("option").forEach(function (option) {
      if (!option.dataset.name) option.dataset.name = option.value;
      option.value = prefix + option.dataset.name;
    });
  });

  // A saved change makes a template's guess the consultant's answer: its mark goes (the
  // server has cleared it; without JavaScript the page comes back without it).
  document.addEventListener("htmx:afterSwap", function (event) {
    const target = event.detail.target;
    if (!target || !target.classList || !target.classList.contains("q-feedback")) return;
    if (!target.querySelector(".saved[data-written]")) return;
    const question = target.closest(".question");
    const mark = question && question.querySelector(".template-mark");
    if (mark) mark.remove();
  });

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
