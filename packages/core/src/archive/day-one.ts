import { isValidTimeZone } from "../sleep/time-zone";
import {
  checkBody,
  type ForeignImport,
  fitTitle,
  type ImportedEntry,
  ImportFormatError,
  keyCounter,
  localDateOf,
  normaliseTags,
} from "./imported";

/** Day One's JSON export (Journal.json, alone or inside the export zip): { metadata, entries:
 * [{ uuid, creationDate (ISO, UTC), modifiedDate (the entry's last change), timeZone (IANA),
 * text (Markdown), tags, starred, photos }] }.
 * The text is Markdown: a first line starting with "# " becomes the title. Day One escapes
 * punctuation that needs no escaping ("Hello\." or "\(aside\)"); those escapes are removed,
 * the meaningful ones (a list marker or heading at the start of a line, emphasis, links) stay.
 * Photos, audio, video, location and weather are not imported; the preview says how many
 * were left out. */

const MOMENT_RE = /!\[[^\]]*\]\(dayone-moment:[^)]*\)/g;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function looksLikeDayOne(value: unknown): boolean {
  if (!isRecord(value) || !Array.isArray(value.entries)) return false;
  const first = value.entries[0];
  return first === undefined ? isRecord(value.metadata) : isRecord(first) && "creationDate" in first;
}

/** Removes Day One's needless backslash escapes, line by line. */
export function unescapeDayOne(text: string): string {
  return text
    .split("\n")
    .map((line) => {
      const lead = /^(\s*)(\d+)?/.exec(line)?.[0] ?? "";
      // At the start of a line "\-", "\+", "\#", "\>", "1\." keep their escape: without it the
      // line would turn into a list, heading or quote.
      const keepAtStart = /^\s*(\\[-+#>*]|\d+\\\.)/.test(line);
      const head = keepAtStart ? line.slice(0, lead.length + 2) : "";
      const rest = keepAtStart ? line.slice(head.length) : line;
      return (
        head +
        rest.replace(/\\([.!()+#>-])/g, (whole, ch: string, at: number, all: string) =>
          ch === "!" && all[at + 2] === "[" ? whole : ch,
        )
      );
    })
    .join("\n");
}

export function parseDayOne(value: unknown): ForeignImport {
  if (!isRecord(value) || !Array.isArray(value.entries))
    throw new ImportFormatError('This Day One export has no "entries" list');
  const warnings: string[] = [];
  const warn = (m: string) => warnings.push(m);
  const nextKey = keyCounter();
  let photos = 0;
  let photoEntries = 0;
  const badZones = new Set<string>();
  const entries = value.entries.map((raw: unknown, index): ImportedEntry => {
    const where = `Entry ${index + 1}`;
    if (!isRecord(raw)) throw new ImportFormatError(`${where} is not an object`);
    const { uuid, creationDate, modifiedDate, timeZone, text, tags, starred } = raw;
    if (typeof uuid !== "string" || !/^[A-Za-z0-9-]{1,50}$/.test(uuid))
      throw new ImportFormatError(`${where}: "uuid" is missing or not an identifier`);
    const instant = typeof creationDate === "string" ? Date.parse(creationDate) : Number.NaN;
    if (typeof creationDate !== "string" || !/^\d{4}-\d\d-\d\dT/.test(creationDate) || Number.isNaN(instant))
      throw new ImportFormatError(`${where}: "creationDate" should be an ISO 8601 date and time`);
    if (text !== undefined && typeof text !== "string")
      throw new ImportFormatError(`${where}: "text" should be text`);
    if (tags !== undefined && (!Array.isArray(tags) || tags.some((t) => typeof t !== "string")))
      throw new ImportFormatError(`${where}: "tags" should be a list of text`);
    // The last change: modifiedDate when it reads, never before the creation.
    let updated = instant;
    if (modifiedDate !== undefined) {
      const modified = typeof modifiedDate === "string" ? Date.parse(modifiedDate) : Number.NaN;
      if (
        typeof modifiedDate !== "string" ||
        !/^\d{4}-\d\d-\d\dT/.test(modifiedDate) ||
        Number.isNaN(modified)
      )
        warn(
          `${where}: "modifiedDate" is not an ISO 8601 date and time; its last change is taken as its creation`,
        );
      else updated = Math.max(instant, modified);
    }
    let zone = "UTC";
    if (typeof timeZone === "string" && isValidTimeZone(timeZone)) zone = timeZone;
    else if (timeZone !== undefined) badZones.add(String(timeZone));
    const media = ["photos", "audios", "videos", "pdfAttachments"]
      .map((k) => (Array.isArray(raw[k]) ? (raw[k] as unknown[]).length : 0))
      .reduce((a, b) => a + b, 0);
    if (media > 0) {
      photos += media;
      photoEntries++;
    }
    const plain = unescapeDayOne((text ?? "").replace(/\r\n?/g, "\n").replace(MOMENT_RE, ""))
      .replace(/\n{3,}/g, "\n\n")
      .trim();
    const [first = "", ...rest] = plain.split("\n");
    const heading = /^#{1,6}\s+(.*)$/.exec(first);
    const title = heading ? fitTitle(heading[1] ?? null) : null;
    const body = heading ? rest.join("\n").trim() : plain;
    return {
      key: nextKey(`dayone:${uuid}`),
      title,
      body: checkBody(body, where),
      tags: normaliseTags(
        [...((tags as string[] | undefined) ?? []), ...(starred === true ? ["starred"] : [])],
        warn,
        where,
      ),
      createdAt: new Date(instant).toISOString(),
      updatedAt: new Date(updated).toISOString(),
      timeZone: zone,
      localDate: localDateOf(instant, zone),
    };
  });
  if (photos > 0) {
    warnings.unshift(
      `${photos} photo${photos === 1 ? "" : "s"} or other attachments in ${photoEntries} entr${photoEntries === 1 ? "y were" : "ies were"} not imported; only the text, tags and dates are`,
    );
  }
  for (const zone of badZones) warnings.push(`Unknown time zone "${zone}"; those entries were dated in UTC`);
  return { format: "dayone", entries, warnings };
}
