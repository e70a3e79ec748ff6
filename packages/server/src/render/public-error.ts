/**
 * What a failed render tells its owner: a plain sentence, never the error's own text (Node's
 * file errors name server paths such as `/srv/meridian/media/<user>/<id>`). The full error goes
 * to the server's log (`logRenderError`), where the operator can see it.
 */

/** The Node error code of `error` (`ENOENT`…), also when a render thread passed it on as text. */
function errorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string") return code;
  const message = error instanceof Error ? error.message : String(error);
  return /^(E[A-Z]+)\b/.exec(message)?.[1] ?? null;
}

export const RENDER_FAILED =
  "The render failed on the server. Start it again; if it fails again, the server's log says why.";

/** The sentence shown for a render that failed with `error`. */
export function publicRenderError(error: unknown): string {
  switch (errorCode(error)) {
    case "ENOENT":
      return "A file this render needed is missing on the server (an own audio file deleted or moved?). Check your own audio layers and start it again.";
    case "ENOSPC":
    case "EDQUOT":
      return "The server ran out of disk space while rendering. Free some space and start it again.";
    case "EACCES":
    case "EPERM":
    case "EROFS":
      return "The server may not read or write a file this render needs (permissions). Ask whoever runs it to check the data folder.";
    default:
      return RENDER_FAILED;
  }
}

/** A stored message from an older version that may hold a path: replaced by the plain one. */
export function withoutPaths(message: string | null): string | null {
  if (message === null) return null;
  return /[/\\]|\bE[A-Z]{3,}\b/.test(message) ? RENDER_FAILED : message;
}

/** Logs the full error of a failed render for the operator (ids only, no user text). */
export function logRenderError(renderId: string, userId: string, error: unknown): void {
  console.error(`Render ${renderId} of user ${userId} failed:`, error);
}
