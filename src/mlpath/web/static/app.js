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
    if (event.detail.target) {
      showRefusal(event.detail.target, xhr.status, xhr.getResponseHeader("Content-Type"), xhr.responseText);
    }
  });
  document.body.addEventListener("htmx:sendError", (event) => {
    if (event.detail.target) showUnreachable(event.detail.target);
  });
  // Cells run with their output streamed while they run, where the browser can read a stream.
  document.body.addEventListener("htmx:beforeRequest", (event) => {
    const form = event.detail.elt;
    if (streaming && form.matches?.("form.cell")) {
      event.preventDefault();
      runCell(form);
    }
  });
  document.body.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && event.shiftKey && event.target.matches("textarea.code")) {
      event.preventDefault();
      const form = event.target.closest("form");
      if (form) htmx.trigger(form, "submit");
    }
  });
  document.body.addEventListener("click", async (event) => {
    if (!event.target.matches("button.run-above")) return;
    const mine = event.target.closest("form");
    for (const form of document.querySelectorAll("form.cell")) {
      if (form === mine || !(await runCell(form))) break;  // stop at the first error, as Jupyter does
    }
  });
  document.body.addEventListener("click", (event) => {
    if (!event.target.matches("button.reset")) return;
    const area = event.target.closest("form").querySelector("textarea");
    area.value = area.dataset.original;
    area.dispatchEvent(new Event("restored"));
    saveDraft(area.closest("[data-slot]") || area, "");
  });
  attachEditors(document);
  document.body.addEventListener("htmx:afterSwap", (event) => attachEditors(event.target));
  restoreLesson();
  document.body.addEventListener("input", (event) => {
    const holder = event.target.closest("[data-slot]");
    if (holder) scheduleSave(holder, event.target);
  });
});

function showRefusal(target, status, contentType, text) {
  if ((contentType || "").startsWith("text/html") && text.includes('role="alert"')) {
    target.innerHTML = text;
    return;
  }
  target.innerHTML = "";
  const note = document.createElement("p");
  note.className = "error";
  note.setAttribute("role", "alert");
  note.textContent = `The server could not do that (HTTP ${status}). Try again; if it ` +
    "keeps failing, restart mlpath serve and look at what it printed.";
  target.appendChild(note);
}

function showUnreachable(target) {
  target.innerHTML = '<p class="error" role="alert">Cannot reach the mlpath server: is ' +
    "<code>mlpath serve</code> still running?</p>";
}

const streaming = Boolean(window.fetch && window.TextDecoderStream);

// Run one cell, showing what it prints as it prints it (server-sent events over the POST's
// response), then its whole output. Resolves to whether it ran without an error.
async function runCell(form) {
  const target = form.querySelector(".output");
  if (!streaming) {
    await htmx.ajax("POST", form.getAttribute("hx-post"), { source: form, target, swap: "innerHTML" });
    return !target.querySelector(".error");
  }
  const busy = form.querySelector(".htmx-indicator");
  busy?.classList.add("htmx-request");
  const live = document.createElement("pre");
  live.className = "fresh streaming";
  try {
    const response = await fetch(form.getAttribute("hx-post"), {
      method: "POST",
      body: new URLSearchParams(new FormData(form)),
      headers: { Accept: "text/event-stream", "HX-Request": "true" },
    });
    if (!response.ok || !response.body) {
      showRefusal(target, response.status, response.headers.get("Content-Type"), await response.text());
      return false;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        const lines = buffer.slice(0, end).split("\n");
        buffer = buffer.slice(end + 2);
        const name = lines[0].replace("event: ", "");
        const data = JSON.parse(lines[1].replace("data: ", ""));
        if (name === "output") {
          if (!live.isConnected) target.replaceChildren(live);
          live.append(data.text);
          live.scrollTop = live.scrollHeight;
        } else if (name === "result") {
          target.innerHTML = data.html;
          renderMath(target);
        }
      }
    }
    return !target.querySelector(".error");
  } catch (error) {
    showUnreachable(target);
    return false;
  } finally {
    busy?.classList.remove("htmx-request");
  }
}

