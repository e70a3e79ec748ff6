/**
 * Video links: https only; YouTube links become the privacy-enhanced embed
 * (www.youtube-nocookie.com/embed/<id>), which sets no cookies until the viewer plays.
 */
import type { LinkDetails } from "../store/studio-store";

const YOUTUBE_HOSTS = new Set(["youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"]);
const VIDEO_ID = /^[A-Za-z0-9_-]{6,20}$/;

/** Seconds from a YouTube `t`/`start` value: 90, 90s, 1m30s, 1h2m3s. */
function startSeconds(value: string | null): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(value);
  if (!m || (!m[1] && !m[2] && !m[3])) return null;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

/** The video id of a YouTube watch/short/embed/live link, or null when it is not one. */
export function youtubeVideoId(url: URL): string | null {
  const host = url.hostname.toLowerCase();
  let id: string | null = null;
  if (host === "youtu.be") id = url.pathname.split("/")[1] ?? null;
  else if (
    YOUTUBE_HOSTS.has(host) ||
    host === "www.youtube-nocookie.com" ||
    host === "youtube-nocookie.com"
  ) {
    const parts = url.pathname.split("/").filter(Boolean);
    if (parts[0] === "watch") id = url.searchParams.get("v");
    else if (parts[0] === "shorts" || parts[0] === "embed" || parts[0] === "live" || parts[0] === "v")
      id = parts[1] ?? null;
  }
  return id !== null && VIDEO_ID.test(id) ? id : null;
}

/** Link details for an https URL, worked out here from the URL alone (an upload's, or an
 * imported archive's whose embedUrl and provider are ignored). Throws when `raw` is not an
 * https URL (javascript:, data:, http: or not a URL at all). */
export function linkDetails(raw: string): LinkDetails {
  const url = new URL(raw);
  if (url.protocol !== "https:") throw new TypeError(`${url.protocol} is not https:`);
  const id = youtubeVideoId(url);
  if (id === null) return { url: url.href, embedUrl: null, provider: "other" };
  const start = startSeconds(url.searchParams.get("t") ?? url.searchParams.get("start"));
  const embed = new URL(`https://www.youtube-nocookie.com/embed/${id}`);
  if (start !== null && start > 0) embed.searchParams.set("start", String(start));
  return { url: url.href, embedUrl: embed.href, provider: "youtube" };
}
