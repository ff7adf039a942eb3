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

  // The collapsing navigation: the Menu button appears only when scripts run (early.js
  // marks <html class="js">, which hides the closed menu below 992 px).
  function setUpMenu() {
    const toggle = document.querySelector(".nav-toggle");
    const menu = document.getElementById("app-menu");
    if (!toggle || !menu) return;
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      const open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      menu.classList.toggle("is-open", open);
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && menu.classList.contains("is-open")) {
        toggle.setAttribute("aria-expanded", "false");
        menu.classList.remove("is-open");
        toggle.focus();
      }
    });
  }

  // After htmx swaps in another step (Next, Back, a step link), the person is where a page
  // load would put them: at the top, focus on the new step's heading (announced by screen
  // readers), and the window's title naming the new step.
  document.addEventListener("htmx:afterSwap", function (event) {
    const target = event.detail.target;
    if (!target || target.id !== "wizard") return;
    const wizard = document.getElementById("wizard");
    if (!wizard) return;
    if (wizard.dataset.title) document.title = wizard.dataset.title;
    const heading = wizard.querySelector("[data-step-heading]");
    // At once, like a page load (Bootstrap makes scrolling smooth, which takes a second).
    window.scrollTo({ top: 0, left: 0, behavior: "instant" });
    if (heading) heading.focus({ preventScroll: true });
    showCurrentStep();
  });

  // The phone's one-row step list starts scrolled to the current step.
  function showCurrentStep() {
    const current = document.querySelector(".step-nav [aria-current=step]");
    const list = current ? current.closest("ol") : null;
    if (!list || list.scrollWidth <= list.clientWidth) return;
    list.scrollLeft = current.offsetLeft - list.offsetLeft - 8;
  }

  // Answers tied to their errors: an autosave that comes back with an error marks the
  // question's inputs invalid (their aria-describedby already points at the feedback).
  document.addEventListener("htmx:afterSwap", function (event) {
    const target = event.detail.target;
    if (!target || !target.classList || !target.classList.contains("q-feedback")) return;
    const question = target.closest(".question");
    if (!question) return;
    const invalid = Boolean(target.querySelector(".error"));
    question.querySelectorAll("input:not([type=hidden]), textarea, select").forEach(function (input) {
      if (invalid) input.setAttribute("aria-invalid", "true");
      else input.removeAttribute("aria-invalid");
    });
  });

  // Copy buttons for links shown once: hidden without JavaScript (the field is read-only
  // and selectable), they copy the field's text and say so.
  function setUpCopyButtons(root) {
    root.querySelectorAll("button[data-copy-target]").forEach(function (button) {
      button.hidden = false;
    });
  }
  document.addEventListener("click", function (event) {
    const button = event.target.closest("button[data-copy-target]");
    if (!button) return;
    const field = document.getElementById(button.dataset.copyTarget);
    if (!field) return;
    event.preventDefault();
    const status = document.getElementById(button.dataset.copyStatus || "");
    function done(message) {
      if (status) status.textContent = message;
    }
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(
        function () { done("Copied to the clipboard."); },
        function () { done("Press Ctrl+C (or ⌘C) to copy the selected link."); }
      );
    } else {
      let copied = false;
      try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
      done(copied ? "Copied to the clipboard." : "Press Ctrl+C (or ⌘C) to copy the selected link.");
    }
  });

  // A table wider than the screen scrolls inside its own box; a keyboard reaches that box
  // (tabindex 0) only while it actually scrolls, so that arrow keys can move it.
  const SCROLLERS = ".fw-section table, .proposal-table, .diff-section table, .table-responsive, .fw-scroll, .matrix-wrap, .scroll-x";
  function markScrollers() {
    document.querySelectorAll(SCROLLERS).forEach(function (box) {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.dataset.scrollFocus = "1";
        if (box.tagName !== "TABLE" && !box.hasAttribute("role")) {
          const caption = box.querySelector("caption");
          box.setAttribute("role", "region");
          box.setAttribute("aria-label", caption ? caption.textContent.trim() : "Table, scrolls sideways");
        }
      } else if (!scrolls && box.dataset.scrollFocus) {
        box.removeAttribute("tabindex");
        delete box.dataset.scrollFocus;
      }
    });
  }
  let resizeTimer = 0;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(markScrollers, 150);
  });
  document.addEventListener("htmx:afterSettle", markScrollers);

  // The client's guided review. Comments about one element are placed right after that
  // element (without JavaScript they stay at the section's foot, linked to it); each
  // element gets a "Comment on this" button that opens the section's comment form with the
  // element chosen; Approve asks for a confirmation naming the version; on a phone the
  // list of sections starts folded.
  function setUpGuidedReview() {
    const doc = document.querySelector(".client-review #document");
    if (!doc) return;
    doc.querySelectorAll(".comment-thread[data-anchor]").forEach(function (thread) {
      let target = document.getElementById(thread.dataset.anchor);
      if (!target || !doc.contains(target) || target.contains(thread)) return;
      // A row or a cell: after its table (and the box it scrolls in).
      const table = target.closest("table");
      if (table) target = table.closest(".table-responsive, .fw-scroll, .scroll-x") || table;
      let box = target.nextElementSibling;
      if (!box || !box.classList.contains("anchored-comments")) {
        box = document.createElement("div");
        box.className = "anchored-comments";
        target.insertAdjacentElement("afterend", box);
      }
      box.appendChild(thread);
    });
    doc.querySelectorAll(".comments select[name=element_id]").forEach(function (select) {
      const form = select.closest("details.comment-new");
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        let target = document.getElementById("el-" + slugify(option.value));
        if (target && target.tagName === "TR") target = target.lastElementChild;
        if (!target || target.tagName === "TABLE" || target.querySelector(".comment-here")) return;
        const button = document.createElement("button");
        button.type = "button";
        button.className = "btn btn-link btn-sm comment-here";
        // The accessible name starts with the visible words, then says which part.
        button.textContent = "Comment on this";
        const which = document.createElement("span");
        which.className = "visually-hidden";
        which.textContent = ": " + option.textContent.trim();
        button.appendChild(which);
        button.addEventListener("click", function () {
          select.value = option.value;
          form.open = true;
          form.scrollIntoView({block: "center"});
          form.querySelector("textarea").focus({preventScroll: true});
        });
        target.appendChild(button);
      });
    });
    const sections = document.querySelector(".guide-sections");
    if (sections && window.matchMedia("(max-width: 900px)").matches) sections.open = false;
  }
  // Django's slugify, for element ids as the templates write them (el-{{ id|slugify }}).
  function slugify(value) {
    return value.normalize("NFKD").replace(/[^\x00-\x7F]/g, "").toLowerCase()
      .replace(/[^\w\s-]/g, "").replace(/[-\s]+/g, "-").replace(/^[-_]+|[-_]+$/g, "");
  }
  document.addEventListener("submit", function (event) {
    const button = event.submitter || event.target.querySelector("[data-confirm]");
    if (button && button.dataset && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });

  // A reason asked for only once its box is ticked (an override at Publish): hidden until
  // then, shown and focused on the tick. Without JavaScript every reason box shows.
  function revealOnTick(root) {
    root.querySelectorAll("[data-shown-by]").forEach(function (el) {
      const box = document.getElementById(el.dataset.shownBy);
      if (!box) return;
      const sync = function () {
        el.hidden = !box.checked && !el.querySelector(".is-invalid");
      };
      box.addEventListener("change", function () {
        sync();
        const field = el.querySelector("textarea, input");
        if (box.checked && field) field.focus();
      });
      sync();
    });
  }

  // The requirements table: a box that ticks every row of the page, and how many are
  // ticked. Without JavaScript each row is ticked on its own (the box stays hidden).
  function setUpBulk(root) {
    root.querySelectorAll("input[data-select-all]").forEach(function (all) {
      const form = all.closest("form");
      if (!form) return;
      const name = all.dataset.selectAll;
      const boxes = function () { return form.querySelectorAll('input[type="checkbox"][name="' + name + '"]'); };
      const count = form.querySelector("[data-selected-count]");
      const sync = function () {
        const ticked = Array.prototype.filter.call(boxes(), function (b) { return b.checked; }).length;
        all.checked = ticked > 0 && ticked === boxes().length;
        all.indeterminate = ticked > 0 && ticked < boxes().length;
        if (count) count.textContent = ticked ? ticked + " ticked" : "";
      };
      all.hidden = false;
      all.addEventListener("change", function () {
        boxes().forEach(function (b) { b.checked = all.checked; });
        sync();
      });
      form.addEventListener("change", function (event) {
        if (event.target !== all) sync();
      });
      sync();
    });
  }
  document.addEventListener("htmx:afterSwap", function (event) { setUpBulk(event.target); });

  function ready() {
    setUpMenu();
    revealOnTick(document);
    setUpBulk(document);
    setUpCopyButtons(document);
    markScrollers();
    showCurrentStep();
    setUpGuidedReview();
    focusableScrollBoxes();
    window.addEventListener("resize", focusableScrollBoxes);
  }

  // A box that scrolls sideways on its own (a wide table on a phone) can be reached and
  // scrolled with the keyboard: it takes focus, and says what it holds.
  function focusableScrollBoxes() {
    document.querySelectorAll("main *").forEach(function (el) {
      if (el.scrollWidth <= el.clientWidth + 1) return;
      const overflow = getComputedStyle(el).overflowX;
      if (overflow !== "auto" && overflow !== "scroll") return;
      if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
      if (/^(UL|OL|TABLE|DL)$/.test(el.tagName)) return; // keeps its own role
      if (!el.hasAttribute("role")) el.setAttribute("role", "region");
      if (!el.hasAttribute("aria-label")) {
        const heading = el.querySelector("caption, h2, h3, h4, th");
        el.setAttribute("aria-label", heading ? heading.textContent.trim().slice(0, 80) : "Scrollable table");
      }
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
