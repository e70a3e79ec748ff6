import type { InstanceSettings } from "@meridian/core";
import type { Store } from "./store/store";

const SIGNUPS_OPEN = "signups_open";

/** Instance-wide settings. Sign-ups are closed unless the owner opened them. */
export async function readInstanceSettings(store: Store): Promise<InstanceSettings> {
  return { signupsOpen: (await store.getSetting(SIGNUPS_OPEN)) === true };
}

export async function writeInstanceSettings(
  store: Store,
  settings: InstanceSettings,
): Promise<InstanceSettings> {
  await store.setSetting(SIGNUPS_OPEN, settings.signupsOpen);
  return readInstanceSettings(store);
}
