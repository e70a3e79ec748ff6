import { describe, expect, it } from "vitest";
import { readImportBody } from "./import-body";

/** A body arriving in the given chunks. */
function chunked(...chunks: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(c) {
      for (const chunk of chunks) c.enqueue(chunk);
      c.close();
    },
  });
}

const bytes = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);
const MB = 1024 * 1024;

describe("readImportBody", () => {
  it("reads the body once, into shared memory, whether its length is declared or not", async () => {
    const parts = [bytes(100, 1), bytes(3 * MB, 2), bytes(70_000, 3), bytes(1, 4)];
    const whole = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      whole.set(p, at);
      at += p.length;
    }
    for (const declared of [String(whole.length), undefined, "10", String(whole.length + 500)]) {
      const read = await readImportBody(chunked(...parts), declared, 10 * MB);
      expect(read.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect(read.length).toBe(whole.length);
      expect(Buffer.from(read).equals(Buffer.from(whole))).toBe(true);
      // The buffer never reserves more than the limit.
      expect((read.buffer as SharedArrayBuffer).maxByteLength).toBe(10 * MB);
    }
    // With the length declared, the buffer is that size from the start: no growing, no copy.
    const exact = await readImportBody(chunked(...parts), String(whole.length), 10 * MB);
    expect(exact.buffer.byteLength).toBe(whole.length);
  });

  it("refuses past the limit (declared or counted), a missing body and a body that breaks off", async () => {
    await expect(readImportBody(chunked(bytes(10, 0)), String(2 * MB), MB)).rejects.toMatchObject({
      status: 413,
      code: "payload_too_large",
    });
    await expect(readImportBody(chunked(bytes(MB, 0), bytes(1, 0)), undefined, MB)).rejects.toMatchObject({
      status: 413,
    });
    expect((await readImportBody(chunked(bytes(MB, 0)), undefined, MB)).length).toBe(MB);
    await expect(readImportBody(null, undefined, MB)).rejects.toMatchObject({
      status: 400,
      code: "import_invalid",
    });
    const broken = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(bytes(10, 0));
        c.error(new Error("socket closed"));
      },
    });
    await expect(readImportBody(broken, undefined, MB)).rejects.toMatchObject({
      status: 400,
      code: "import_invalid",
      message: "The upload broke off before the whole file arrived",
    });
  });
});
