/**
 * `meridian stories [--rate WPM] [--json]`: the voice library — bedtime stories, the body scan
 * and the wind-down sets — with their ids (what a scene's voice layer names) and how many
 * minutes each takes read at 130 words per minute (or --rate): narration's rate counts its
 * pauses, so that is how long it plays (wind-down sets add their long pauses between lines).
 */
import { BODY_SCAN, DEFAULT_STORY_WPM, STORIES, VOICE_RATE_RANGE, WIND_DOWN_SETS } from "@meridian/core";
import { parse } from "../args";
import { type CliIO, UsageError } from "../io";

export const storiesHelp = `Usage: meridian stories [options]

List the voice library: bedtime stories, the body scan and the wind-down sets, with the id a
scene's voice layer names and the minutes each takes read at the rate.

Options:
  --rate <wpm>   reading rate, ${VOICE_RATE_RANGE.min}–${VOICE_RATE_RANGE.max} words per minute (default ${DEFAULT_STORY_WPM})
  --json         print JSON instead of a table
  -h, --help     show this help

In a scene: "voiceLayers": [{ "id": "story", "content": { "kind": "story", "id": "night-train" } }]`;

export interface LibraryItem {
  readonly kind: "story" | "body-scan" | "wind-down";
  readonly id: string;
  readonly title: string;
  readonly words: number;
  readonly minutes: number;
}

function words(paragraphs: readonly string[]): number {
  let n = 0;
  for (const p of paragraphs) for (const token of p.split(/\s+/)) if (/\p{L}/u.test(token)) n++;
  return n;
}

/** Every item of the voice library with its spoken minutes at `wpm`. */
export function voiceLibrary(wpm = DEFAULT_STORY_WPM): LibraryItem[] {
  const item = (kind: LibraryItem["kind"], id: string, title: string, paragraphs: readonly string[]) => {
    const w = words(paragraphs);
    return { kind, id, title, words: w, minutes: Math.round((w / wpm) * 10) / 10 };
  };
  return [
    ...STORIES.map((s) => item("story", s.id, s.title, s.paragraphs)),
    item("body-scan", BODY_SCAN.id, BODY_SCAN.title, BODY_SCAN.paragraphs),
    ...WIND_DOWN_SETS.map((s) => item("wind-down", s.id, s.title, s.lines)),
  ];
}

export async function runStories(args: string[], io: CliIO): Promise<number> {
  try {
    return stories(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`meridian stories: ${error.message}\nTry: meridian stories --help\n`);
      return 2;
    }
    io.stderr.write(`meridian stories: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function stories(args: string[], io: CliIO): number {
  const { values, positionals } = parse(args, {
    rate: { type: "string" },
    json: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(`${storiesHelp}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const raw = values.rate;
  const wpm = raw === undefined ? DEFAULT_STORY_WPM : Number(raw);
  if (
    raw !== undefined &&
    (raw.trim() === "" || !(wpm >= VOICE_RATE_RANGE.min && wpm <= VOICE_RATE_RANGE.max))
  ) {
    throw new UsageError(
      `--rate: must be a number from ${VOICE_RATE_RANGE.min} to ${VOICE_RATE_RANGE.max} (got "${raw}")`,
    );
  }
  const items = voiceLibrary(wpm);
  if (values.json) {
    io.stdout.write(`${JSON.stringify({ wpm, items }, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...items.map((i) => i.id.length)) + 2;
  const row = (i: LibraryItem) =>
    `  ${i.id.padEnd(width)}${`${i.minutes.toFixed(1)} min`.padStart(9)}  ${i.title}\n`;
  const section = (heading: string, kind: LibraryItem["kind"]) => {
    io.stdout.write(`${heading}\n`);
    for (const i of items.filter((x) => x.kind === kind)) io.stdout.write(row(i));
  };
  io.stdout.write(
    `Minutes at ${wpm} words per minute (a narration's rate counts its pauses; the long pauses between wind-down lines come on top).\n\n`,
  );
  section('Bedtime stories (voice layer content: { "kind": "story", "id": … })', "story");
  io.stdout.write("\n");
  section('Guided body scan ({ "kind": "story", "id": "body-scan" })', "body-scan");
  io.stdout.write("\n");
  section('Wind-down sets, whispered lines with long pauses ({ "kind": "wind-down", "id": … })', "wind-down");
  return 0;
}
