/**
 * `meridian render <scene.json|built-in> --duration 8h --out sleep.wav [--format wav|mp3]
 *  [--seed N] [--sample-rate 48000] [--fade-out 60s]` (or `--solo GENERATOR` instead of a scene:
 *  one generator in front, default parameters) — renders a scene offline, streaming in
 * chunks (constant memory). Progress with ETA on stderr when it is a terminal. Ctrl-C (or the
 * io signal) stops early with a short fade and leaves a valid, shorter file.
 */
import { readFile } from "node:fs/promises";
import { describeSceneErrors, parseScene, toEngineScene, type VoiceSceneLayer } from "@meridian/core";
import {
  type AudioWriter,
  formatDuration,
  openAudioWriter,
  parseDuration,
  renderInto,
} from "@meridian/server/render";
import { type Scene, validateSceneGenerators } from "@meridian/sound";
import { parse } from "../args";
import { type CliIO, UsageError } from "../io";
import {
  allBuiltinSceneIds,
  closeBuiltinScenes,
  findBuiltinScene,
  findVoiceScene,
} from "./render-scene-name";
import { soloGeneratorScene } from "./render-solo";

export const renderHelp = `Usage: meridian render <scene.json | built-in scene id or name> --duration <time> --out <file> [options]
       meridian render --solo <generator> --duration <time> --out <file> [options]

Render a sound scene to an audio file, streaming (hours of audio in constant memory). Voice
layers (stories, wind-down sets, the wordless whisper) are synthesised offline as it renders;
a story ends when it ends and the scene plays on (see meridian stories).

Options:
  --duration <time>     how long, e.g. 90s, 45m, 8h, 1h30m (required)
  --out <file>          output file (required); .mp3 selects MP3
  --format wav|mp3      file format (default: from --out, else wav; WAV is 16-bit PCM, RF64 past 4 GiB)
  --seed <n>            random seed (default 1): the same seed gives the same audio
  --sample-rate <hz>    8000–192000 (default 48000; MP3: 32000, 44100 or 48000 and lower MPEG-2 rates)
  --fade-out <time>     fade at the end (default: the scene's fadeOut)
  --solo <generator>    one generator alone, in front at 1 m, default parameters (its −27 LUFS
                        calibration reference), instead of a scene
  --list                print the built-in scene names, one per line
  -h, --help            show this help

Ctrl-C stops early and leaves a valid, shorter file.`;

interface LoadedScene {
  /** What the engine plays (voice layers as its PCM layers). */
  readonly scene: Scene;
  /** The voice layers narrated into those PCM layers. */
  readonly voiceLayers: readonly VoiceSceneLayer[];
}

