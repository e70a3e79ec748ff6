/** What a command gets from the outside world; tests pass their own. */
export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Where a password is read from with --password-stdin (defaults to process.stdin). */
  readonly stdin?: NodeJS.ReadableStream;
  /** True when stderr is an interactive terminal (progress bars only then). */
  readonly isTTY: boolean;
  /** Aborted on Ctrl-C; long-running commands stop cleanly and leave valid output. */
  readonly signal?: AbortSignal;
  /** Environment variables (defaults to process.env). */
  readonly env?: NodeJS.ProcessEnv;
}

export type Command = (args: string[], io: CliIO) => Promise<number>;

/** A usage error: printed with the command's help hint, exit code 2. */
export class UsageError extends Error {}
