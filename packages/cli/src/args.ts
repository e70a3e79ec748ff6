import { parseArgs } from "node:util";
import { UsageError } from "./io";

type Options = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

/** node:util parseArgs with our error type, so bad flags become a clear usage message. */
export function parse<T extends Options>(args: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    const message =
      error instanceof Error ? error.message.replace(/^TypeError \[[A-Z_]+\]: /, "") : "bad arguments";
    throw new UsageError(message);
  }
}
