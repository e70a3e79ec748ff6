import type { User } from "@meridian/core";
import type { UserRecord } from "../store/store";

/** The API view of a user: never the password hash. */
export function presentUser(u: UserRecord): User {
  return { id: u.id, username: u.username, role: u.role, timeZone: u.timeZone, createdAt: u.createdAt };
}
