/**
 * What a saved video link offers: the youtube-nocookie embed (played on a press), or the https
 * page opened in a new tab. Anything else (the server sends url null for a stored link that is
 * not https; an older server could send it as stored) offers nothing to open or embed.
 */
export type LinkAction =
  | { kind: "embed"; src: string }
  | { kind: "open"; href: string }
  | { kind: "unusable" };

/** Shown in place of the button for a link that offers nothing. */
export const UNUSABLE_LINK = "This link can't be opened";

const EMBED_ORIGIN = "https://www.youtube-nocookie.com";

function parsed(raw: string | null): URL | null {
  if (raw === null || !URL.canParse(raw)) return null;
  return new URL(raw);
}

export function linkAction(link: { url: string | null; embedUrl: string | null }): LinkAction {
  const url = parsed(link.url);
  if (url === null || url.protocol !== "https:") return { kind: "unusable" };
  const embed = parsed(link.embedUrl);
  if (embed !== null && embed.origin === EMBED_ORIGIN && embed.pathname.startsWith("/embed/"))
    return { kind: "embed", src: embed.href };
  return { kind: "open", href: url.href };
}
