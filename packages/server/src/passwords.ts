import { type Algorithm, hash, verify } from "@node-rs/argon2";

/** argon2id cost parameters. Production uses the defaults below (OWASP's argon2id baseline:
 * 19 MiB, 2 passes, 1 lane); tests may pass cheaper ones explicitly. */
export interface PasswordHashing {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export const DEFAULT_PASSWORD_HASHING: PasswordHashing = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

// `Algorithm` is a const enum in the typings; 2 is Argon2id.
const ARGON2ID = 2 as Algorithm;

export function hashPassword(
  password: string,
  cost: PasswordHashing = DEFAULT_PASSWORD_HASHING,
): Promise<string> {
  return hash(password, { algorithm: ARGON2ID, ...cost });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
