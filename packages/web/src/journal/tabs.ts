/** Which browser tab wrote a draft, and which tabs are still open (Web Locks when available). */

const TAB_KEY = "meridian.tabId";
const LOCK_PREFIX = "meridian-tab:";

function randomId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}

export function newClientId(): string {
  return randomId();
}

let tabId: string | null = null;
let ready: Promise<string> | null = null;

function locks(): LockManager | null {
  return typeof navigator !== "undefined" && "locks" in navigator ? navigator.locks : null;
}

async function tryHold(id: string): Promise<boolean> {
  const lm = locks();
  if (!lm) return true;
  return new Promise<boolean>((resolve) => {
    lm.request(`${LOCK_PREFIX}${id}`, { ifAvailable: true }, (lock) => {
      if (!lock) {
        resolve(false);
        return undefined;
      }
      resolve(true);
      return new Promise<void>(() => {}); // held until the tab closes
    }).catch(() => resolve(true));
  });
}

/** A stable id for this tab (survives reloads via sessionStorage), held as a Web Lock while open. */
export function ensureTab(): Promise<string> {
  ready ??= (async () => {
    let id: string | null = null;
    try {
      id = sessionStorage.getItem(TAB_KEY);
    } catch {
      id = null;
    }
    // A duplicated tab copies sessionStorage: if the id is already held elsewhere, take a new one.
    if (!id || !(await tryHold(id))) {
      id = randomId();
      await tryHold(id);
      try {
        sessionStorage.setItem(TAB_KEY, id);
      } catch {
        // private mode: the id lives as long as the page
      }
    }
    tabId = id;
    return id;
  })();
  return ready;
}

export function currentTabId(): string | null {
  return tabId;
}

/** Ids of tabs that are open right now, or null when the browser cannot tell. */
export async function liveTabIds(): Promise<Set<string> | null> {
  const lm = locks();
  if (!lm) return null;
  try {
    const snap = await lm.query();
    const ids = new Set<string>();
    for (const l of snap.held ?? []) {
      if (l.name?.startsWith(LOCK_PREFIX)) ids.add(l.name.slice(LOCK_PREFIX.length));
    }
    return ids;
  } catch {
    return null;
  }
}
