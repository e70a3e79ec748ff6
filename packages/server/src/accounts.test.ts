import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AccountError, createOwner, createUser, listUsers, removeUser, verifyLogin } from "./accounts";
import { DEFAULT_PASSWORD_HASHING } from "./passwords";
import type { Store } from "./store/store";
import { openTestStore, type TestStore } from "./store/testing";
import { FAST_HASHING } from "./test/harness";

let t: TestStore;
let store: Store;
const opts = { passwordHashing: FAST_HASHING };

beforeAll(async () => {
  t = await openTestStore("sqlite");
  store = t.store;
});
afterAll(() => t.dispose());

async function rejects(p: Promise<unknown>): Promise<AccountError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof AccountError) return error;
    throw error;
  }
  throw new Error("expected an AccountError");
}

describe("accounts", () => {
  it("uses production-strength argon2id by default", () => {
    expect(DEFAULT_PASSWORD_HASHING.memoryCost).toBeGreaterThanOrEqual(19_456);
    expect(DEFAULT_PASSWORD_HASHING.timeCost).toBeGreaterThanOrEqual(2);
  });

  it("creates users with an argon2id hash, never the plain password", async () => {
    const { user: owner, recoveryKey } = await createOwner(store, {
      username: "Root",
      password: "a long secret",
    });
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
    expect(owner).toMatchObject({ username: "root", role: "owner", timeZone: "UTC" });
    const row = await store.findUserById(owner.id);
    expect(row?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row?.passwordHash).not.toContain("a long secret");

    const { user: member } = await createUser(
      store,
      { username: "mo", password: "another secret", timeZone: "Europe/Rome" },
      opts,
    );
    expect(member).toMatchObject({ role: "member", timeZone: "Europe/Rome" });
    expect(Object.keys(member)).not.toContain("passwordHash");
  });

  it("refuses invalid input, duplicates and a second owner", async () => {
    expect(
      (await rejects(createUser(store, { username: "x", password: "long enough pw" }, opts))).field,
    ).toBe("username");
    expect((await rejects(createUser(store, { username: "okay", password: "short" }, opts))).field).toBe(
      "password",
    );
    expect(
      (
        await rejects(
          createUser(store, { username: "okay", password: "long enough pw", timeZone: "Bad/Zone" }, opts),
        )
      ).field,
    ).toBe("timeZone");
    expect(
      (await rejects(createUser(store, { username: "MO", password: "long enough pw" }, opts))).code,
    ).toBe("already_exists");
    expect(
      (await rejects(createOwner(store, { username: "boss2", password: "long enough pw" }, opts))).code,
    ).toBe("setup_already_done");
  });

  it("verifies logins", async () => {
    expect((await verifyLogin(store, "MO", "another secret"))?.username).toBe("mo");
    expect(await verifyLogin(store, "mo", "wrong")).toBeNull();
    expect(await verifyLogin(store, "nobody", "another secret")).toBeNull();
  });

  it("lists and removes users, but never the last owner", async () => {
    expect((await listUsers(store)).map((u) => u.username)).toEqual(["root", "mo"]);
    expect((await rejects(removeUser(store, "root"))).code).toBe("last_owner");
    expect((await rejects(removeUser(store, "ghost"))).code).toBe("not_found");
    expect((await removeUser(store, "mo")).username).toBe("mo");
    expect((await listUsers(store)).map((u) => u.username)).toEqual(["root"]);
  });
});
