import type { CliIO, Command } from "./io";
import { UsageError } from "./io";

/** Each noun is one file in commands/, loaded only when used (render should not load the server). */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  serve: {
    summary: "Run the studio (same as npm start)",
    load: async () => (await import("./commands/serve")).runServe,
  },
  user: {
    summary: "Manage accounts: user add | list | remove",
    load: async () => (await import("./commands/user")).runUser,
  },
  demo: {
    summary: "Create (or reset) a demo account with three months of synthetic data",
    load: async () => (await import("./commands/demo")).runDemo,
  },
  export: {
    summary: "Write an account's journal and data to a zip (archive or Markdown)",
    load: async () => (await import("./commands/export")).runExport,
  },
  import: {
    summary: "Import a Meridian archive, jrnl, Day One or Daylio export into an account",
    load: async () => (await import("./commands/import")).runImport,
  },
  experiment: {
    summary: "Blinded experiments: experiment list | report ID [--json]",
    load: async () => (await import("./commands/experiment")).runExperiment,
  },
  render: {
    summary: "Render a scene to a WAV or MP3 file",
    load: async () => (await import("./commands/render")).runRender,
  },
  backup: {
    summary: "Copy the database to a checked backup file",
    load: async () => (await import("./commands/backup")).runBackup,
  },
  say: {
    summary: "Speak text into a WAV file, offline (soft-spoken or whispered)",
    load: async () => (await import("./commands/say")).runSay,
  },
  stories: {
    summary: "List the bedtime stories, body scan and wind-down sets (minutes at 130 wpm)",
    load: async () => (await import("./commands/stories")).runStories,
  },
};

export const HELP = `meridian — an ASMR journaling studio you run yourself

Usage: meridian <command> [options]

Commands:
${Object.entries(COMMANDS)
  .map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`)
  .join("\n")}

Run 'meridian <command> --help' for a command's options.

Environment:
  PORT                port to listen on (default 4711)
  HOST                address to listen on (default 127.0.0.1)
  MERIDIAN_DATA_DIR   where data lives (default ./data)
  DATABASE_URL        postgres://… to use PostgreSQL instead of SQLite
`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout.write(HELP);
    return name === undefined ? 2 : 0;
  }
  if (name === "--version" || name === "-v") {
    io.stdout.write("meridian 0.1.0\n");
    return 0;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr.write(`meridian: unknown command '${name}'. Run 'meridian --help' to see the commands.\n`);
    return 2;
  }
  const command = await entry.load();
  try {
    return await command(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`meridian ${name}: ${error.message}\nRun 'meridian ${name} --help' for usage.\n`);
      return 2;
    }
    throw error;
  }
}

/** Entry used by bin/meridian.js: wires the real process in. */
export async function main(argv: string[]): Promise<number> {
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  try {
    return await run(argv, {
      stdout: process.stdout,
      stderr: process.stderr,
      isTTY: Boolean(process.stderr.isTTY),
      signal: controller.signal,
      env: process.env,
    });
  } catch (error) {
    process.stderr.write(`meridian: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    process.off("SIGINT", onSigint);
  }
}
