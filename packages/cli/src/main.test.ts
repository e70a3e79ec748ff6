import { describe, expect, it } from "vitest";
import { run } from "./main";
import { captureIO } from "./test/capture-io";

describe("meridian (dispatch)", () => {
  it("prints help listing every command and exits 0 with --help", async () => {
    const io = captureIO();
    expect(await run(["--help"], io)).toBe(0);
    for (const name of ["serve", "user", "demo", "render"]) expect(io.out()).toContain(`  ${name} `);
  });

  it("prints help but exits 2 when no command is given", async () => {
    const io = captureIO();
    expect(await run([], io)).toBe(2);
    expect(io.out()).toContain("Usage: meridian <command>");
  });

  it("rejects an unknown command with a clear message and exit 2", async () => {
    const io = captureIO();
    expect(await run(["frobnicate"], io)).toBe(2);
    expect(io.err()).toContain("unknown command 'frobnicate'");
  });

  it("turns a bad flag into a usage error naming it", async () => {
    const io = captureIO();
    expect(await run(["user", "list", "--bogus"], io)).toBe(2);
    expect(io.err()).toMatch(/bogus/);
    expect(io.err()).toContain("meridian user --help");
  });
});
