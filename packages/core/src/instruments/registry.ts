import { ASMR_PROFILE } from "./asmr-profile";
import { GAD7 } from "./gad7";
import { IPIP_EMOTIONAL_STABILITY } from "./ipip-emotional-stability";
import { PHQ8 } from "./phq8";
import type { Instrument } from "./types";

export const INSTRUMENT_IDS = ["gad7", "phq8", "ipip-es", "asmr-profile"] as const;
export type InstrumentId = (typeof INSTRUMENT_IDS)[number];

export const INSTRUMENTS: Readonly<Record<InstrumentId, Instrument>> = {
  gad7: GAD7,
  phq8: PHQ8,
  "ipip-es": IPIP_EMOTIONAL_STABILITY,
  "asmr-profile": ASMR_PROFILE,
};

export function isInstrumentId(id: string): id is InstrumentId {
  return (INSTRUMENT_IDS as readonly string[]).includes(id);
}

/** The instrument with this id, or null for an unknown id. */
export function instrumentById(id: string): Instrument | null {
  return isInstrumentId(id) ? INSTRUMENTS[id] : null;
}
