import DOMPurify from "dompurify";
import { marked } from "marked";
import { useMemo } from "react";

/** Markdown → sanitised HTML. DOMPurify strips <script>, event handlers (onerror=…),
 * javascript: URLs, forms, iframes and styles; remote images are dropped too (no third-party requests). */
export function renderMarkdown(md: string): string {
  const raw = marked.parse(md, { async: false, gfm: true, breaks: true }) as string;
  const clean = DOMPurify.sanitize(raw, {
    USE_PROFILES: { html: true },
    FORBID_TAGS: [
      "style",
      "form",
      "input",
      "button",
      "textarea",
      "select",
      "iframe",
      "object",
      "embed",
      "svg",
      "math",
    ],
    FORBID_ATTR: ["style", "srcset"],
    ALLOW_DATA_ATTR: false,
  });
  const doc = new DOMParser().parseFromString(`<div>${clean}</div>`, "text/html");
  for (const img of Array.from(doc.querySelectorAll("img"))) {
    const src = img.getAttribute("src") ?? "";
    let sameOrigin = false;
    try {
      sameOrigin = new URL(src, window.location.href).origin === window.location.origin;
    } catch {
      sameOrigin = false;
    }
    if (!sameOrigin) img.replaceWith(doc.createTextNode(img.getAttribute("alt") ?? ""));
  }
  for (const a of Array.from(doc.querySelectorAll("a"))) {
    a.setAttribute("rel", "noopener noreferrer nofollow");
    a.setAttribute("target", "_blank");
  }
  return doc.body.firstElementChild?.innerHTML ?? "";
}

export function Preview({ markdown }: { markdown: string }) {
  const html = useMemo(() => renderMarkdown(markdown), [markdown]);
  if (markdown.trim() === "") {
    return (
      <div className="preview" data-testid="preview">
        <p className="muted">Nothing written yet.</p>
      </div>
    );
  }
  // Sanitised by DOMPurify above; this is the only HTML injection in the app.
  // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised Markdown preview
  return <div className="preview" data-testid="preview" dangerouslySetInnerHTML={{ __html: html }} />;
}
