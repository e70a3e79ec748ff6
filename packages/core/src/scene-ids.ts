/**
 * Ids of own-audio layers (`scene.mediaLayers[].id`). A scene's text (its name, each layer's file
 * name) is sealed at rest but its ids stay plain (the engine seeds voices with them), so an id
 * must say nothing about the file: it is random, "m-" and 12 hex digits (48 bits). The caller
 * brings the random bytes (core does no I/O): `crypto.getRandomValues` in the browser,
 * `randomBytes` on the server.
 */

/** The form of an own-audio layer id: "m-" and 12 lowercase hex digits. */
export const MEDIA_LAYER_ID_PATTERN = /^m-[0-9a-f]{12}$/;

/** Random bytes an id takes. */
export const MEDIA_LAYER_ID_BYTES = 6;

/** Whether `id` is a random own-audio layer id (and so carries no file name). */
export function isRandomMediaLayerId(id: unknown): id is string {
  return typeof id === "string" && MEDIA_LAYER_ID_PATTERN.test(id);
}

/** An id from random bytes (at least MEDIA_LAYER_ID_BYTES of them; extra bytes are ignored). */
export function mediaLayerIdFrom(bytes: Uint8Array): string {
  if (bytes.length < MEDIA_LAYER_ID_BYTES) throw new Error(`needs ${MEDIA_LAYER_ID_BYTES} random bytes`);
  let hex = "";
  for (let i = 0; i < MEDIA_LAYER_ID_BYTES; i++) hex += (bytes[i] as number).toString(16).padStart(2, "0");
  return `m-${hex}`;
}

/** A random id not among `taken` (a clash needs 2^-48 luck; retried anyway). */
export function freshMediaLayerId(
  randomBytes: (n: number) => Uint8Array,
  taken: ReadonlySet<string>,
): string {
  for (;;) {
    const id = mediaLayerIdFrom(randomBytes(MEDIA_LAYER_ID_BYTES));
    if (!taken.has(id)) return id;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * The scene with every own-audio layer id that is not of the random form replaced by a fresh
 * random one (a file-name slug such as "after-the-funeral-mum-s-voice" becomes "m-3f9c…"); the
 * same object when nothing needed replacing. Works on any JSON (a stored scene of any version,
 * its text sealed or not): only `mediaLayers[].id` strings change, in place order, so whatever is
 * sealed (bound to the layer's index, not its id) still opens. Nothing in a scene refers to a
 * layer by id, so the scene plays the same files. Only a layer moving with "drift" wanders
 * differently: its wander's phases are seeded by the id.
 */
export function withRandomMediaLayerIds<T>(scene: T, randomBytes: (n: number) => Uint8Array): T {
  if (!isObject(scene) || !Array.isArray(scene.mediaLayers)) return scene;
  const media = scene.mediaLayers as unknown[];
  if (media.every((l) => !isObject(l) || !("id" in l) || isRandomMediaLayerId(l.id))) return scene;
  const taken = new Set<string>();
  const layers = Array.isArray(scene.layers) ? (scene.layers as unknown[]) : [];
  for (const l of [...layers, ...media]) if (isObject(l) && typeof l.id === "string") taken.add(l.id);
  const seen = new Set<string>();
  const mediaLayers = media.map((l) => {
    if (!isObject(l) || !("id" in l)) return l;
    if (isRandomMediaLayerId(l.id) && !seen.has(l.id)) {
      seen.add(l.id);
      return l;
    }
    const id = freshMediaLayerId(randomBytes, taken);
    taken.add(id);
    seen.add(id);
    return { ...l, id };
  });
  return { ...scene, mediaLayers } as T;
}