async function loadScene(ref: string): Promise<LoadedScene> {
  const builtin = findBuiltinScene(ref);
  if (builtin) return { scene: builtin, voiceLayers: [] };
  const withVoice = findVoiceScene(ref);
  if (withVoice) return { scene: toEngineScene(withVoice), voiceLayers: withVoice.voiceLayers ?? [] };
  let text: string;
  try {
    text = await readFile(ref, "utf8");
  } catch {
    const close = closeBuiltinScenes(ref);
    const hint = close.length > 0 ? `; did you mean ${close.join(", ")}?` : "";
    throw new UsageError(
      `no built-in scene or readable file named "${ref}"${hint} (see meridian render --list)`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${ref}: not valid JSON (${e instanceof Error ? e.message : "parse error"})`);
  }
  const parsed = parseScene(json);
  if (!parsed.ok) throw new UsageError(`${ref}: ${describeSceneErrors(parsed.errors)}`);
  // Own-audio layers name files in a user's library on a server: the CLI renders generators and
  // voice layers (built-in stories, wind-down sets, the wordless whisper, synthesised here).
  return { scene: toEngineScene(parsed.scene), voiceLayers: parsed.scene.voiceLayers ?? [] };
}

function progressLine(done: number, total: number, elapsed: number): string {
  const f = total > 0 ? done / total : 1;
  const width = 28;
  const filled = Math.round(f * width);
  const eta = f > 0 ? (elapsed / f) * (1 - f) : 0;
  const speed = elapsed > 0 ? done / elapsed : 0;
  return `\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${(f * 100).toFixed(1).padStart(5)}%  ${formatDuration(done)}/${formatDuration(total)}  ${speed.toFixed(0)}× realtime  ETA ${formatDuration(eta)} `;
}

export async function runRender(args: string[], io: CliIO): Promise<number> {
  try {
    return await render(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`meridian render: ${error.message}\nTry: meridian render --help\n`);
      return 2;
    }
    io.stderr.write(`meridian render: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

async function render(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parse(args, {
    duration: { type: "string" },
    out: { type: "string", short: "o" },
    format: { type: "string" },
    seed: { type: "string" },
    "sample-rate": { type: "string" },
    "fade-out": { type: "string" },
    solo: { type: "string" },
    list: { type: "boolean" },
    help: { type: "boolean", short: "h" },
  });
  if (values.help) {
    io.stdout.write(`${renderHelp}\n`);
    return 0;
  }
  if (values.list) {
    io.stdout.write(`${allBuiltinSceneIds().join("\n")}\n`);
    return 0;
  }
  const solo = values.solo;
  if (solo !== undefined && positionals.length > 0)
    throw new UsageError("give a scene or --solo <generator>, not both");
  if (solo === undefined && positionals.length !== 1)
    throw new UsageError("give exactly one scene (a .json file or a built-in name)");
  const soloScene = solo === undefined ? undefined : soloGeneratorScene(solo);
  if (!values.duration) throw new UsageError("--duration is required (e.g. 8h, 45m, 1h30m)");
  const seconds = parseDuration(values.duration);
  if (seconds === undefined || seconds <= 0 || seconds > 48 * 3600) {
    throw new UsageError(
      `--duration: "${values.duration}" is not a duration between 1s and 48h (e.g. 90s, 45m, 8h, 1h30m)`,
    );
  }
  if (!values.out) throw new UsageError("--out is required (e.g. --out sleep.wav)");
  const format = values.format ?? (values.out.toLowerCase().endsWith(".mp3") ? "mp3" : "wav");
  if (format !== "wav" && format !== "mp3")
    throw new UsageError(`--format: must be wav or mp3 (got "${format}")`);
  const seed = values.seed === undefined ? 1 : Number(values.seed);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    throw new UsageError("--seed: must be an integer 0–4294967295");
  const sampleRate = values["sample-rate"] === undefined ? 48000 : Number(values["sample-rate"]);
  if (!Number.isInteger(sampleRate) || sampleRate < 8000 || sampleRate > 192000) {
    throw new UsageError("--sample-rate: must be an integer between 8000 and 192000");
  }
  const sceneRef = solo ?? (positionals[0] as string);
  const loaded = soloScene ? { scene: soloScene, voiceLayers: [] } : await loadScene(sceneRef);
  const { scene, voiceLayers } = loaded;
  const issues = validateSceneGenerators(scene);
  if (issues.length > 0) {
    throw new UsageError(`${sceneRef}: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`);
  }
  let fade = scene.fadeOut ?? 10;
  if (values["fade-out"] !== undefined) {
    const f = parseDuration(values["fade-out"]);
    if (f === undefined) throw new UsageError(`--fade-out: "${values["fade-out"]}" is not a duration`);
    fade = f;
  }
  fade = Math.min(fade, seconds);

  let writer: AudioWriter;
  try {
    writer = await openAudioWriter(format, values.out, sampleRate);
  } catch (e) {
    if (format === "mp3")
      throw new UsageError(`--sample-rate: ${e instanceof Error ? e.message : String(e)}`);
    throw e;
  }

  // Ctrl-C: use the caller's signal, or listen ourselves while rendering.
  const own = io.signal ? undefined : new AbortController();
  const signal = io.signal ?? (own as AbortController).signal;
  const onSigint = () => own?.abort();
  if (own) process.once("SIGINT", onSigint);

  const started = performance.now();
  let lastDraw = 0;
  let outcome: Awaited<ReturnType<typeof renderInto>>;
  try {
    outcome = await renderInto(
      writer,
      { scene, seconds, sampleRate, seed, fadeOutSeconds: fade, voiceLayers },
      {
        signal,
        // Synthesis on a second thread: a long render uses both cores (same file either way).
        voiceThread: true,
        onProgress: (done, total) => {
          if (!io.isTTY) return;
          const now = performance.now();
          if (now - lastDraw > 200 || done === total) {
            lastDraw = now;
            io.stderr.write(progressLine(done / sampleRate, seconds, (now - started) / 1000));
          }
        },
      },
    );
  } finally {
    if (own) process.removeListener("SIGINT", onSigint);
  }
  const { frames: done, aborted, wallSeconds: wall } = outcome;
  if (io.isTTY) io.stderr.write("\n");
  const what = `${formatDuration(done / sampleRate)} of "${scene.name ?? sceneRef}" to ${values.out}`;
  if (aborted) {
    io.stderr.write(`Interrupted: wrote ${what} (a valid, shorter file).\n`);
    return 130;
  }
  if (io.isTTY)
    io.stderr.write(
      `Wrote ${what} in ${formatDuration(wall)} (${(done / sampleRate / Math.max(wall, 1e-3)).toFixed(0)}× realtime).\n`,
    );
  return 0;
}
