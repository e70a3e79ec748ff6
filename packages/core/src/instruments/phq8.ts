import { FREQUENCY_OPTIONS, PFIZER_CREDIT, PHQ_FAMILY_CADENCE_DAYS } from "./phq-family";
import type { Instrument } from "./types";

/** PHQ-8 (Kroenke et al. 2009). Stem, items and anchors are the published wording, verbatim
 * (research brief §2.2, items as printed in BMC Health Serv Res 13:160, Table 2).
 *
 * The PHQ-8 deliberately leaves out the PHQ-9's item 9 about self-harm: a self-help app with no
 * clinician behind it could not respond properly to a positive answer (brief §2.2). So a PHQ-8
 * score says nothing about risk to life; crisis resources are shown with every result anyway. */
export const PHQ8: Instrument = {
  id: "phq8",
  title: "PHQ-8 mood check-up",
  shortTitle: "PHQ-8",
  about:
    "Eight questions about mood, interest, sleep and energy over the last two weeks. It's a widely used screening questionnaire: it can help you notice patterns over time, but it can't tell you what is going on.",
  instructions: "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
  options: FREQUENCY_OPTIONS,
  items: [
    { kind: "choice", id: "phq8_1", text: "Little interest or pleasure in doing things" },
    { kind: "choice", id: "phq8_2", text: "Feeling down, depressed, or hopeless" },
    { kind: "choice", id: "phq8_3", text: "Trouble falling or staying asleep, or sleeping too much" },
    { kind: "choice", id: "phq8_4", text: "Feeling tired or having little energy" },
    { kind: "choice", id: "phq8_5", text: "Poor appetite or overeating" },
    {
      kind: "choice",
      id: "phq8_6",
      text: "Feeling bad about yourself—or that you are a failure or have let yourself or your family down",
    },
    {
      kind: "choice",
      id: "phq8_7",
      text: "Trouble concentrating on things, such as reading the newspaper or watching television",
    },
    {
      kind: "choice",
      id: "phq8_8",
      text: "Moving or speaking so slowly that other people could have noticed. Or the opposite—being so fidgety or restless that you have been moving around a lot more than usual",
    },
  ],
  scoring: { kind: "sum", min: 0, max: 24 },
  bands: [
    { id: "none", min: 0, max: 4, label: "none", severity: "minimal" },
    { id: "mild", min: 5, max: 9, label: "mild", severity: "mild" },
    { id: "moderate", min: 10, max: 14, label: "moderate", severity: "moderate" },
    {
      id: "moderately-severe",
      min: 15,
      max: 19,
      label: "moderately severe",
      severity: "moderately-severe",
    },
    { id: "severe", min: 20, max: 24, label: "severe", severity: "severe" },
  ],
  screening: true,
  credit: PFIZER_CREDIT,
  source:
    "Kroenke K, Strine TW, Spitzer RL, Williams JBW, Berry JT, Mokdad AH (2009). J Affect Disord 114:163–173. doi:10.1016/j.jad.2008.06.026",
  recallDays: 14,
  cadenceDays: PHQ_FAMILY_CADENCE_DAYS,
  followUpAt: 10,
};

/** Plain-words note for result pages: what the PHQ-8 does not ask. It names no direction: the
 * crisis services sit above the score when the result is high and below it otherwise. */
export const PHQ8_NO_SUICIDE_ITEM_NOTE =
  "The PHQ-8 doesn't ask about thoughts of self-harm, so this score can't tell whether you are safe. If you are having thoughts of hurting yourself, please reach out now to one of the crisis services on this page.";
