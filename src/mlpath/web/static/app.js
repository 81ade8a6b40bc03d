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
