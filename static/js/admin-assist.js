/*
 * Suggestions panel on the article change page: decisions without a page reload.
 *
 * Without this script every accept / reject / accept-all form posts and the page reloads.
 * With it, the same forms post with fetch (same endpoint, same fields, the form's CSRF
 * token), the decided item leaves the list, and a status line (an aria-live region)
 * says what happened. Accepted quotes appear in the quote inline after a reload, so the
 * status line offers one. Keyboard: inside a proposal, Alt+A accepts and Alt+R rejects.
 */
(function () {
  "use strict";

  const panel = document.getElementById("suggestions");
  if (!panel || !window.fetch || !window.FormData) {
    return;
  }
  const status = panel.querySelector("[data-assist-status]");

  function say(message, isError, offerReload) {
    if (!status) {
      return;
    }
    status.textContent = message;
    status.classList.toggle("assist-status-error", Boolean(isError));
    if (offerReload) {
      const reload = document.createElement("button");
      reload.type = "button";
      reload.className = "button assist-reload";
      reload.textContent = "Reload to see accepted quotes in the quote list";
      reload.addEventListener("click", function () {
        window.location.reload();
      });
      status.append(" ", reload);
    }
  }

  function updateCount(list) {
    const section = list.previousElementSibling;
    const count = section && section.querySelector("[data-assist-count]");
    if (count) {
      count.textContent = String(list.querySelectorAll(".assist-item").length);
    }
  }

  function removeItem(item) {
    const list = item.parentElement;
    const next = item.nextElementSibling || item.previousElementSibling;
    item.remove();
    updateCount(list);
    const target = next && next.querySelector("button, input, select");
    if (target) {
      target.focus();
    } else if (status) {
      status.setAttribute("tabindex", "-1");
      status.focus();
    }
  }

  function removeAccepted(signatures) {
    const list = panel.querySelector('[data-assist-list="quotes"]');
    if (!list) {
      return;
    }
    signatures.forEach(function (signature) {
      const item = list.querySelector('[data-signature="' + CSS.escape(signature) + '"]');
      if (item) {
        item.remove();
      }
    });
    updateCount(list);
  }

  function setBusy(form, busy) {
    form.querySelectorAll("button").forEach(function (button) {
      button.disabled = busy;
    });
    form.setAttribute("aria-busy", busy ? "true" : "false");
  }

  async function decide(form, submitter) {
    const data = new FormData(form);
    if (submitter && submitter.name) {
      data.set(submitter.name, submitter.value);
    }
    const token = data.get("csrfmiddlewaretoken");
    setBusy(form, true);
    let result;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token || "" },
      });
      result = await response.json();
    } catch (error) {
      setBusy(form, false);
      say("The decision could not be sent. Check the connection and try again.", true);
      return;
    }
    setBusy(form, false);
    if (!result.ok) {
      say(result.message || "The decision was not recorded.", true);
      return;
    }
    const op = result.op;
    const accepted = op === "accept_quote" || op === "accept_all";
    if (op === "accept_all") {
      removeAccepted(result.accepted || []);
    } else {
      const item = form.closest(".assist-item");
      if (item) {
        removeItem(item);
      }
    }
    say(result.message, false, accepted && (op === "accept_quote" || result.accepted.length));
  }

  panel.addEventListener("submit", function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement)) {
      return;
    }
    event.preventDefault();
    decide(form, event.submitter || null);
  });

  panel.addEventListener("keydown", function (event) {
    if (!event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    const key = event.key.toLowerCase();
    const op = key === "a" ? "accept_quote" : key === "r" ? "reject_quote" : null;
    const form = event.target.closest && event.target.closest(".assist-item form");
    if (!op || !form) {
      return;
    }
    const button =
      form.querySelector('button[value="' + op + '"]') ||
      form.querySelector('button[value="' + op.replace("quote", "mention") + '"]');
    if (button) {
      event.preventDefault();
      form.requestSubmit(button);
    }
  });
})();
