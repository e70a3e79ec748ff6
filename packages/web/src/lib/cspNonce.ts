/**
 * The page's style nonce: the server puts a fresh one in <meta name="csp-nonce"> and in the
 * Content-Security-Policy of every page (style-src 'self' 'nonce-…', no 'unsafe-inline'). Code
 * that mounts a <style> element at runtime (CodeMirror's theme, Observable Plot's chart styles)
 * must carry it, or the browser refuses the styles. Undefined in the Vite dev server (no policy).
 */
export function cspNonce(doc: Document | undefined = globalThis.document): string | undefined {
  const content = doc?.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;
  return content ? content : undefined;
}

/** Gives every <style> inside `root` the page's nonce; call before `root` joins the document. */
export function allowStyles<T extends Element>(root: T, doc?: Document): T {
  const nonce = cspNonce(doc);
  if (nonce) {
    if (root instanceof HTMLStyleElement || root.tagName.toLowerCase() === "style")
      root.setAttribute("nonce", nonce);
    for (const style of Array.from(root.querySelectorAll("style"))) style.setAttribute("nonce", nonce);
  }
  return root;
}
