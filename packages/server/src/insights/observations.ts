/**
 * Stored rows → the inputs of core's `computeInsights` (docs/api-insights.md, "Mapping rules").
 * Pure apart from the time-zone arithmetic (Intl); no storage access. `sceneTriggers` runs when a
 * session is written (store/insight-rows.ts), not when insights are read.
 */
import {
  type CheckupObservation,
  type InsightsInput,
  type SessionObservation,
  type SleepObservation,
  tzOffsetMinutes,
} from "@meridian/core";
import { generatorById } from "@meridian/sound";
import type {
  InsightsCheckupRow,
  InsightsDiaryRow,
  InsightsRows,
  InsightsSessionRow,
} from "../store/ritual-store";

/** A generator is a session's trigger when its layers carry at least this share of the scene's power. */
export const TRIGGER_SHARE = 0.1;

interface LayerLike {
  generator?: unknown;
  gainDb?: unknown;
  mute?: unknown;
  solo?: unknown;
}

/**
 * The generator ids that carry a meaningful share of a scene's loudness: a layer's power is
 * 10^(gainDb/10) (gainDb 0 = the generator's calibrated reference level), 0 when muted or when
 * another layer is soloed and this one isn't (the engine's rule: any solo flag silences the
 * unsoloed layers). Layers of the same generator add up. A generator whose power is at least
 * TRIGGER_SHARE of the total is a trigger. In layer order, each id once. Anything that isn't a
 * scene (no layers array) has no triggers, and a layer whose generator is not one of ours (say
 * "__proto__", in a row stored before scenes were validated) is left out.
 */
export function sceneTriggers(scene: unknown): string[] {
  if (scene === null || typeof scene !== "object") return [];
  const layers = (scene as { layers?: unknown }).layers;
  if (!Array.isArray(layers)) return [];
  const list = layers.filter((l): l is LayerLike => l !== null && typeof l === "object");
  const soloActive = list.some((l) => l.solo === true);
  const power = new Map<string, number>();
  let total = 0;
  for (const layer of list) {
    if (typeof layer.generator !== "string" || !isGeneratorId(layer.generator)) continue;
    const silent = layer.mute === true || (soloActive && layer.solo !== true);
    const gainDb = typeof layer.gainDb === "number" && Number.isFinite(layer.gainDb) ? layer.gainDb : 0;
    const p = silent ? 0 : 10 ** (gainDb / 10);
    power.set(layer.generator, (power.get(layer.generator) ?? 0) + p);
    total += p;
  }
  if (!(total > 0)) return [];
  const out: string[] = [];
  for (const [generator, p] of power) if (p >= TRIGGER_SHARE * total) out.push(generator);
  return out;
}

/** Whether `id` names one of the registered generators (a Map look-up: "constructor" is not one). */
export const isGeneratorId = (id: string): boolean => generatorById(id) !== undefined;

/**
 * The triggers of a stored row that insights may use: registered generator ids only. Rows written
 * before scenes were validated can hold any string; an unknown one is skipped, not reported.
 */
export function knownTriggers(list: readonly unknown[]): string[] {
  return list.filter((t): t is string => typeof t === "string" && isGeneratorId(t));
}

const DAY_MS = 86_400_000;
/** How far a zone's offset is assumed constant once checked at both ends (no zone changes its
 * offset twice within four weeks; a change in between is found by bisection). */
const SPAN_MS = 28 * DAY_MS;

/**
 * Local hour of many instants in one zone without asking Intl for each. The offset is checked at
 * an instant and four weeks later; if they agree it holds for the whole span, otherwise the change
 * is located to the minute by bisection. Spans found are kept (sorted, neighbours with the same
 * offset merged), so a zone's clock answers later requests from memory.
 */
export class ZoneClock {
  readonly #zone: string;
  /** Non-overlapping spans [from, to] with a constant offset, by `from`. */
  readonly #spans: { from: number; to: number; offset: number }[] = [];
  /** Intl look-ups made so far (for tests). */
  probes = 0;

  constructor(zone: string) {
    this.#zone = zone;
  }

