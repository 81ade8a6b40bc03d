// Math with the vendored KaTeX, Shift+Enter to run a cell, Reset to the lesson's code.
function renderMath(root) {
  if (!window.katex) return;
  root.querySelectorAll(".math.inline, .math.block, eq, eqn").forEach((el) => {
    if (el.dataset.rendered) return;
    const display = el.classList.contains("block") || el.tagName === "EQN";
    try {
      katex.render(el.textContent, el, { displayMode: display, throwOnError: false });
      el.dataset.rendered = "1";
    } catch (e) { /* leave the TeX source visible */ }
  });
}
document.addEventListener("DOMContentLoaded", () => {
  renderMath(document);
  document.body.addEventListener("htmx:afterSwap", (event) => renderMath(event.target));
  // A refused or failed request says so where its result would have appeared.
  document.body.addEventListener("htmx:responseError", (event) => {
    const xhr = event.detail.xhr;
    const target = event.detail.target;
    if (!target) return;
    if ((xhr.getResponseHeader("Content-Type") || "").startsWith("text/html") &&
        xhr.responseText.includes('role="alert"')) {
      target.innerHTML = xhr.responseText;
    } else {
      target.innerHTML = "";
      const note = document.createElement("p");
      note.className = "error";
      note.setAttribute("role", "alert");
      note.textContent = `The server could not do that (HTTP ${xhr.status}). Try again; if it ` +
        "keeps failing, restart mlpath serve and look at what it printed.";
      target.appendChild(note);
    }
  });
  document.body.addEventListener("htmx:sendError", (event) => {
    const target = event.detail.target;
    if (!target) return;
    target.innerHTML = '<p class="error" role="alert">Cannot reach the mlpath server: is ' +
      "<code>mlpath serve</code> still running?</p>";
  });
  document.body.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.shiftKey && event.target.matches("textarea.code")) {
      event.preventDefault();
      const form = event.target.closest("form");
      if (form) htmx.trigger(form, "submit");
    }
  });
  document.body.addEventListener("click", (event) => {
    if (!event.target.matches("button.reset")) return;
    const area = event.target.closest("form").querySelector("textarea");
    area.value = area.dataset.original;
  });
});
