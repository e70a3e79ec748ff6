import { randomBytes } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import { isHttps } from "./auth";

/**
 * The Content-Security-Policy. Scripts: only our own files. Styles: our own files, plus <style>
 * elements carrying this page's nonce — CodeMirror (style-mod) mounts its theme as a <style>
 * element and Observable Plot puts one in each chart; the web app hands them the nonce it reads
 * from <meta name="csp-nonce"> (packages/web/src/lib/cspNonce.ts). No 'unsafe-inline' anywhere.
 * 'wasm-unsafe-eval' lets the voice Worker compile the speech engine's WebAssembly (our own
 * file); it allows no JavaScript eval.
 */
export function contentSecurityPolicy(styleNonce?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    styleNonce ? `style-src 'self' 'nonce-${styleNonce}'` : "style-src 'self'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    // Studio video links embed only YouTube's privacy-enhanced player (loaded on play).
    "frame-src https://www.youtube-nocookie.com",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
  ].join("; ");
}

/** The policy of every answer that is not an HTML page (no nonce: nothing to style). */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy();

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": CONTENT_SECURITY_POLICY,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
};

export const NONCE_META = "csp-nonce";

/**
 * Sets the security headers on every answer. An HTML page gets a fresh style nonce: in its
 * policy and in a <meta name="csp-nonce"> at the top of <head> (the page is then never cached,
 * so a stored copy cannot carry a stale nonce).
 */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  let policy = CONTENT_SECURITY_POLICY;
  const type = c.res.headers.get("content-type") ?? "";
  if (c.req.method === "GET" && type.startsWith("text/html") && c.res.body !== null) {
    const html = await c.res.text();
    // Hono copies the old answer's headers onto a replacement, so they are changed in place.
    c.res.headers.delete("content-length");
    if (/<head[^>]*>/i.test(html)) {
      const nonce = randomBytes(18).toString("base64");
      c.res.headers.set("Cache-Control", "no-store");
      policy = contentSecurityPolicy(nonce);
      const page = html.replace(
        /<head[^>]*>/i,
        (tag) => `${tag}<meta name="${NONCE_META}" content="${nonce}">`,
      );
      c.res = new Response(page, { status: c.res.status, headers: c.res.headers });
    } else {
      c.res = new Response(html, { status: c.res.status, headers: c.res.headers });
    }
  }
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(name, value);
  c.res.headers.set("Content-Security-Policy", policy);
};

/** One year; not includeSubDomains (other services may live on sibling names), not preload. */
export const HSTS = "max-age=31536000";

/**
 * Strict-Transport-Security on every answer to a client that came over https (directly, or
 * through the proxy MERIDIAN_TRUST_PROXY declares): browsers then never try plain http again.
 * Over plain http it would be ignored, so it is not sent.
 */
export function strictTransportSecurity(trustProxy: boolean): MiddlewareHandler {
  return async (c, next) => {
    await next();
    if (isHttps(c, trustProxy)) c.res.headers.set("Strict-Transport-Security", HSTS);
  };
}
