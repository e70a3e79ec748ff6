import { randomBytes, randomUUID } from "node:crypto";
import { addDays } from "@meridian/core";
import {
  AccountError,
  createUser,
  removeUser,
  type Store,
  storeUnlockedFor,
  syntheticRitualRecords,
} from "@meridian/server";
import { parse } from "../args";
import type { CliIO } from "../io";
import { UsageError } from "../io";
import { readSecretLine } from "../read-secret";
import { storeFromEnv } from "../store-from-env";

export const DEMO_USERNAME = "demo";
/** Instance setting holding the id of the account `meridian demo` made (so it only ever
 * replaces its own account). */
export const DEMO_SETTING = "demo.userId";
export const DEMO_DAYS = 90;
export const DEMO_TAG = "demo";
export const DEMO_NOTE = "Demo data";

export const demoHelp = `Usage:
  meridian demo [--password-stdin] [--time-zone Area/City] [--reset]

Creates an account named '${DEMO_USERNAME}' with three months of synthetic, clearly labelled data, so
every page can be seen populated: sessions (afternoons and evenings, built-in scenes, some
abandoned), sleep diaries for most nights, a GAD-7 and a PHQ-8 every two weeks, and short journal
entries tagged '${DEMO_TAG}'. Every check-out note says "${DEMO_NOTE}". None of it is anyone's data.

Running it again replaces the demo account and its data (it never adds a second copy).

--password-stdin   read the demo account's password from standard input (one line);
                   without it a random password is generated and printed once
--time-zone        the demo account's time zone (default UTC)
--reset            also replace an account named '${DEMO_USERNAME}' that this command didn't create
                   (never the studio's owner)
`;

/** Short demo entries, written for Meridian's demo; each one is tagged "demo". */
export const DEMO_ENTRIES: readonly { title: string; body: string }[] = [
  {
    title: "Rain at the window",
    body: "Put on the rain scene after work. My shoulders came down somewhere in the second minute. I didn't notice when.",
  },
  {
    title: "Too wired to listen",
    body: "Tried the whisper scene but kept checking my phone. Stopped early. That's fine, tomorrow again.",
  },
  {
    title: "Small list",
    body: "Three things from today: warm tea, the bus was on time, a neighbour's dog that wanted to say hello.",
  },
  {
    title: "Afternoon slump",
    body: "Keyboard café during the 3 pm dip. Less sleepy, not more focused. Writing this instead of another coffee.",
  },
  {
    title: "Tingles",
    body: "First real tingles in weeks with the brushing scene, scalp and neck. Felt silly and pleased at the same time.",
  },
  {
    title: "Worry, parked",
    body: "Wrote the worry down so it has somewhere to stay tonight: the meeting on Thursday. I can pick it up again in the morning.",
  },
  {
    title: "Sea",
    body: "Ocean scene with the lights off. Counted waves until I lost count, which was the point.",
  },
  { title: "Not much to say", body: "Quiet evening. Listened, wrote two lines, going to bed early." },
  {
    title: "Fire and letters",
    body: "The fireplace scene made me think of my grandmother's kitchen. Wrote her a letter I won't send.",
  },
  {
    title: "Restless",
    body: "Anxiety higher than usual before starting. Rain helped a little; my thoughts still ran laps.",
  },
  {
    title: "Walk first",
    body: "Went for a walk before the session. Autumn leaves scene felt like a second walk. Calmer than I expected.",
  },
  {
    title: "Sleep notes",
    body: "Slept badly, woke at four. Trying the evening session earlier tonight to see if it changes anything.",
  },
  {
    title: "Kindness",
    body: "Someone at work thanked me for something I'd forgotten I did. Holding on to that one.",
  },
  {
    title: "Focus block",
    body: "Brown noise for a two-hour block. Got the report done. Sound faded into the background, exactly right.",
  },
  {
    title: "Storm",
    body: "The attic storm scene is loud in a cosy way. Wind, rain, a roof over my head. Good for a grey day.",
  },
  {
    title: "Breathing",
    body: "Five slow breaths before the check-in made the number lower than I expected. Interesting.",
  },
  {
    title: "A good night",
    body: "Fell asleep during the session and woke up properly rested. Diary says eight hours in bed, seven asleep.",
  },
  {
    title: "Mixed day",
    body: "Some good moments, some tense ones. The session didn't fix it but gave the evening a softer edge.",
  },
  {
    title: "Forest",
    body: "Stream and leaves. Imagined the path behind my old school. Pleasant, no tingles, which is fine.",
  },
  {
    title: "Three months",
    body: "Looked back at the calendar. More sessions than I thought. Not every day, and that's all right.",
  },
];

