import { unzipSync } from "fflate";
import { syntheticRitualRecords } from "../insights/synthetic-records";
import { body, type Client, type Harness } from "../test/harness";

/** Test support: an account filled through the real routes with a bit of everything the
 * archive holds, and helpers to send and read zips. */

export function sineWav(seconds: number): Buffer {
  const sampleRate = 8000;
  const frames = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(frames * 2);
  for (let i = 0; i < frames; i++)
    data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / sampleRate)), i * 2);
  const h = Buffer.alloc(44);
  h.write("RIFF", 0, "ascii");
  h.writeUInt32LE(36 + data.length, 4);
  h.write("WAVE", 8, "ascii");
  h.write("fmt ", 12, "ascii");
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(sampleRate, 24);
  h.writeUInt32LE(sampleRate * 2, 28);
  h.writeUInt16LE(2, 32);
  h.writeUInt16LE(16, 34);
  h.write("data", 36, "ascii");
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

export const SCENE = {
  version: 1,
  name: "Desk rain",
  layers: [
    { id: "rain", generator: "rain", gainDb: -6, position: { azimuth: -40, elevation: 0, distance: 2 } },
  ],
};

async function ok(res: Response, status = 201): Promise<Record<string, unknown>> {
  if (res.status !== status) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
  return body(res);
}

/** Sends raw bytes (a file) as the body of a POST. */
export async function sendFile(
  h: Harness,
  client: Client,
  path: string,
  data: Uint8Array | string,
): Promise<Response> {
  return await h.app.request(path, {
    method: "POST",
    headers: {
      cookie: client.cookie ?? "",
      "x-meridian-client": "test",
      "content-type": "application/octet-stream",
    },
    body: data,
  });
}

export async function download(client: Client, path: string): Promise<Uint8Array> {
  const res = await client.get(path);
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return new Uint8Array(await res.arrayBuffer());
}

export function unzip(bytes: Uint8Array): Record<string, Uint8Array> {
  return unzipSync(bytes);
}

/** Entries (one edited, one with a built-in prompt, one with an own prompt), an own prompt,
 * a preset, an uploaded WAV and a link, a session checked out into an entry, and two weeks of
 * synthetic sessions, sleep diaries and check-ups. */
export async function seedAccount(h: Harness, client: Client, userId: string): Promise<void> {
  const prompt = await ok(
    await client.post("/api/prompts", { category: "sleep", text: "What will you set down tonight?" }),
  );
  const first = await ok(
    await client.post("/api/entries", {
      title: "Rain at the window",
      body: "Put on the rain scene. *Shoulders* came down.\n\n- tea\n- book",
      tags: ["rain", "evening routine"],
      promptId: "mindfulness-01",
      clientId: "client-entry-0001",
    }),
  );
  await ok(
    await client.put(`/api/entries/${first.id}`, {
      body: "Put on the rain scene. *Shoulders* came down.\n\n- tea\n- book\n- bed",
      baseRevision: 1,
    }),
    200,
  );
  await ok(
    await client.post("/api/entries", { body: "Own prompt answered: the meeting.", promptId: prompt.id }),
  );
  const written = await ok(
    await client.post("/api/entries", {
      title: "After the session",
      body: "Calmer. 🌧️ Ünïcödé too.",
      tags: ["session"],
    }),
  );
  const wav = await ok(
    await h.app.request("/api/media", {
      method: "POST",
      headers: {
        cookie: client.cookie ?? "",
        "x-meridian-client": "test",
        "content-type": "application/octet-stream",
        "x-filename": "hum.wav",
      },
      body: sineWav(0.5),
    }),
  );
  // A scene with one of the user's own files as a layer: its mediaId must follow the file.
  const withOwnAudio = {
    ...SCENE,
    version: 2,
    mediaLayers: [{ id: "hum", mediaId: wav.id, name: "hum.wav", gainDb: -3 }],
  };
  const preset = await ok(await client.post("/api/presets", { name: "Evening rain", scene: withOwnAudio }));
  await ok(await client.post("/api/media/links", { url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ" }));
  const session = await ok(
    await client.post("/api/sessions", {
      checkIn: { pleasantness: 4, energy: 6, anxiety: 40, stress: 7 },
      scene: withOwnAudio,
      media: [
        { kind: "preset", presetId: preset.id, name: "Evening rain" },
        { kind: "own-audio", audioId: wav.id, name: "hum.wav" },
      ],
      clientId: "client-session-0001",
    }),
  );
  await ok(
    await client.patch(`/api/sessions/${session.id}`, {
      status: "checked-out",
      checkOut: {
        pleasantness: 6,
        energy: 5,
        anxiety: 25,
        stress: 5,
        tingles: 3,
        tingleLocations: ["scalp"],
        relaxation: 7,
        note: "rain, nice",
      },
      entryId: written.id,
    }),
    200,
  );
  const records = syntheticRitualRecords({
    userId,
    timeZone: "UTC",
    first: "2024-01-01",
    days: 15,
    idPrefix: `seed-${userId}-`,
    note: "synthetic",
  });
  await h.secureStore.ritual.importRecords(userId, records);
}

/** The archive JSON with what must differ between two accounts replaced: the export time,
 * the account's name and creation time, and record ids (each id becomes its position of first
 * appearance, so references must still point at the same records). */
export function normaliseArchive(json: string): string {
  const archive = JSON.parse(json);
  archive.exportedAt = "<time>";
  archive.account.username = "<user>";
  archive.account.createdAt = "<time>";
  const ids = new Map<string, string>();
  for (const list of ["entries", "prompts", "sessions", "sleepDiaries", "checkups", "presets", "media"]) {
    for (const record of archive[list] as { id: string }[]) ids.set(record.id, `#${ids.size + 1}`);
  }
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") {
      if (ids.has(value)) return ids.get(value);
      const m = /^media\/(.+)$/.exec(value);
      return m?.[1] && ids.has(m[1]) ? `media/${ids.get(m[1])}` : value;
    }
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === "object")
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return JSON.stringify(walk(archive), null, 2);
}
