import { createReadStream } from "node:fs";
import { Zip, ZipDeflate, ZipPassThrough } from "fflate";

/** A zip written as it is read: files are added one after another and each chunk fflate
 * produces is handed on at once, so a large media file never sits whole in memory. */

export interface ZipInput {
  name: string;
  /** Text/JSON is deflated; a file on disk (audio, already compressed) is stored as is. */
  source: { kind: "bytes"; data: Uint8Array } | { kind: "file"; path: string };
}

export async function* zipChunks(
  files: AsyncIterable<ZipInput> | Iterable<ZipInput>,
  mtime: Date,
): AsyncGenerator<Uint8Array> {
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else ready.push(chunk);
  });
  const drain = function* () {
    if (failure) throw failure;
    while (ready.length > 0) yield ready.shift() as Uint8Array;
  };
  for await (const file of files) {
    if (file.source.kind === "bytes") {
      const entry = new ZipDeflate(file.name, { level: 6 });
      entry.mtime = mtime;
      zip.add(entry);
      entry.push(file.source.data, true);
      yield* drain();
    } else {
      const entry = new ZipPassThrough(file.name);
      entry.mtime = mtime;
      zip.add(entry);
      for await (const chunk of createReadStream(file.source.path)) {
        entry.push(chunk as Buffer, false);
        yield* drain();
      }
      entry.push(new Uint8Array(0), true);
      yield* drain();
    }
  }
  zip.end();
  yield* drain();
}

/** The chunks as a web stream (for a Response body). */
export function toWebStream(chunks: AsyncGenerator<Uint8Array>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (error) {
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
