import { rm } from "node:fs/promises";
import { mediaDir, type StudioFiles } from "../media/paths";
import type { Store, UserRecord } from "../store/store";

/** Deleting an account: every row (the users row, and by cascade entries, tags, prompts,
 * sessions, diaries, check-ups, presets, media items, sign-in sessions) and the account's
 * media folder. The rule for owners: an owner can delete their account only when no other
 * account exists on the instance (deleting the last account leaves the instance ready for
 * setup again); while members exist, the owner removes them first. */

export type DeleteAccountResult = { status: "deleted" } | { status: "owner_has_members"; members: number };

export async function deleteAccount(
  store: Store,
  files: Pick<StudioFiles, "dataDir">,
  user: UserRecord,
  forget?: (userId: string) => void,
): Promise<DeleteAccountResult> {
  if (user.role === "owner") {
    const others = (await store.listUsers()).filter((u) => u.id !== user.id).length;
    if (others > 0) return { status: "owner_has_members", members: others };
  }
  await store.deleteUser(user.id);
  await rm(mediaDir({ ...files, mediaLimitBytes: 0 }, user.id), { recursive: true, force: true });
  forget?.(user.id);
  return { status: "deleted" };
}
