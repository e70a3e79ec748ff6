/**
 * "Your keystrokes as a trigger": settings (localStorage) and the keydown handler the editor
 * calls. Off until the writer enables it once; sounds only while the studio is playing.
 */
import { getPlayer } from "./player";

export type KeystrokeSound = "pen" | "key" | "tap";

export interface KeystrokeSettings {
  readonly enabled: boolean;
  readonly sound: KeystrokeSound;
  /** One-shot gain in dB (−40…0). */
  readonly volumeDb: number;
}

const KEY = "meridian.keystrokeSound";
export const KEYSTROKE_DEFAULTS: KeystrokeSettings = { enabled: false, sound: "pen", volumeDb: -12 };
export const KEYSTROKE_SOUNDS: ReadonlyArray<[KeystrokeSound, string]> = [
  ["pen", "Pen stroke"],
  ["key", "Soft key"],
  ["tap", "Tap"],
];

let cached: KeystrokeSettings | null = null;

export function readKeystrokeSettings(): KeystrokeSettings {
  if (cached) return cached;
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? "null") as Partial<KeystrokeSettings> | null;
    const sound = KEYSTROKE_SOUNDS.some(([s]) => s === raw?.sound) ? (raw?.sound as KeystrokeSound) : "pen";
    const vol = typeof raw?.volumeDb === "number" && Number.isFinite(raw.volumeDb) ? raw.volumeDb : -12;
    cached = { enabled: raw?.enabled === true, sound, volumeDb: Math.max(-40, Math.min(0, vol)) };
  } catch {
    cached = KEYSTROKE_DEFAULTS;
  }
  return cached;
}

export function writeKeystrokeSettings(s: KeystrokeSettings): void {
  cached = s;
  try {
    localStorage.setItem(KEY, JSON.stringify(s));
  } catch {
    // Private mode: the setting lasts for this tab.
  }
}

/** Keys that write (or erase) something; modifiers, arrows and shortcuts stay silent. */
function writes(e: KeyboardEvent): boolean {
  if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return false;
  return e.key.length === 1 || e.key === "Enter" || e.key === "Backspace" || e.key === "Tab";
}

/** The editor's keydown hook. Returns true if a one-shot was sent. */
export function keystrokeSound(e: KeyboardEvent): boolean {
  const s = readKeystrokeSettings();
  if (!s.enabled || !writes(e)) return false;
  const player = getPlayer();
  if (player.snapshot.state !== "playing") return false;
  // A little life in the strength: softer on repeats, firmer on Enter.
  const strength = e.repeat ? 0.35 : e.key === "Enter" ? 0.8 : 0.5 + Math.random() * 0.2;
  return player.trigger(s.sound, { strength, gainDb: s.volumeDb, keydownAt: e.timeStamp });
}
