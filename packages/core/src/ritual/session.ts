import { z } from "zod";
import { CheckInSchema, CheckOutSchema } from "./measures";

export const SESSION_STATUSES = ["active", "checked-out", "abandoned"] as const;
export const SessionStatusSchema = z.enum(SESSION_STATUSES);
export type SessionStatus = z.infer<typeof SessionStatusSchema>;

/** A copy of the scene as it sounded, so later edits to a preset don't rewrite history.
 * Opaque here; the scene schema lives in core/src/scene.ts. */
export const SceneSnapshotSchema = z.record(z.string(), z.unknown());

const httpUrl = z
  .url({ protocol: /^https?$/, message: "A video link should be an http(s) address" })
  .max(2000, { message: "The link is too long" });

/** What was listened to. A session may use several (e.g. a preset plus a video). */
export const MediaUsedSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("preset"), presetId: z.string().min(1).max(80), name: z.string().max(120) }),
  /** The last mix or an unsaved mix; the scene snapshot holds its layers. */
  z.object({ kind: z.literal("mix"), name: z.string().max(120).nullable() }),
  z.object({
    kind: z.literal("own-audio"),
    audioId: z.string().min(1).max(80),
    name: z.string().max(200).nullable(),
  }),
  z.object({ kind: z.literal("video"), url: httpUrl, title: z.string().max(200).nullable().optional() }),
  /** A video file or a saved video link from the studio's media library (GET /api/media). */
  z.object({
    kind: z.literal("own-video"),
    mediaId: z.string().min(1).max(80),
    name: z.string().max(200).nullable(),
  }),
]);
export type MediaUsed = z.infer<typeof MediaUsedSchema>;

/** How the session's sound was chosen. "open": the person chose and knows what they heard.
 * "masked": an experiment assigned the sound and shows it only as "Sound A" or "Sound B"
 * until the experiment reveals it; scene and media stay hidden from the client until then
 * (see `redactMaskedSession`). Experiments, not people, create masked sessions. */
export const ConditionSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("open") }),
  z.object({
    kind: z.literal("masked"),
    experimentId: z.string().min(1).max(80),
    armLabel: z.enum(["A", "B"]),
    /** The experiment's own record of which real scene this arm is; server-side only. */
    assignmentId: z.string().max(80).optional(),
    /** Position in the randomised schedule (0-based), for the analysis. */
    blockIndex: z.number().int().min(0).optional(),
    /** Expectation rated before listening: "How much do you expect this sound to help you relax?" 0–10. */
    expectation: z.number().int().min(0).max(10).nullable().optional(),
    revealed: z.boolean().default(false),
  }),
]);
export type Condition = z.infer<typeof ConditionSchema>;

export const OPEN_CONDITION: Condition = { kind: "open" };

/** A session as the API presents it. Times are ISO 8601 UTC; localDate is the calendar day
 * the session started in `timeZone`. An abandoned session keeps checkOut null: nothing is
 * filled in on the person's behalf. */
export const SessionSchema = z.object({
  id: z.string(),
  status: SessionStatusSchema,
  startedAt: z.string(),
  endedAt: z.string().nullable(),
  timeZone: z.string(),
  localDate: z.string(),
  checkIn: CheckInSchema,
  checkOut: CheckOutSchema.nullable(),
  scene: SceneSnapshotSchema.nullable(),
  media: z.array(MediaUsedSchema),
  entryId: z.string().nullable(),
  promptId: z.string().nullable(),
  condition: ConditionSchema,
  updatedAt: z.string(),
});
export type Session = z.infer<typeof SessionSchema>;

const isoInstant = (what: string) =>
  z.iso.datetime({ offset: true, message: `${what} should be an ISO 8601 date and time` });

/** POST /api/sessions: begins a session with its check-in. clientId makes a retried create
 * idempotent. The server sets status "active" and condition; startedAt defaults to now.
 * Backfilling (a session held earlier, logged after the fact): `startedAt` (not in the future;
 * the server allows a few minutes of clock skew) and optionally `endedAt` (not before it). */
export const CreateSessionSchema = z
  .object({
    checkIn: CheckInSchema,
    scene: SceneSnapshotSchema.nullable().optional(),
    media: z.array(MediaUsedSchema).max(5).optional(),
    promptId: z.string().max(80).nullable().optional(),
    clientId: z.string().min(8).max(64).optional(),
    startedAt: isoInstant("The start").optional(),
    endedAt: isoInstant("The end").optional(),
  })
  .refine((s) => s.endedAt === undefined || s.startedAt !== undefined, {
    path: ["startedAt"],
    message: "An end time needs a start time",
  })
  .refine(
    (s) =>
      s.endedAt === undefined ||
      s.startedAt === undefined ||
      Date.parse(s.endedAt) >= Date.parse(s.startedAt),
    { path: ["endedAt"], message: "The end can't be before the start" },
  );
export type CreateSession = z.infer<typeof CreateSessionSchema>;

/** PATCH /api/sessions/:id. Checking out needs the check-out measures. */
export const UpdateSessionSchema = z
  .object({
    status: SessionStatusSchema.optional(),
    checkOut: CheckOutSchema.optional(),
    scene: SceneSnapshotSchema.nullable().optional(),
    media: z.array(MediaUsedSchema).max(5).optional(),
    entryId: z.string().max(80).nullable().optional(),
    promptId: z.string().max(80).nullable().optional(),
  })
  .refine((u) => u.status !== "checked-out" || u.checkOut !== undefined, {
    path: ["checkOut"],
    message: "Checking out needs the check-out answers",
  });
export type UpdateSession = z.infer<typeof UpdateSessionSchema>;

/** Allowed status changes. An abandoned session can be picked up again; a checked-out one is done. */
export const SESSION_TRANSITIONS: Readonly<Record<SessionStatus, readonly SessionStatus[]>> = {
  active: ["active", "checked-out", "abandoned"],
  abandoned: ["abandoned", "active"],
  "checked-out": ["checked-out"],
};

export function canTransition(from: SessionStatus, to: SessionStatus): boolean {
  return SESSION_TRANSITIONS[from].includes(to);
}

/** Why an update can't apply to a session (null when it can). For the server's 409/400. */
export function sessionUpdateProblem(current: Pick<Session, "status">, update: UpdateSession): string | null {
  const to = update.status ?? current.status;
  if (!canTransition(current.status, to)) {
    return `A session that is ${current.status} can't become ${to}.`;
  }
  if (update.checkOut !== undefined && to !== "checked-out") {
    return "Check-out answers can only be saved when checking out.";
  }
  if (current.status === "checked-out" && (update.scene !== undefined || update.media !== undefined)) {
    return "A finished session's scene and media are kept as they were.";
  }
  return null;
}

/** "Sound A" / "Sound B" for a masked session, null for an open one. */
export function maskedSoundLabel(condition: Condition): string | null {
  return condition.kind === "masked" ? `Sound ${condition.armLabel}` : null;
}

/** What the client may see: a masked, unrevealed session hides what was played. */
export function redactMaskedSession(session: Session): Session {
  const { condition } = session;
  if (condition.kind !== "masked" || condition.revealed) return session;
  const { assignmentId: _hidden, ...visible } = condition;
  return { ...session, scene: null, media: [], condition: visible };
}
