import { rename, rm } from "node:fs/promises";
import { createRoute, z } from "@hono/zod-openapi";
import { ErrorCode } from "@meridian/core";
import { type App, type AppDeps, userOf } from "../context";
import { RecordUnreadableError } from "../crypto/errors";
import { HttpError, notFound, ServerErrorCode } from "../errors";
import { requireUser } from "../http/auth";
import { newId } from "../ids";
import { linkDetails } from "../media/links";
import { mediaPath, type StudioFiles } from "../media/paths";
import { type QuotaContext, reserveStorage, type StorageReservation, storageUsage } from "../media/quota";
import { fileResponse } from "../media/serve-file";
import { ACCEPTED_AUDIO, ACCEPTED_VIDEO, SERVABLE_TYPES, sniffAudio, sniffVideo } from "../media/sniff";
import { streamUpload } from "../media/upload";
import { emptyWavReason, matchingGainDb, measureWavFile } from "../media/wav";
import { presentMedia } from "../presenters/studio";
import type { RenderService } from "../render/render-service";
import type { AudioDetails } from "../store/studio-store";
import { errors, IdParamsSchema, json, jsonBody, sessionSecurity } from "./common";
import {
  CreateLinkSchema,
  MediaAudioSchema,
  MediaItemSchema,
  MediaLinkSchema,
  MediaVideoSchema,
  StorageUsageSchema,
  UpdateMediaSchema,
  UploadHeadersSchema,
  UploadQuerySchema,
} from "./studio-schemas";
import { UnreadableListSchema, unreadableOf } from "./unreadable";

const common = { tags: ["media"], security: sessionSecurity, middleware: requireUser };
const binary = z.string().openapi({ format: "binary" });

const upload = createRoute({
  ...common,
  method: "post",
  path: "/api/media",
  summary: "Upload an audio file as the raw body (X-Filename header); type checked by content",
  description:
    "WAV is measured on the server; for MP3/OGG/Opus/FLAC/M4A/AAC send the loudness the browser measured as ?clientLufs=.",
  request: {
    query: UploadQuerySchema,
    headers: UploadHeadersSchema,
    body: { content: { "application/octet-stream": { schema: binary } }, required: true },
  },
  responses: {
    201: json(MediaAudioSchema, "The stored audio"),
    ...errors(400, 401, 403, 413),
    415: { ...errors(415)[415], description: "Not audio the studio takes (unsupported_media_type)" },
  },
});

const uploadVideo = createRoute({
  ...common,
  method: "post",
  path: "/api/media/videos",
  summary:
    "Upload a video file (MP4/M4V, WebM, MOV) as the raw body (X-Filename header); type checked by content",
  description: "To watch alongside the studio or attach to a session. Same size limit and quota as audio.",
  request: {
    headers: UploadHeadersSchema,
    body: { content: { "application/octet-stream": { schema: binary } }, required: true },
  },
  responses: {
    201: json(MediaVideoSchema, "The stored video"),
    ...errors(400, 401, 403, 413),
    415: { ...errors(415)[415], description: "Not a video the studio takes (unsupported_media_type)" },
  },
});

const createLink = createRoute({
  ...common,
  method: "post",
  path: "/api/media/links",
  summary: "Save a video link (https; YouTube becomes the youtube-nocookie.com embed)",
  request: { body: jsonBody(CreateLinkSchema) },
  responses: { 201: json(MediaLinkSchema, "The stored link"), ...errors(400, 401, 403, 413) },
});

const list = createRoute({
  ...common,
  method: "get",
  path: "/api/media",
  summary: "The user's audio files and links, newest first",
  responses: {
    200: json(z.object({ items: z.array(MediaItemSchema), unreadable: UnreadableListSchema }), "Media"),
    ...errors(401),
  },
});

const usage = createRoute({
  ...common,
  method: "get",
  path: "/api/media/usage",
  summary: "Storage used by your uploads and kept renders, your quota and the upload limit",
  responses: { 200: json(StorageUsageSchema, "Usage"), ...errors(401) },
});

const get = createRoute({
  ...common,
  method: "get",
  path: "/api/media/{id}",
  summary: "One media item",
  request: { params: IdParamsSchema },
  responses: { 200: json(MediaItemSchema, "The item"), ...errors(401, 404, 422) },
});

const update = createRoute({
  ...common,
  method: "patch",
  path: "/api/media/{id}",
  summary: "Rename, or record the client-measured loudness of a compressed file",
  request: { params: IdParamsSchema, body: jsonBody(UpdateMediaSchema) },
  responses: { 200: json(MediaItemSchema, "The item"), ...errors(400, 401, 403, 404, 409, 413) },
});

