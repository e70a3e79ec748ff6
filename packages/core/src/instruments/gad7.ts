import { FREQUENCY_OPTIONS, PFIZER_CREDIT, PHQ_FAMILY_CADENCE_DAYS } from "./phq-family";
import type { Instrument } from "./types";

/** GAD-7 (Spitzer, Kroenke, Williams & Löwe 2006). Stem, items, anchors and the optional
 * difficulty item are the published wording, verbatim (research brief §2.1). */
export const GAD7: Instrument = {
  id: "gad7",
  title: "GAD-7 anxiety check-up",
  shortTitle: "GAD-7",
  about:
    "Seven questions about worry and nervousness over the last two weeks. It's a widely used screening questionnaire: it can help you notice patterns over time, but it can't tell you what is going on.",
  instructions: "Over the last 2 weeks, how often have you been bothered by the following problems?",
  options: FREQUENCY_OPTIONS,
  items: [
    { kind: "choice", id: "gad7_1", text: "Feeling nervous, anxious, or on edge" },
    { kind: "choice", id: "gad7_2", text: "Not being able to stop or control worrying" },
    { kind: "choice", id: "gad7_3", text: "Worrying too much about different things" },
    { kind: "choice", id: "gad7_4", text: "Trouble relaxing" },
    { kind: "choice", id: "gad7_5", text: "Being so restless that it is hard to sit still" },
    { kind: "choice", id: "gad7_6", text: "Becoming easily annoyed or irritable" },
    { kind: "choice", id: "gad7_7", text: "Feeling afraid, as if something awful might happen" },
    {
      kind: "choice",
      id: "gad7_difficulty",
      text: "If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people?",
      options: [
        { value: 0, label: "Not difficult at all" },
        { value: 1, label: "Somewhat difficult" },
        { value: 2, label: "Very difficult" },
        { value: 3, label: "Extremely difficult" },
      ],
      scored: false,
      optional: true,
    },
  ],
  scoring: { kind: "sum", min: 0, max: 21 },
  bands: [
    { id: "minimal", min: 0, max: 4, label: "minimal", severity: "minimal" },
    { id: "mild", min: 5, max: 9, label: "mild", severity: "mild" },
    { id: "moderate", min: 10, max: 14, label: "moderate", severity: "moderate" },
    { id: "severe", min: 15, max: 21, label: "severe", severity: "severe" },
  ],
  screening: true,
  credit: PFIZER_CREDIT,
  source: "Spitzer RL, Kroenke K, Williams JBW, Löwe B (2006). Arch Intern Med 166:1092–1097.",
  recallDays: 14,
  cadenceDays: PHQ_FAMILY_CADENCE_DAYS,
  followUpAt: 10,
};