  /** The zone's UTC offset in milliseconds at `ms`. */
  offsetMs(ms: number): number {
    const spans = this.#spans;
    // The last span at or before ms (binary search).
    let lo = 0;
    let hi = spans.length - 1;
    let at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if ((spans[mid] as { from: number }).from <= ms) {
        at = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    const found = spans[at];
    if (found && ms <= found.to) return found.offset;
    return this.#locate(ms, at);
  }

  /** Local hour (0–24, fractional) of the instant. */
  hourAt(ms: number): number {
    const local = ms + this.offsetMs(ms);
    return (((local % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000;
  }

  #probe(ms: number): number {
    this.probes++;
    return tzOffsetMinutes(ms, this.#zone) * 60_000;
  }

  /** Finds the span holding ms and stores it after index `before`. */
  #locate(ms: number, before: number): number {
    const offset = this.#probe(ms);
    const next = this.#spans[before + 1];
    // Up to four weeks ahead, but never into the next known span.
    let to = Math.min(ms + SPAN_MS, next ? next.from - 1 : Number.POSITIVE_INFINITY);
    if (to > ms && this.#probe(to) !== offset) {
      let lo = ms;
      let hi = to;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (this.#probe(mid) === offset) lo = mid;
        else hi = mid;
      }
      to = lo;
    }
    const span = { from: ms, to, offset };
    const prev = this.#spans[before];
    // Merge with neighbours that have the same offset and no gap longer than a span between them
    // (the same assumption as above: no two changes within four weeks).
    if (prev && prev.offset === offset && ms - prev.to <= SPAN_MS) {
      prev.to = to;
      this.#mergeNext(before);
    } else {
      this.#spans.splice(before + 1, 0, span);
      this.#mergeNext(before + 1);
    }
    return offset;
  }

  #mergeNext(index: number): void {
    const a = this.#spans[index];
    const b = this.#spans[index + 1];
    if (a && b && a.offset === b.offset && b.from - a.to <= SPAN_MS) {
      a.to = Math.max(a.to, b.to);
      this.#spans.splice(index + 1, 1);
    }
  }
}

/** One clock per zone for the process: past offsets don't change (short of a tzdata update, which
 * needs a restart of Node anyway). Bounded: cleared beyond MAX_CLOCKS zones. */
const clocksByZone = new Map<string, ZoneClock>();
const MAX_CLOCKS = 200;

export function zoneClock(zone: string): ZoneClock {
  let clock = clocksByZone.get(zone);
  if (!clock) {
    if (clocksByZone.size >= MAX_CLOCKS) clocksByZone.clear();
    clock = new ZoneClock(zone);
    clocksByZone.set(zone, clock);
  }
  return clock;
}

const UTC_ZONES = new Set(["UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu"]);

/** Local hour of an instant in a zone. */
function localHour(ms: number, zone: string): number {
  if (UTC_ZONES.has(zone)) return (((ms % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000;
  return zoneClock(zone).hourAt(ms);
}

/** Whether the condition hides the sound (a masked session not yet revealed). */
function hidesSound(conditionJson: string): boolean {
  if (!conditionJson.includes("masked")) return false;
  const condition = JSON.parse(conditionJson) as { kind?: unknown; revealed?: unknown };
  return condition.kind === "masked" && condition.revealed !== true;
}

/**
 * One session. Every status counts as held; only a checked-out session has a change (an
 * abandoned or still active one has checkOut null). An unrevealed masked session contributes
 * no triggers, preset or media: its sound stays hidden until the experiment reveals it.
 */
export function sessionObservation(row: InsightsSessionRow): SessionObservation {
  const ms = Date.parse(row.startedAt);
  const out = row.status === "checked-out" ? row.checkOut : null;
  const hidden = hidesSound(row.condition);
  return {
    id: row.id,
    startedAt: row.startedAt,
    localDate: row.localDate,
    hourLocal: localHour(ms, row.timeZone),
    checkIn: {
      pleasantness: row.checkIn.pleasantness,
      energy: row.checkIn.energy,
      anxiety: row.checkIn.anxiety,
    },
    checkOut: out
      ? {
          pleasantness: out.pleasantness,
          energy: out.energy,
          anxiety: out.anxiety,
          tingles: out.tingles ?? null,
        }
      : null,
    triggers: hidden ? [] : row.triggers,
    presetId: hidden ? null : row.presetId,
    mediaId: hidden ? null : row.mediaId,
  };
}

export function sleepObservation(row: InsightsDiaryRow): SleepObservation {
  return {
    date: row.nightOf,
    solMinutes: row.solMinutes,
    sleepEfficiency: row.sleepEfficiency,
    quality: row.quality,
    precededBySessionId: row.sessionId,
  };
}

export function checkupObservation(row: InsightsCheckupRow): CheckupObservation {
  return { instrumentId: row.instrumentId, date: row.localDate, total: row.total };
}

/**
 * Observations of rows seen before: the store hands out the same row objects between writes
 * (store/insight-rows-cache.ts) and rows are never changed, so each is mapped once.
 */
const sessionObservations = new WeakMap<InsightsSessionRow, SessionObservation>();
const sleepObservations = new WeakMap<InsightsDiaryRow, SleepObservation>();

function memo<R extends object, O>(seen: WeakMap<R, O>, map: (row: R) => O): (row: R) => O {
  return (row) => {
    let out = seen.get(row);
    if (out === undefined) {
      out = map(row);
      seen.set(row, out);
    }
    return out;
  };
}

const sessionObservationOnce = memo(sessionObservations, sessionObservation);
const sleepObservationOnce = memo(sleepObservations, sleepObservation);

/** All of a user's rows → core's InsightsInput. */
export function insightsInput(rows: InsightsRows): InsightsInput {
  return {
    sessions: rows.sessions.map(sessionObservationOnce),
    sleep: rows.diaries.map(sleepObservationOnce),
    checkups: rows.checkups.map(checkupObservation),
  };
}
