import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { builtinScene } from "@meridian/sound";
import { afterAll, describe, expect, it } from "vitest";
import { readWav } from "../audio/wav-writer";
import { captureIO } from "../test/capture-io";
import { runRender } from "./render";
import { closeBuiltinScenes, findBuiltinScene } from "./render-scene-name";

const dir = mkdtempSync(join(tmpdir(), "meridian-render-name-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("render by a scene's display name", () => {
  it("finds a built-in scene by id or display name, ignoring case and spaces", () => {
    const rain = builtinScene("library-rain");
    expect(findBuiltinScene("library-rain")).toBe(rain);
    expect(findBuiltinScene("Library window in the rain")).toBe(rain);
    expect(findBuiltinScene("  library WINDOW in  the rain ")).toBe(rain);
    expect(findBuiltinScene("Library-Rain")).toBe(rain);
    expect(findBuiltinScene("rain")).toBeUndefined();
  });

  it("renders the README's example by display name, like the id", async () => {
    for (const ref of ["Library window in the rain", "library window in the rain"]) {
      const out = join(dir, `${ref.length}-${ref[0]}.wav`);
      const io = captureIO();
      const code = await runRender([ref, "--duration", "1s", "--out", out, "--sample-rate", "16000"], io);
      expect(code, io.err()).toBe(0);
      expect(readWav(readFileSync(out)).samples[0]?.length).toBe(16000);
    }
  });

  it("names the close matches for an unknown scene and exits non-zero", async () => {
    expect(closeBuiltinScenes("Libary window in rain")[0]).toMatch(/^library-rain /);
    const io = captureIO();
    const code = await runRender(
      ["Libary window in rain", "--duration", "1s", "--out", join(dir, "x.wav")],
      io,
    );
    expect(code).toBe(2);
    expect(io.err()).toMatch(/no built-in scene or readable file named "Libary window in rain"/);
    expect(io.err()).toMatch(/did you mean library-rain \("Library window in the rain"\)/);
  });
});
