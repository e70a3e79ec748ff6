import { type ArchiveMedia, ImportFormatError } from "@meridian/core";
import { linkDetails } from "../media/links";
import { ACCEPTED_AUDIO, ACCEPTED_VIDEO, SNIFF_BYTES, sniffAudio, sniffVideo } from "../media/sniff";
import { emptyWavBytesReason } from "../media/wav";
import type { AudioDetails, LinkDetails, VideoDetails } from "../store/studio-store";

/**
 * An imported media item's type, decided by its bytes exactly as an upload's is (media/sniff.ts
 * on the file's first SNIFF_BYTES): archive.json's `details.format`/`contentType` are only a
 * claim, and one that does not match what the file is refuses the import (else an archive could
 * store HTML or script to be served from /api/media/{id}/file). Returns the details to store:
 * the known fields only, the type as sniffed. A WAV with nothing to play (0 channels, no frames)
 * is refused as on upload. A link's details are worked out from its URL as an upload's are
 * (media/links.ts): only https, the embed built here; archive.json's embedUrl and provider are
 * ignored, so an archive cannot store a javascript: link or an embed of its choosing.
 */
export function checkedMediaDetails(
  m: ArchiveMedia,
  data: Uint8Array | null,
): AudioDetails | VideoDetails | LinkDetails {
  const details = m.details as Record<string, unknown>;
  if (m.kind === "link") {
    const url = String(details.url);
    try {
      return linkDetails(url);
    } catch {
      const shown = url.length > 80 ? `${url.slice(0, 79)}…` : url;
      throw new ImportFormatError(
        `media item ${m.id} (the link "${m.name}") is not an https:// link: archive.json says "${shown}"`,
      );
    }
  }
  const what = `${m.file} (the ${m.kind} "${m.name}")`;
  if (data === null) throw new ImportFormatError(`${what} is missing from the zip`);
  const complete = data.length <= SNIFF_BYTES;
  const head = complete ? data : data.subarray(0, SNIFF_BYTES);
  const sniffed = m.kind === "audio" ? sniffAudio(head, complete) : sniffVideo(head);
  if (!sniffed) {
    throw new ImportFormatError(
      `${what} is not ${m.kind} Meridian takes (${m.kind === "audio" ? ACCEPTED_AUDIO : ACCEPTED_VIDEO}), whatever archive.json says`,
    );
  }
  if (sniffed.format !== details.format || sniffed.contentType !== details.contentType) {
    throw new ImportFormatError(
      `${what} is ${sniffed.format.toUpperCase()} (${sniffed.contentType}), but archive.json says ${String(details.contentType)} (format ${String(details.format)})`,
    );
  }
  if (sniffed.format === "wav") {
    const empty = emptyWavBytesReason(data);
    if (empty !== null) throw new ImportFormatError(`${what} is a WAV file that ${empty}`);
  }
  if (m.kind === "video") return { format: sniffed.format, contentType: sniffed.contentType } as VideoDetails;
  const a = details as unknown as AudioDetails;
  return {
    format: sniffed.format,
    contentType: sniffed.contentType,
    durationSeconds: a.durationSeconds,
    loudnessLufs: a.loudnessLufs,
    gainDb: a.gainDb,
    loudnessSource: a.loudnessSource,
  } as AudioDetails;
}
