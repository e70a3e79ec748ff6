/**
 * Where an own-audio layer is at time t: the same motions as the engine's generator layers
 * (sweep, orbit, approach, drift; see @meridian/sound's Motion), as a pure function of time so
 * the browser can schedule its PannerNode ahead and a server render gives the same path.
 * Drift is a smooth seeded wander (two slow sines per axis with phases from the layer id): the
 * same character as the engine's drift, not sample-identical.
 */
import { DEFAULT_MOTION_PERIOD, hashString, type Motion, type Position, Rng } from "@meridian/sound";

const TAU = Math.PI * 2;

export interface Place {
  azimuth: number;
  elevation: number;
  distance: number;
}

const wrap180 = (a: number) => ((((a + 180) % 360) + 360) % 360) - 180;

/** Phases of the drift wander of a layer (seeded by its id). */
export function driftPhases(layerId: string): readonly number[] {
  const rng = new Rng(hashString(`media-drift:${layerId}`));
  return Array.from({ length: 6 }, () => rng.float() * TAU);
}

/** Position of a layer with `motion` around `base` at `t` seconds. */
export function placeAt(base: Position, motion: Motion, t: number, phases: readonly number[] = []): Place {
  const period = Math.max(0.5, Math.abs(motion.period ?? DEFAULT_MOTION_PERIOD));
  const { azimuth, elevation, distance } = base;
  switch (motion.kind) {
    case "sweep": {
      const depth = motion.depth ?? 90;
      return { azimuth: wrap180(azimuth + depth * Math.sin((TAU * t) / period)), elevation, distance };
    }
    case "orbit": {
      const turns = (t / period) % 1;
      const dir = (motion.period ?? 1) < 0 ? -360 : 360;
      return { azimuth: wrap180(azimuth + dir * turns), elevation, distance };
    }
    case "approach": {
      const near = motion.depth ?? 0.15;
      const k = (1 - Math.cos((TAU * t) / period)) * 0.5;
      return { azimuth, elevation, distance: distance + (near - distance) * k };
    }
    case "drift": {
      const depth = motion.depth ?? 30;
      const p = (i: number) => phases[i] ?? i;
      const wave = (i: number) =>
        0.6 * Math.sin((TAU * t) / (period * 1.7) + p(i)) +
        0.4 * Math.sin((TAU * t) / (period * 2.9) + p(i + 1));
      return {
        azimuth: wrap180(azimuth + depth * wave(0)),
        elevation: Math.max(-90, Math.min(90, elevation + depth * 0.3 * wave(2))),
        distance: Math.max(0.1, distance * (1 + 0.25 * wave(4))),
      };
    }
    default:
      return { azimuth, elevation, distance };
  }
}