// Saved work: what a learner types is kept per lesson and comes back after a reload.
const lessonId = () => document.querySelector("article.lesson")?.dataset.lesson;
const pending = new Map();

function saveDraft(holder, text) {
  const lesson = lessonId();
  if (!lesson) return;
  const body = new URLSearchParams({ slot: holder.dataset.slot, text });
  fetch(`/lessons/${lesson}/drafts`, { method: "POST", body }).then((response) => {
    holder.classList.toggle("unsaved", !response.ok);
  }).catch(() => holder.classList.add("unsaved"));
}

function scheduleSave(holder, field) {
  clearTimeout(pending.get(holder));
  const original = field.dataset.original ?? "";
  const text = field.value;
  pending.set(holder, setTimeout(() => saveDraft(holder, text === original ? "" : text), 500));
}

function restoreLesson() {
  const lesson = lessonId();
  if (!lesson) return;
  fetch(`/lessons/${lesson}/state`).then((r) => (r.ok ? r.json() : null)).then((state) => {
    if (!state) return;
    for (const [slot, text] of Object.entries(state.drafts)) {
      const holder = document.querySelector(`[data-slot="${CSS.escape(slot)}"]`);
      if (!holder) continue;
      const radio = holder.querySelector(`input[type=radio][value="${CSS.escape(text)}"]`);
      if (radio) { radio.checked = true; continue; }
      const field = holder.matches("textarea, input") ? holder : holder.querySelector("textarea, input");
      if (field) { field.value = text; field.dispatchEvent(new Event("restored")); }
    }
    for (const id of state.passed) {
      const section = document.getElementById(`cp-${id}`);
      section?.classList.add("passed");
      section?.querySelector(".passed-mark")?.removeAttribute("hidden");
    }
    for (const [id, level] of Object.entries(state.levels)) {
      const mark = document.querySelector(`.sidebar li[data-lesson="${CSS.escape(id)}"] .status`);
      if (mark && level !== "not started") { mark.textContent = level; }
    }
  }).catch(() => {});
}

// CodeMirror where it loaded; the plain textarea (still the form field) everywhere else.
function attachEditors(root) {
  if (!window.MlpathEditor) return;
  root.querySelectorAll("textarea.code").forEach((area) => {
    if (area.editorView || area.dataset.plain !== undefined) return;
    const form = area.closest("form");
    window.MlpathEditor.attach(area, () => {
      if (!form) return;
      if (form.hasAttribute("hx-post")) htmx.trigger(form, "submit");
      else form.requestSubmit();
    });
  });
}

// The concept map: zoom with the buttons, pan by dragging.
document.addEventListener("DOMContentLoaded", () => {
  const box = document.querySelector(".graph-scroll");
  const svg = box?.querySelector("svg");
  if (!svg) return;
  const width = svg.width.baseVal.value, height = svg.height.baseVal.value;
  let scale = 1;
  const apply = () => { svg.setAttribute("width", width * scale); svg.setAttribute("height", height * scale); };
  document.querySelectorAll("[data-zoom]").forEach((button) => button.addEventListener("click", () => {
    const how = button.dataset.zoom;
    scale = how === "fit" ? Math.min(1, box.clientWidth / width) : Math.min(3, Math.max(0.2, scale * Number(how)));
    apply();
  }));
  let drag = null;
  box.addEventListener("pointerdown", (e) => { drag = { x: e.clientX, y: e.clientY, left: box.scrollLeft, top: box.scrollTop }; });
  box.addEventListener("pointermove", (e) => {
    if (!drag) return;
    box.scrollLeft = drag.left - (e.clientX - drag.x);
    box.scrollTop = drag.top - (e.clientY - drag.y);
  });
  window.addEventListener("pointerup", () => { drag = null; });
});
