/** What this device remembers about tonight's unfinished experiment evening, so a closed tab
 * resumes at listening or at the guess instead of starting a second session: the session id and
 * the expectation given before listening. Keyed by experiment and evening date. */

export interface EveningLocal {
  sessionId: string;
  expectation: number;
}

const PREFIX = "meridian.experiment-evening.";

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

export function eveningKey(experimentId: string, eveningNumber: number | null): string {
  return `${PREFIX}${experimentId}.${eveningNumber ?? "none"}`;
}

/** The stored value if it is well formed, else null. */
export function parseEveningLocal(raw: string | null): EveningLocal | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<EveningLocal>;
    if (typeof v.sessionId !== "string" || v.sessionId === "") return null;
    if (typeof v.expectation !== "number" || !Number.isInteger(v.expectation)) return null;
    if (v.expectation < 0 || v.expectation > 10) return null;
    return { sessionId: v.sessionId, expectation: v.expectation };
  } catch {
    return null;
  }
}

export function readEveningLocal(key: string): EveningLocal | null {
  return parseEveningLocal(storage()?.getItem(key) ?? null);
}

export function writeEveningLocal(key: string, value: EveningLocal): void {
  try {
    storage()?.setItem(key, JSON.stringify(value));
  } catch {
    // Private mode or full storage: the evening still works, it just can't resume.
  }
}

export function clearEveningLocal(key: string): void {
  try {
    storage()?.removeItem(key);
  } catch {
    // nothing to do
  }
}
