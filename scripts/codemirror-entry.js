// The code editor of the web app: CodeMirror 6 with Python, bundled by scripts/vendor-assets.sh
// into static/vendor/codemirror.min.js. It enhances a <textarea>, which stays the form field
// (and the editor without JavaScript).
import { basicSetup } from "codemirror";
import { EditorView, keymap } from "@codemirror/view";
import { Prec } from "@codemirror/state";
import { indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";

const theme = EditorView.theme({
  "&": { backgroundColor: "var(--code-bg)", color: "var(--fg)", borderRadius: "6px",
         border: "1px solid var(--border)", fontSize: "0.9rem" },
  "&.cm-focused": { outline: "2px solid var(--accent)", outlineOffset: "1px" },
  ".cm-content": { fontFamily: 'ui-monospace, "SF Mono", Menlo, Consolas, monospace',
                   caretColor: "var(--fg)" },
  ".cm-gutters": { backgroundColor: "var(--code-bg)", color: "var(--muted)", border: "none" },
  ".cm-activeLine, .cm-activeLineGutter": { backgroundColor: "transparent" },
});

function attach(textarea, run) {
  const submit = () => { run(); return true; };
  const view = new EditorView({
    doc: textarea.value,
    extensions: [
      basicSetup,
      python(),
      EditorView.lineWrapping,
      theme,
      // Shift+Enter and Ctrl+Enter run (above the default bindings of those keys); Tab indents
      // (Escape, then Tab, leaves the editor).
      Prec.highest(keymap.of([{ key: "Shift-Enter", run: submit },
                              { key: "Mod-Enter", run: submit }])),
      keymap.of([indentWithTab]),
      EditorView.updateListener.of((update) => {
        if (!update.docChanged) return;
        textarea.value = update.state.doc.toString();
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }),
      EditorView.contentAttributes.of({ "aria-label": textarea.getAttribute("aria-label") ||
        (textarea.labels && textarea.labels[0] ? textarea.labels[0].textContent : "Code") }),
    ],
  });
  textarea.hidden = true;
  textarea.after(view.dom);
  // When the page sets the text (a kept draft, Reset), the editor shows it.
  textarea.addEventListener("restored", () => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: textarea.value } });
  });
  textarea.editorView = view;
  return view;
}

window.MlpathEditor = { attach };
