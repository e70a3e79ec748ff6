/** Cost of the encryption layer on this machine: one field sealed and opened (2,000
 * characters), and one argon2id key-encryption key at the production cost (paid once per
 * sign-in, on top of the password check). Run: node --import tsx packages/server/src/crypto/measure-cost.ts */
import { randomBytes } from "node:crypto";
import { DEFAULT_PASSWORD_HASHING } from "../passwords";
import { openText, sealText } from "./cipher";
import { passwordKek } from "./keys";

const key = randomBytes(32);
const ctx = { userId: "u", field: "entries.body", recordId: "e" };
const body = "word ".repeat(400); // 2,000 characters
const n = 20000;
let t = performance.now();
let sealed = "";
for (let i = 0; i < n; i++) sealed = sealText(key, body, ctx);
const sealUs = ((performance.now() - t) * 1000) / n;
t = performance.now();
for (let i = 0; i < n; i++) openText(key, sealed, ctx);
const openUs = ((performance.now() - t) * 1000) / n;
const runs = 10;
t = performance.now();
for (let i = 0; i < runs; i++)
  await passwordKek("correct horse battery", "c2FsdHNhbHRzYWx0c2FsdA", DEFAULT_PASSWORD_HASHING);
const kekMs = (performance.now() - t) / runs;
console.log(
  `seal 2000 chars: ${sealUs.toFixed(1)} µs; open: ${openUs.toFixed(1)} µs; ciphertext ${sealed.length} chars for ${body.length}; argon2id KEK (19 MiB, t=2): ${kekMs.toFixed(1)} ms`,
);
