import type { ChoiceOption } from "./types";

/** The credit line printed on the PHQ and GAD-7 forms (research brief §2.1), verbatim. */
export const PFIZER_CREDIT =
  "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc. No permission required to reproduce, translate, display or distribute.";

/** The 0–3 frequency scale shared by the GAD-7 and PHQ-8 (published anchors). */
export const FREQUENCY_OPTIONS: readonly ChoiceOption[] = [
  { value: 0, label: "Not at all" },
  { value: 1, label: "Several days" },
  { value: 2, label: "More than half the days" },
  { value: 3, label: "Nearly every day" },
];

/** Both questionnaires look back over two weeks, so asking more often adds burden, not information. */
export const PHQ_FAMILY_CADENCE_DAYS = 14;