export async function runDemo(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    help: { type: "boolean", short: "h" },
    "password-stdin": { type: "boolean" },
    "time-zone": { type: "string" },
    reset: { type: "boolean" },
  });
  if (values.help) {
    io.stdout.write(demoHelp);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}'`);
  const generated = !values["password-stdin"];
  const password = generated ? randomBytes(15).toString("base64url") : await readSecretLine(io);
  const timeZone = values["time-zone"] ?? "UTC";

  const store = await storeFromEnv(io);
  try {
    const summary = await createDemo(store, { password, timeZone, reset: values.reset === true });
    io.stdout.write(
      `${summary.replaced ? "Replaced" : "Created"} the demo account '${DEMO_USERNAME}' (${timeZone}) with synthetic data ` +
        `from ${summary.first} to ${summary.last}: ${summary.sessions} sessions, ${summary.diaries} sleep diaries, ` +
        `${summary.checkups} check-ups, ${summary.entries} entries tagged '${DEMO_TAG}'.\n`,
    );
    if (generated) io.stdout.write(`Password (shown only now): ${password}\n`);
    io.stdout.write(`Recovery key (shown only now): ${summary.recoveryKey}\n`);
    return 0;
  } catch (error) {
    if (error instanceof AccountError || error instanceof DemoError) {
      io.stderr.write(`meridian demo: ${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await store.close();
  }
}

export class DemoError extends Error {}

/** The calendar day (YYYY-MM-DD) of an instant in a zone. */
function localDate(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  })
    .formatToParts(at)
    .reduce<Record<string, string>>((acc, p) => Object.assign(acc, { [p.type]: p.value }), {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export interface DemoSummary {
  /** The demo account's recovery key (printed once, never stored readable). */
  recoveryKey: string;
  userId: string;
  replaced: boolean;
  first: string;
  last: string;
  sessions: number;
  diaries: number;
  checkups: number;
  entries: number;
}

/** Creates (or replaces) the demo account and its data through the store and account functions. */
export async function createDemo(
  store: Store,
  options: { password: string; timeZone: string; reset?: boolean; now?: Date },
): Promise<DemoSummary> {
  const existing = await store.findUserByUsername(DEMO_USERNAME);
  let replaced = false;
  if (existing) {
    if (existing.role === "owner") {
      throw new DemoError(`'${DEMO_USERNAME}' is the studio's owner; the demo won't replace that account`);
    }
    const ours = (await store.getSetting(DEMO_SETTING)) === existing.id;
    if (!ours && !options.reset) {
      throw new DemoError(
        `an account named '${DEMO_USERNAME}' exists that 'meridian demo' didn't create; add --reset to replace it and everything it holds`,
      );
    }
    await removeUser(store, existing.id);
    replaced = true;
  }
  const account = await createUser(store, {
    username: DEMO_USERNAME,
    password: options.password,
    timeZone: options.timeZone,
  });
  const user = account.user;
  await store.setSetting(DEMO_SETTING, user.id);
  // The demo's text is encrypted like anyone's: write through the encrypting store.
  const unlocked = storeUnlockedFor(store, account.key);
  try {
    return {
      ...(await writeDemoData(unlocked.store, user.id, options, replaced)),
      recoveryKey: account.recoveryKey,
    };
  } finally {
    unlocked.release();
  }
}

async function writeDemoData(
  store: Store,
  userId: string,
  options: { timeZone: string; now?: Date },
  replaced: boolean,
): Promise<Omit<DemoSummary, "recoveryKey">> {
  const user = { id: userId };

  const today = localDate(options.timeZone, options.now ?? new Date());
  const first = addDays(today, -DEMO_DAYS);
  const records = syntheticRitualRecords({
    userId: user.id,
    timeZone: options.timeZone,
    first,
    days: DEMO_DAYS,
    seed: 2026,
    idPrefix: `demo-${user.id}-`,
    sessionShare: 0.92,
    diaryShare: 0.85,
    abandonShare: 0.07,
    checkupEveryDays: 14,
    note: DEMO_NOTE,
  });

  // Entries first, spread over the finished sessions, each linked from its session.
  const finished = records.sessions.filter((s) => s.status === "checked-out");
  let entries = 0;
  for (const [k, text] of DEMO_ENTRIES.entries()) {
    const session = finished[Math.floor((k * finished.length) / DEMO_ENTRIES.length)];
    if (!session) break;
    const id = randomUUID();
    await store.createEntry(user.id, {
      id,
      clientId: null,
      title: text.title,
      body: text.body,
      promptId: null,
      promptText: null,
      tags: [DEMO_TAG],
      createdAt: session.endedAt ?? session.startedAt,
      localDate: session.localDate,
      timeZone: options.timeZone,
    });
    session.entryId = id;
    entries++;
  }
  await store.ritual.importRecords(user.id, records);
  return {
    userId: user.id,
    replaced,
    first,
    last: addDays(today, -1),
    sessions: records.sessions.length,
    diaries: records.diaries.length,
    checkups: records.checkups.length,
    entries,
  };
}
