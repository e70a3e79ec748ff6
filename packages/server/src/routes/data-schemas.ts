import { z } from "@hono/zod-openapi";

/** Schemas of the "your data" routes: export, import, account deletion. */

export const ExportQuerySchema = z.object({
  format: z
    .enum(["archive", "markdown"], { message: 'format is "archive" (JSON + media) or "markdown"' })
    .default("archive")
    .openapi({ description: "archive: archive.json plus media files; markdown: one .md file per entry" }),
});

export const DeleteAccountSchema = z.object({
  password: z.string().min(1, "Enter your password").max(1000),
  /** The username typed out, as a deliberate confirmation. */
  confirm: z.string().max(200),
});
