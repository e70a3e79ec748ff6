import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { replaceThreadBundler } from "@meridian/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run } from "../main";
import { captureIO } from "../test/capture-io";

const PW = "correct horse battery\n";
const JRNL = JSON.stringify({
  entries: [{ title: "Rain", body: "It rained.", date: "2024-03-05", time: "21:05" }],
});

describe("meridian import without the import's parse thread (esbuild missing)", () => {
  let restore: (() => void) | undefined;
  afterEach(() => {
    restore?.();
    restore = undefined;
    vi.restoreAllMocks();
  });

  it("still imports, reading the file on its own thread, and says nothing about the server's imports being off", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const setup = captureIO({ stdin: PW });
    const env = setup.env;
    expect(await run(["user", "add", "ana", "--owner", "--password-stdin"], setup)).toBe(0);
    const path = join(mkdtempSync(join(tmpdir(), "meridian-cli-file-")), "jrnl.json");
    writeFileSync(path, JRNL);

    restore = replaceThreadBundler(() => Promise.reject(new Error("Cannot find package 'esbuild'")));
    const io = captureIO({ stdin: PW, env });
    expect(await run(["import", "--user", "ana", path, "--password-stdin"], io)).toBe(0);
    expect(io.out()).toContain("Imported 1 new record into 'ana'.");
    expect(io.err()).toBe("");
    expect(logged).not.toHaveBeenCalled();
  });
});
