import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { body, type Client, createHarness, type Harness, PASSWORD } from "../test/harness";

/** Passwords every route that sets one must refuse, and the reason each answer gives. */
const WEAK: [password: string, reason: RegExp][] = [
  ["1234567890", /most common passwords/],
  ["          ", /Repeated/],
  ["aaaaaaaaaaaa", /Repeated/],
  ["qwertyuiop", /most common passwords/],
  ["password123", /most common passwords/],
  ["abcdefghijk", /Runs like/],
  ["Password1!", /common password with small changes/],
  ["sunshine2024", /common password with small changes/],
];

function expectWeak(res: Response, field: string, reason: RegExp): Promise<void> {
  expect(res.status).toBe(400);
  return body(res).then((b) => {
    expect(b.error.code).toBe("weak_password");
    expect(b.error.field).toBe(field);
    expect(b.error.message).toMatch(reason);
  });
}

describe("weak passwords are refused wherever a password is set", () => {
  let h: Harness;
  let owner: Client;
  let recoveryKey: string;

  beforeAll(async () => {
    h = await createHarness("sqlite");
    owner = h.client();
    for (const [password, reason] of WEAK) {
      const res = await owner.post("/api/setup", { username: "owner", password, timeZone: "UTC" });
      await expectWeak(res, "password", reason);
    }
    // Nothing was written: the instance still needs its owner.
    expect(await body(await h.client().get("/api/setup"))).toMatchObject({ needsOwner: true });
    const res = await owner.post("/api/setup", { username: "owner", password: PASSWORD, timeZone: "UTC" });
    expect(res.status).toBe(201);
    recoveryKey = (await body(res)).recoveryKey;
    expect((await owner.patch("/api/admin/settings", { signupsOpen: true })).status).toBe(200);
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it("POST /api/admin/users and /api/auth/signup", async () => {
    for (const [password, reason] of WEAK) {
      await expectWeak(
        await owner.post("/api/admin/users", { username: "mia", password }),
        "password",
        reason,
      );
      await expectWeak(
        await h.client().post("/api/auth/signup", { username: "noa", password }),
        "password",
        reason,
      );
    }
    expect((await owner.get("/api/admin/users")).status).toBe(200);
    expect((await body(await owner.get("/api/admin/users"))).users).toHaveLength(1);
  });

  it("a password made of the username is refused", async () => {
    const res = await h.client().post("/api/auth/signup", { username: "rosalind", password: "rosalind2024" });
    await expectWeak(res, "password", /username/);
  });

  it("POST /api/me/password (the old password keeps working)", async () => {
    for (const [password, reason] of WEAK) {
      const res = await owner.post("/api/me/password", { currentPassword: PASSWORD, newPassword: password });
      await expectWeak(res, "newPassword", reason);
    }
    expect((await h.client().post("/api/auth/login", { username: "owner", password: PASSWORD })).status).toBe(
      200,
    );
  });

  it("POST /api/auth/recover", async () => {
    for (const [password, reason] of WEAK) {
      const res = await h
        .client()
        .post("/api/auth/recover", { username: "owner", recoveryKey, newPassword: password });
      await expectWeak(res, "newPassword", reason);
    }
    expect((await h.client().post("/api/auth/login", { username: "owner", password: PASSWORD })).status).toBe(
      200,
    );
  });

  it("accepts passphrases", async () => {
    for (const password of ["quiet-night-rain-42", "a brand new passphrase", "long enough pw"]) {
      const res = await owner.post("/api/me/password", { currentPassword: PASSWORD, newPassword: password });
      expect(res.status, password).toBe(200);
      const back = await owner.post("/api/me/password", { currentPassword: password, newPassword: PASSWORD });
      expect(back.status).toBe(200);
    }
  });
});