const file = createRoute({
  ...common,
  method: "get",
  path: "/api/media/{id}/file",
  summary: "The audio or video file (Range requests answered with 206)",
  request: { params: IdParamsSchema },
  responses: {
    200: {
      description: "The file",
      content: { "audio/*": { schema: binary }, "video/*": { schema: binary } },
    },
    206: {
      description: "Part of the file",
      content: { "audio/*": { schema: binary }, "video/*": { schema: binary } },
    },
    416: { description: "Range not satisfiable" },
    ...errors(401, 404),
  },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/api/media/{id}",
  summary: "Delete a media item and its file on disk",
  request: { params: IdParamsSchema },
  responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404) },
});

function decodeFilename(raw: string): string {
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, ErrorCode.validation, "x-filename: must be percent-encoded UTF-8", "x-filename");
  }
  // Keep the base name only, without control characters.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point
  name = (name.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  if (name === "")
    throw new HttpError(400, ErrorCode.validation, "x-filename: must name the file", "x-filename");
  return name.slice(0, 200);
}

export function registerMediaRoutes(
  app: App,
  deps: AppDeps,
  files: StudioFiles,
  renders: RenderService,
): void {
  const studio = deps.store.studio;
  const quota: QuotaContext = { files, studio, renders, now: deps.now };

  /**
   * Streams a request body to `temp`, typed by `sniff`, within the upload limit and the quota:
   * room is reserved before a byte is written (the declared Content-Length at once, otherwise
   * growing as bytes arrive). Any failure throws its 4xx answer with nothing kept and the
   * reservation released; on success the caller releases it once the media row is stored.
   */
  async function receive<T>(
    request: Request,
    userId: string,
    temp: string,
    sniff: (head: Uint8Array, complete: boolean) => T | null,
    unsupported: () => string,
  ): Promise<{ result: { audio: T; sizeBytes: number }; reservation: StorageReservation }> {
    const header = request.headers.get("content-length");
    const declared = header === null || header.trim() === "" ? Number.NaN : Number(header);
    const known = Number.isSafeInteger(declared) && declared >= 0;
    const limitMb = Math.round(files.mediaLimitBytes / (1024 * 1024));
    const tooLarge = () =>
      new HttpError(413, ErrorCode.tooLarge, `The file is larger than the upload limit of ${limitMb} MB`);
    if (known && declared > files.mediaLimitBytes) throw tooLarge();
    const reservation = await reserveStorage(
      quota,
      userId,
      known ? declared : 0,
      "This file",
      files.mediaLimitBytes,
    );
    try {
      const result = await streamUpload(request.body, temp, files.mediaLimitBytes, sniff, (size) =>
        reservation.cover(size),
      );
      if (result.ok) return { result, reservation };
      if (result.reason === "too_large") throw tooLarge();
      if (result.reason === "quota") throw reservation.error(null, "This file");
      if (result.reason === "empty") throw new HttpError(400, ErrorCode.validation, "The file is empty");
      if (result.reason === "interrupted")
        throw new HttpError(
          400,
          "upload_interrupted",
          "The upload broke off before the whole file arrived; nothing was kept. Try again.",
        );
      throw new HttpError(415, ServerErrorCode.unsupportedMediaType, unsupported());
    } catch (error) {
      await reservation.release();
      throw error;
    }
  }

  app.openapi(upload, async (c) => {
    const userId = userOf(c).id;
    const name = decodeFilename(c.req.valid("header")["x-filename"]);
    const { clientLufs } = c.req.valid("query");
    const id = newId();
    const final = mediaPath(files, userId, id);
    const temp = `${final}.upload`;
    const { result, reservation } = await receive(c.req.raw, userId, temp, sniffAudio, () => {
      return `"${name}" is not an audio file the studio can use (by its content, whatever its name). Accepted: ${ACCEPTED_AUDIO}.`;
    });
    try {
      let details: AudioDetails = {
        format: result.audio.format,
        contentType: result.audio.contentType,
        durationSeconds: null,
        loudnessLufs: clientLufs ?? null,
        gainDb: matchingGainDb(clientLufs ?? null),
        loudnessSource: clientLufs === undefined ? null : "client",
      };
      if (result.audio.format === "wav") {
        const empty = await emptyWavReason(temp);
        if (empty !== null)
          throw new HttpError(
            415,
            ServerErrorCode.unsupportedMediaType,
            `"${name}" is a WAV file that ${empty}. Export it again from your audio editor and upload that.`,
          );
        const measured = await measureWavFile(temp);
        if (measured) {
          details = {
            ...details,
            durationSeconds: Math.round(measured.durationSeconds * 1000) / 1000,
            loudnessLufs: measured.lufs === null ? null : Math.round(measured.lufs * 100) / 100,
            gainDb: matchingGainDb(measured.lufs),
            loudnessSource: "server",
          };
        }
      }
      await rename(temp, final);
      try {
        const item = await studio.insertMedia(userId, {
          id,
          kind: "audio",
          name,
          sizeBytes: result.sizeBytes,
          details,
          createdAt: deps.now().toISOString(),
        });
        return c.json(presentMedia(item) as z.infer<typeof MediaAudioSchema>, 201);
      } catch (error) {
        await rm(final, { force: true });
        throw error;
      }
    } finally {
      await rm(temp, { force: true });
      // The media row counts the bytes from now on (for a moment both count: never too few).
      await reservation.release();
    }
  });

  app.openapi(uploadVideo, async (c) => {
    const userId = userOf(c).id;
    const name = decodeFilename(c.req.valid("header")["x-filename"]);
    const id = newId();
    const final = mediaPath(files, userId, id);
    const temp = `${final}.upload`;
    const { result, reservation } = await receive(c.req.raw, userId, temp, sniffVideo, () => {
      return `"${name}" is not a video file the studio can use (by its content, whatever its name). Accepted: ${ACCEPTED_VIDEO}.`;
    });
    try {
      await rename(temp, final);
      try {
        const item = await studio.insertMedia(userId, {
          id,
          kind: "video",
          name,
          sizeBytes: result.sizeBytes,
          details: { format: result.audio.format, contentType: result.audio.contentType },
          createdAt: deps.now().toISOString(),
        });
        return c.json(presentMedia(item) as z.infer<typeof MediaVideoSchema>, 201);
      } catch (error) {
        await rm(final, { force: true });
        throw error;
      }
    } finally {
      await rm(temp, { force: true });
      await reservation.release();
    }
  });

  app.openapi(createLink, async (c) => {
    const { url, title } = c.req.valid("json");
    const details = linkDetails(url);
    const item = await studio.insertMedia(userOf(c).id, {
      id: newId(),
      kind: "link",
      name: title ?? details.url,
      sizeBytes: 0,
      details,
      createdAt: deps.now().toISOString(),
    });
    return c.json(presentMedia(item) as z.infer<typeof MediaLinkSchema>, 201);
  });

  app.openapi(list, async (c) => {
    const items = await studio.listMedia(userOf(c).id);
    return c.json({ items: items.map(presentMedia), unreadable: unreadableOf(items) }, 200);
  });

  // Registered before /api/media/{id} so the fixed path wins.
  app.openapi(usage, async (c) => {
    const u = await storageUsage(files, studio, renders, userOf(c).id);
    return c.json({ ...u, uploadLimitBytes: files.mediaLimitBytes }, 200);
  });

  app.openapi(get, async (c) => {
    const item = await studio.findMedia(userOf(c).id, c.req.valid("param").id);
    if (!item) throw notFound("No such media");
    return c.json(presentMedia(item), 200);
  });

  app.openapi(update, async (c) => {
    const userId = userOf(c).id;
    const { id } = c.req.valid("param");
    const { name, clientLufs } = c.req.valid("json");
    const item = await studio.findMedia(userId, id);
    if (!item) throw notFound("No such media");
    let details: AudioDetails | undefined;
    if (clientLufs !== undefined) {
      if (item.kind !== "audio")
        throw new HttpError(
          400,
          ErrorCode.validation,
          "clientLufs: only audio files have a loudness",
          "clientLufs",
        );
      if (item.details.loudnessSource === "server")
        throw new HttpError(
          409,
          "loudness_measured_by_server",
          "The server measured this file's loudness itself; a client measurement is not taken",
        );
      details = {
        ...item.details,
        loudnessLufs: clientLufs,
        gainDb: matchingGainDb(clientLufs),
        loudnessSource: "client",
      };
    }
    const updated = await studio.updateMedia(userId, id, {
      ...(name !== undefined ? { name } : {}),
      ...(details !== undefined ? { details } : {}),
    });
    if (!updated) throw notFound("No such media");
    return c.json(presentMedia(updated), 200);
  });

  app.openapi(file, async (c) => {
    const userId = userOf(c).id;
    const item = await studio.findMedia(userId, c.req.valid("param").id);
    if (item?.kind !== "audio" && item?.kind !== "video") throw notFound("No such file");
    // Only a type the sniffers give is sent. A row holding any other (text/html from an old
    // import that trusted the archive) is refused rather than sent as an octet-stream download:
    // its bytes were never checked, so none of them leave the server under our origin.
    if (!SERVABLE_TYPES.has(item.details.contentType))
      throw new HttpError(
        415,
        ServerErrorCode.unsupportedMediaType,
        `"${item.name}" was stored without a checked audio or video type, so it is not served. Delete it and upload the file again.`,
      );
    try {
      return await fileResponse(mediaPath(files, userId, item.id), c.req.header("range"), {
        contentType: item.details.contentType,
        fileName: item.name,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT")
        throw notFound("The file is missing on the server");
      throw error;
    }
  });

  app.openapi(remove, async (c) => {
    const userId = userOf(c).id;
    const { id } = c.req.valid("param");
    // An item whose name does not decrypt can still be deleted (its file too, if it has one).
    const item = await studio.findMedia(userId, id).catch((error: unknown) => {
      if (error instanceof RecordUnreadableError) return { kind: "unreadable" as const };
      throw error;
    });
    if (!item || !(await studio.deleteMedia(userId, id))) throw notFound("No such media");
    if (item.kind !== "link") await rm(mediaPath(files, userId, id), { force: true });
    return c.body(null, 204);
  });
}
