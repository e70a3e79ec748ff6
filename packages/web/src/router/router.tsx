import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from "react";

/** A tiny history-API router: pathname + search, and a navigation counter for remounting pages. */
export interface Location {
  path: string;
  search: URLSearchParams;
  /** Increments on every navigation the user makes (links, back/forward). */
  nav: number;
}

let nav = 0;
let current: Location = read();
const listeners = new Set<() => void>();

function read(): Location {
  return { path: window.location.pathname, search: new URLSearchParams(window.location.search), nav };
}

function notify(): void {
  current = read();
  for (const l of listeners) l();
}

window.addEventListener("popstate", () => {
  nav += 1;
  notify();
});

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  nav += 1;
  if (opts.replace) window.history.replaceState(null, "", to);
  else window.history.pushState(null, "", to);
  notify();
  window.scrollTo(0, 0);
}

/** Change the address bar without a navigation (the page keeps its state). */
export function replaceUrlQuietly(to: string): void {
  window.history.replaceState(null, "", to);
  current = { ...read(), nav: current.nav };
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  return () => listeners.delete(l);
}

export function useLocation(): Location {
  return useSyncExternalStore(subscribe, () => current);
}

/** Match "/entries/:id" style patterns; returns params or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const p = pattern.split("/").filter(Boolean);
  const s = path.split("/").filter(Boolean);
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i] ?? "";
    const val = s[i] ?? "";
    if (seg.startsWith(":")) params[seg.slice(1)] = decodeURIComponent(val);
    else if (seg !== val) return null;
  }
  return params;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string };

export function Link({ to, onClick, ...rest }: LinkProps) {
  const handle = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handle} {...rest} />;
}
