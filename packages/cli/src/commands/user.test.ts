import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { openStore } from "@meridian/server";
import { describe, expect, it } from "vitest";
import { run } from "../main";
import { captureIO } from "../test/capture-io";

async function reopenUser(dataDir: string, username: string): Promise<string | undefined> {
  const store = await openStore({ dataDir });
  try {
    return (await store.findUserByUsername(username))?.id;
  } finally {
    await store.close();
  }
}

describe("meridian user", () => {
  it("adds an owner and a member, lists them, removes the member", async () => {
    const first = captureIO({ stdin: "correct horse battery\n" });
    const env = first.env;
    expect(
      await run(["user", "add", "Ana", "--owner", "--password-stdin", "--time-zone", "Europe/London"], first),
    ).toBe(0);
    expect(first.out()).toContain("Created owner 'ana'");
    // The recovery key is printed once (and only its wrapping is stored).
    expect(first.out()).toMatch(/Recovery key .*\n([0-9A-Z]{4}-){7}[0-9A-Z]{4}\n/);

    const second = captureIO({ stdin: "another long secret\n", env });
    expect(await run(["user", "add", "ben", "--password-stdin"], second)).toBe(0);
    expect(second.out()).toContain("Created member 'ben'");

    const list = captureIO({ env });
    expect(await run(["user", "list"], list)).toBe(0);
    const lines = list.out().trim().split("\n").sort();
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^ana\towner\tEurope\/London\t\d{4}-\d\d-\d\d$/);
    expect(lines[1]).toMatch(/^ben\tmember\tUTC\t/);

    // Ben's uploaded studio media goes with him.
    const dataDir = env?.MERIDIAN_DATA_DIR as string;
    const store = await openStore({ dataDir });
    const ben = await store.findUserByUsername("ben");
    await store.close();
    const media = join(dataDir, "media", ben?.id ?? "?");
    mkdirSync(media, { recursive: true });
    writeFileSync(join(media, "some-id"), "RIFF");
    // …and so do his server renders (audio + description); Ana's stay.
    const ana = await reopenUser(dataDir, "ana");
    const renders = join(dataDir, "renders");
    mkdirSync(renders, { recursive: true });
    const bensRender = "b".repeat(22);
    const anasRender = "a".repeat(22);
    writeFileSync(join(renders, `${bensRender}.json`), JSON.stringify({ id: bensRender, userId: ben?.id }));
    writeFileSync(join(renders, `${bensRender}.wav`), "RIFF");
    writeFileSync(join(renders, `${anasRender}.json`), JSON.stringify({ id: anasRender, userId: ana }));
    writeFileSync(join(renders, `${anasRender}.wav`), "RIFF");

    const remove = captureIO({ env });
    expect(await run(["user", "remove", "ben", "--yes"], remove)).toBe(0);
    expect(existsSync(media)).toBe(false);
    expect(existsSync(join(renders, `${bensRender}.wav`))).toBe(false);
    expect(existsSync(join(renders, `${bensRender}.json`))).toBe(false);
    expect(existsSync(join(renders, `${anasRender}.wav`))).toBe(true);
    const after = captureIO({ env });
    await run(["user", "list"], after);
    expect(after.out()).not.toContain("ben");
  });

  it("refuses a second owner, a taken name, a short password and removing the last owner", async () => {
    const io = captureIO({ stdin: "correct horse battery\n" });
    const env = io.env;
    await run(["user", "add", "ana", "--owner", "--password-stdin"], io);

    const again = captureIO({ stdin: "correct horse battery\n", env });
    expect(await run(["user", "add", "cleo", "--owner", "--password-stdin"], again)).toBe(1);
    expect(again.err()).toContain("already has an owner");

    const taken = captureIO({ stdin: "correct horse battery\n", env });
    expect(await run(["user", "add", "ana", "--password-stdin"], taken)).toBe(1);
    expect(taken.err()).toContain("taken");

    const short = captureIO({ stdin: "short\n", env });
    expect(await run(["user", "add", "dan", "--password-stdin"], short)).toBe(1);
    expect(short.err()).toContain("at least 10");

    const last = captureIO({ env });
    expect(await run(["user", "remove", "ana", "--yes"], last)).toBe(1);
    expect(last.err()).toContain("cannot be removed");
  });

  it("never takes a password from argv and asks for confirmation before removing", async () => {
    const io = captureIO();
    expect(await run(["user", "add", "ana"], io)).toBe(2);
    expect(io.err()).toContain("--password-stdin");
    const rm = captureIO();
    expect(await run(["user", "remove", "ana"], rm)).toBe(2);
    expect(rm.err()).toContain("--yes");
  });
});
