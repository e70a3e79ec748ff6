import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";
import { markdown } from "@codemirror/lang-markdown";
import { EditorState } from "@codemirror/state";
import { EditorView, keymap, placeholder } from "@codemirror/view";
import { useEffect, useRef } from "react";
import { keystrokeSound } from "../audio/keystrokes";
import { cspNonce } from "../lib/cspNonce";
import { bedtimeTheme } from "./theme";

interface Props {
  /** Taken when the editor mounts and whenever `version` changes. */
  value: string;
  version: number;
  onChange(text: string): void;
  label: string;
  placeholderText?: string;
  autoFocus?: boolean;
}

/** CodeMirror 6 Markdown editor. Uncontrolled: every change is reported; `version` resets the text. */
export function MarkdownEditor({ value, version, onChange, label, placeholderText, autoFocus }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const valueRef = useRef(value);
  valueRef.current = value;
  // Read once, at mount: recreating the view would drop what was typed since.
  const mountOptions = useRef({ label, placeholderText, autoFocus });

  useEffect(() => {
    if (!host.current) return;
    const { label, placeholderText, autoFocus } = mountOptions.current;
    const v = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: valueRef.current,
        extensions: [
          history(),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          markdown(),
          EditorView.lineWrapping,
          // The theme is a <style> element: it needs the page's CSP nonce.
          EditorView.cspNonce.of(cspNonce() ?? ""),
          bedtimeTheme,
          placeholder(placeholderText ?? ""),
          EditorView.contentAttributes.of({
            "aria-label": label,
            "aria-multiline": "true",
            spellcheck: "true",
            autocorrect: "on",
            autocapitalize: "sentences",
          }),
          // Your keystrokes as a trigger: a soft one-shot per key while the studio plays (if enabled).
          EditorView.domEventHandlers({
            keydown: (e) => {
              keystrokeSound(e);
              return false;
            },
          }),
          EditorView.updateListener.of((u) => {
            if (u.docChanged) onChangeRef.current(u.state.doc.toString());
          }),
        ],
      }),
    });
    view.current = v;
    if (autoFocus) v.focus();
    return () => {
      v.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const v = view.current;
    if (!v || version === 0) return;
    const current = v.state.doc.toString();
    if (current !== valueRef.current) {
      v.dispatch({ changes: { from: 0, to: current.length, insert: valueRef.current } });
    }
  }, [version]);

  return <div ref={host} className="editor-surface" data-testid="editor" />;
}
