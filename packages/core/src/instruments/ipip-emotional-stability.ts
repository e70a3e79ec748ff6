import type { Instrument } from "./types";

/** IPIP Big-Five Factor Markers, Factor IV (Emotional Stability), 10 items (Goldberg 1992;
 * ipip.ori.org). Public domain. Item wording is IPIP's, verbatim, in the order the items take
 * in the 50-item markers (brief §2.3; the list was checked against two transcriptions, not the
 * IPIP key page itself — see brief §5.5). Score 10–50; neuroticism = 60 − score. No cut-offs
 * exist, so this instrument has no bands. */
export const IPIP_EMOTIONAL_STABILITY: Instrument = {
  id: "ipip-es",
  title: "Emotional steadiness (IPIP)",
  shortTitle: "IPIP emotional stability",
  about:
    "Ten short statements about how you usually are: how easily stress, worry and changes of mood get to you. There are no right answers and no good or bad scores; it's a description, not a check for anything.",
  instructions:
    "Below are phrases describing people. For each one, choose how accurately it describes you as you generally are now, not as you wish to be. Answer honestly; nobody else sees this.",
  options: [
    { value: 1, label: "Very Inaccurate" },
    { value: 2, label: "Moderately Inaccurate" },
    { value: 3, label: "Neither Inaccurate nor Accurate" },
    { value: 4, label: "Moderately Accurate" },
    { value: 5, label: "Very Accurate" },
  ],
  items: [
    { kind: "choice", id: "ipip_es_1", text: "Get stressed out easily.", reverse: true },
    { kind: "choice", id: "ipip_es_2", text: "Am relaxed most of the time." },
    { kind: "choice", id: "ipip_es_3", text: "Worry about things.", reverse: true },
    { kind: "choice", id: "ipip_es_4", text: "Seldom feel blue." },
    { kind: "choice", id: "ipip_es_5", text: "Am easily disturbed.", reverse: true },
    { kind: "choice", id: "ipip_es_6", text: "Get upset easily.", reverse: true },
    { kind: "choice", id: "ipip_es_7", text: "Change my mood a lot.", reverse: true },
    { kind: "choice", id: "ipip_es_8", text: "Have frequent mood swings.", reverse: true },
    { kind: "choice", id: "ipip_es_9", text: "Get irritated easily.", reverse: true },
    { kind: "choice", id: "ipip_es_10", text: "Often feel blue.", reverse: true },
  ],
  scoring: { kind: "sum", min: 10, max: 50 },
  screening: false,
  credit:
    "Items from the International Personality Item Pool (ipip.ori.org), a public-domain collection of personality items.",
  source:
    "Goldberg LR (1992). The development of markers for the Big-Five factor structure. Psychol Assess 4:26–42; IPIP scoring instructions, ipip.ori.org/newScoringInstructions.htm.",
  recallDays: null,
  cadenceDays: 90,
};

/** Neuroticism is the other end of the same scale: 60 − emotional stability (IPIP scoring). */
export function neuroticismFromStability(stability: number): number {
  return 60 - stability;
}
