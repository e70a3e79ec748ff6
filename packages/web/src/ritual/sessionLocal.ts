/** What this device remembers about an unfinished session, so a closed tab resumes where it was:
 * the step, and the client id of the entry draft written in it (so the draft is found again even
 * before the server has it). Nothing here is needed for correctness of the stored session. */

export type LocalStep = "write" | "checkout";

export interface SessionLocal {
  step: LocalStep;
  draftClientId: string | null;
}

const PREFIX = "meridian.session.";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function readSessionLocal(sessionId: string): SessionLocal {
  const fallback: SessionLocal = { step: "write", draftClientId: null };
  const raw = storage()?.getItem(PREFIX + sessionId);
  if (!raw) return fallback;
  try {
    const v = JSON.parse(raw) as Partial<SessionLocal>;
    return {
      step: v.step === "checkout" ? "checkout" : "write",
      draftClientId: typeof v.draftClientId === "string" ? v.draftClientId : null,
    };
  } catch {
    return fallback;
  }
}

export function writeSessionLocal(sessionId: string, patch: Partial<SessionLocal>): void {
  const next = { ...readSessionLocal(sessionId), ...patch };
  try {
    storage()?.setItem(PREFIX + sessionId, JSON.stringify(next));
  } catch {
    // Private mode or full storage: resuming still works from the server's copy.
  }
}

export function clearSessionLocal(sessionId: string): void {
  try {
    storage()?.removeItem(PREFIX + sessionId);
  } catch {
    // ignore
  }
}

/** "4 min", "1 h 05 min" for the quiet session timer. */
export function elapsedLabel(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 60_000));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m} min`;
  return `${h} h ${String(m).padStart(2, "0")} min`;
}

/** Only https links are accepted for video media (brief: https only). */
export function videoLinkProblem(raw: string): string | null {
  const text = raw.trim();
  if (text === "") return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "That doesn't look like a web address. Paste the full link, starting with https://";
  }
  if (url.protocol !== "https:") return "Only https:// links can be saved with a session.";
  if (text.length > 2000) return "The link is too long.";
  return null;
}
