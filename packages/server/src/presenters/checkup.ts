import { INSTRUMENTS, type InstrumentResponse } from "@meridian/core";
import type { CheckupRecord } from "../store/ritual-store";

export function presentCheckup(r: CheckupRecord): InstrumentResponse {
  const band =
    r.bandId === null ? undefined : INSTRUMENTS[r.instrumentId].bands?.find((b) => b.id === r.bandId);
  return {
    id: r.id,
    instrumentId: r.instrumentId,
    answers: r.answers,
    total: r.total,
    bandId: r.bandId,
    bandLabel: band?.label ?? null,
    completedAt: r.completedAt,
    localDate: r.localDate,
    timeZone: r.timeZone,
  };
}
