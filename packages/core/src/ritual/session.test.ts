import { describe, expect, it } from "vitest";
import {
  ConditionSchema,
  CreateSessionSchema,
  canTransition,
  MediaUsedSchema,
  maskedSoundLabel,
  redactMaskedSession,
  type Session,
  SessionSchema,
  sessionUpdateProblem,
  UpdateSessionSchema,
} from "./session";

const checkIn = { pleasantness: 5, energy: 4, anxiety: 30 };
const checkOut = { ...checkIn, tingles: 2, tingleLocations: ["scalp"], relaxation: 6 };

const session: Session = SessionSchema.parse({
  id: "s1",
  status: "active",
  startedAt: "2025-01-14T21:00:00.000Z",
  endedAt: null,
  timeZone: "Europe/London",
  localDate: "2025-01-14",
  checkIn,
  checkOut: null,
  scene: { layers: [{ generator: "rain", gainDb: -12 }] },
  media: [{ kind: "preset", presetId: "rainy-desk", name: "Rainy desk" }],
  entryId: null,
  promptId: "sleep-3",
  condition: { kind: "open" },
  updatedAt: "2025-01-14T21:00:00.000Z",
});

describe("session schemas", () => {
  it("creates with a check-in, optional scene snapshot, media and prompt", () => {
    expect(CreateSessionSchema.safeParse({ checkIn }).success).toBe(true);
    expect(
      CreateSessionSchema.safeParse({
        checkIn,
        scene: { any: "shape" },
        media: [{ kind: "video", url: "https://example.org/v", title: null }],
        promptId: null,
      }).success,
    ).toBe(true);
    expect(CreateSessionSchema.safeParse({}).error?.issues[0]?.path).toEqual(["checkIn"]);
    expect(
      CreateSessionSchema.safeParse({ checkIn: { ...checkIn, energy: 0 } }).error?.issues[0]?.path,
    ).toEqual(["checkIn", "energy"]);
  });

  it("accepts a backfilled start and end, the end not before the start", () => {
    const startedAt = "2025-01-14T21:00:00.000Z";
    expect(CreateSessionSchema.safeParse({ checkIn, startedAt }).success).toBe(true);
    expect(
      CreateSessionSchema.safeParse({ checkIn, startedAt, endedAt: "2025-01-14T21:30:00+01:00" }).error
        ?.issues[0]?.path,
    ).toEqual(["endedAt"]);
    expect(
      CreateSessionSchema.safeParse({ checkIn, startedAt, endedAt: "2025-01-14T21:30:00Z" }).success,
    ).toBe(true);
    expect(CreateSessionSchema.safeParse({ checkIn, endedAt: startedAt }).error?.issues[0]?.path).toEqual([
      "startedAt",
    ]);
    expect(
      CreateSessionSchema.safeParse({ checkIn, startedAt: "last tuesday" }).error?.issues[0]?.path,
    ).toEqual(["startedAt"]);
  });

  it("accepts each kind of media and only http(s) video links", () => {
    expect(MediaUsedSchema.safeParse({ kind: "mix", name: null }).success).toBe(true);
    expect(MediaUsedSchema.safeParse({ kind: "own-audio", audioId: "a1", name: "waves.ogg" }).success).toBe(
      true,
    );
    expect(MediaUsedSchema.safeParse({ kind: "video", url: "javascript:alert(1)" }).success).toBe(false);
    expect(MediaUsedSchema.safeParse({ kind: "video", url: "http://example.org/x" }).success).toBe(true);
  });

  it("checking out needs the check-out answers", () => {
    expect(UpdateSessionSchema.safeParse({ status: "checked-out" }).error?.issues[0]?.path).toEqual([
      "checkOut",
    ]);
    expect(UpdateSessionSchema.safeParse({ status: "checked-out", checkOut }).success).toBe(true);
    expect(UpdateSessionSchema.safeParse({ status: "abandoned" }).success).toBe(true);
  });
});

describe("status changes", () => {
  it("allows active → checked-out/abandoned and resuming an abandoned session", () => {
    expect(canTransition("active", "checked-out")).toBe(true);
    expect(canTransition("active", "abandoned")).toBe(true);
    expect(canTransition("abandoned", "active")).toBe(true);
    expect(canTransition("abandoned", "checked-out")).toBe(false);
    expect(canTransition("checked-out", "active")).toBe(false);
  });

  it("explains a refused update", () => {
    const done = { status: "checked-out" as const };
    expect(sessionUpdateProblem(done, { status: "active" })).toBe(
      "A session that is checked-out can't become active.",
    );
    expect(sessionUpdateProblem(done, { scene: {} })).toBe(
      "A finished session's scene and media are kept as they were.",
    );
    expect(sessionUpdateProblem(session, UpdateSessionSchema.parse({ checkOut }))).toBe(
      "Check-out answers can only be saved when checking out.",
    );
    expect(
      sessionUpdateProblem(session, UpdateSessionSchema.parse({ status: "checked-out", checkOut })),
    ).toBeNull();
    expect(sessionUpdateProblem(done, { entryId: "e1" })).toBeNull();
  });
});

describe("masked conditions for blinded experiments", () => {
  const parsed = ConditionSchema.parse({
    kind: "masked",
    experimentId: "x1",
    armLabel: "B",
    assignmentId: "arm-rain",
  });
  if (parsed.kind !== "masked") throw new Error("fixture");
  const masked = parsed;

  it("defaults to unrevealed and labels the sound by arm", () => {
    expect(masked).toMatchObject({ kind: "masked", revealed: false });
    expect(maskedSoundLabel(masked)).toBe("Sound B");
    expect(maskedSoundLabel({ kind: "open" })).toBeNull();
    expect(ConditionSchema.safeParse({ kind: "masked", experimentId: "x1", armLabel: "C" }).success).toBe(
      false,
    );
  });

  it("hides scene, media and the assignment until revealed", () => {
    const hidden = redactMaskedSession({ ...session, condition: masked });
    expect(hidden.scene).toBeNull();
    expect(hidden.media).toEqual([]);
    expect(hidden.condition).toEqual({ kind: "masked", experimentId: "x1", armLabel: "B", revealed: false });
    const shown = redactMaskedSession({ ...session, condition: { ...masked, revealed: true } });
    expect(shown.scene).toEqual(session.scene);
    expect(redactMaskedSession(session)).toBe(session);
  });
});
