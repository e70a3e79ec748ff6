import { open, openScene, seal, sealScene } from "../crypto/field-codec";
import type { UserKey } from "../crypto/keys";
import { forwardRest, loudly, openEach, openOne } from "./encrypted-helpers";
import { withRandomLayerIds } from "./random-layer-ids";
import type { MediaRecord, PresetRecord, StudioStore } from "./studio-store";

/** StudioStore with preset names, the text inside preset scenes (crypto/field-codec.ts
 * sealScene) and own-media names sealed (see encrypted-store.ts); own-audio layer ids made random
 * on write (random-layer-ids.ts). The rest of a scene, link
 * addresses and audio details stay plain; uploaded audio bytes are files, not rows. Lists leave
 * out a row that does not decrypt and name it in `unreadable`; finding one answers 422. */
export function encryptStudioStore(inner: StudioStore, keyOf: (userId: string) => UserKey): StudioStore {
  const openPreset = (key: UserKey, p: PresetRecord): PresetRecord => ({
    ...p,
    name: open(key, "presets.name", p.id, p.name),
    scene: openScene(key, "presets", p.id, p.scene),
  });
  const openMediaItem = (key: UserKey, m: MediaRecord): MediaRecord => ({
    ...m,
    name: open(key, "media.name", m.id, m.name),
  });

  const overrides: Partial<StudioStore> = {
    async listPresets(userId) {
      const key = keyOf(userId);
      const list = await inner.listPresets(userId);
      return openEach(
        list,
        (p) => openPreset(key, p),
        (p) => ({ table: "presets", id: p.id, createdAt: p.createdAt, localDate: p.createdAt.slice(0, 10) }),
      );
    },
    async findPreset(userId, id) {
      const key = keyOf(userId);
      return openOne(await inner.findPreset(userId, id), (p) => openPreset(key, p), "preset");
    },
    async insertPreset(userId, preset) {
      const key = keyOf(userId);
      const p = await inner.insertPreset(userId, {
        ...preset,
        name: seal(key, "presets.name", preset.id, preset.name),
        scene: sealScene(key, "presets", preset.id, withRandomLayerIds(preset.scene)),
      });
      return loudly(async () => openPreset(key, p));
    },
    async updatePreset(userId, id, changes) {
      const key = keyOf(userId);
      const p = await inner.updatePreset(userId, id, {
        ...changes,
        ...(changes.name !== undefined ? { name: seal(key, "presets.name", id, changes.name) } : {}),
        ...(changes.scene !== undefined
          ? { scene: sealScene(key, "presets", id, withRandomLayerIds(changes.scene)) }
          : {}),
      });
      return loudly(async () => (p ? openPreset(key, p) : null));
    },
    async listMedia(userId) {
      const key = keyOf(userId);
      const list = await inner.listMedia(userId);
      return openEach(
        list,
        (m) => openMediaItem(key, m),
        (m) => ({
          table: "media",
          id: m.id,
          createdAt: m.createdAt,
          localDate: m.createdAt.slice(0, 10),
          sizeBytes: m.sizeBytes,
        }),
      );
    },
    async findMedia(userId, id) {
      const key = keyOf(userId);
      return openOne(await inner.findMedia(userId, id), (m) => openMediaItem(key, m), "media item");
    },
    async insertMedia(userId, item) {
      const key = keyOf(userId);
      const m = await inner.insertMedia(userId, {
        ...item,
        name: seal(key, "media.name", item.id, item.name),
      });
      return loudly(async () => openMediaItem(key, m));
    },
    async updateMedia(userId, id, changes) {
      const key = keyOf(userId);
      const m = await inner.updateMedia(userId, id, {
        ...changes,
        ...(changes.name !== undefined ? { name: seal(key, "media.name", id, changes.name) } : {}),
      });
      return loudly(async () => (m ? openMediaItem(key, m) : null));
    },
  };
  return forwardRest(overrides, inner);
}
