/**
 * Share links: the scene in the URL hash (never sent to the server, so never in its logs).
 * `#mix=` + "d" + base64url(deflate-raw(JSON)) when CompressionStream exists, else "j" + base64url(JSON).
 */
import { parseScene, type StudioScene, toEngineScene } from "@meridian/core";
import { validateSceneGenerators } from "@meridian/sound";

const b64url = (bytes: Uint8Array): string => {
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
};

const fromB64url = (s: string): Uint8Array => {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((s.length + 3) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
};

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const res = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await res.arrayBuffer());
}

export async function encodeScene(scene: StudioScene): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(scene));
  if (typeof CompressionStream !== "undefined") {
    return `d${b64url(await pipe(json, new CompressionStream("deflate-raw")))}`;
  }
  return `j${b64url(json)}`;
}

export type DecodeResult = { ok: true; scene: StudioScene } | { ok: false; error: string };

export async function decodeScene(code: string): Promise<DecodeResult> {
  try {
    let bytes = fromB64url(code.slice(1));
    if (code.startsWith("d")) {
      if (typeof DecompressionStream === "undefined") {
        return { ok: false, error: "This browser can't open compressed share links." };
      }
      bytes = await pipe(bytes, new DecompressionStream("deflate-raw"));
    } else if (!code.startsWith("j")) return { ok: false, error: "This share link isn't one Meridian made." };
    const parsed = parseScene(JSON.parse(new TextDecoder().decode(bytes)));
    if (!parsed.ok) return { ok: false, error: `The shared mix isn't valid (${parsed.errors[0]?.field}).` };
    const issue = validateSceneGenerators(toEngineScene(parsed.scene))[0];
    if (issue)
      return { ok: false, error: `The shared mix uses a sound this studio lacks (${issue.message}).` };
    return { ok: true, scene: parsed.scene };
  } catch {
    return { ok: false, error: "This share link is damaged or incomplete." };
  }
}

export async function shareUrl(scene: StudioScene, origin = window.location.origin): Promise<string> {
  return `${origin}/studio#mix=${await encodeScene(scene)}`;
}

/** The code from a location hash like "#mix=d…", or null. */
export function mixFromHash(hash: string): string | null {
  const m = /(?:^#|&)mix=([A-Za-z0-9_-]+)/.exec(hash);
  return m?.[1] ?? null;
}
