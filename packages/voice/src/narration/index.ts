/**
 * @meridian/voice/narration — the narration pipeline shared by the browser, server renders and
 * the CLI: `narrate(engine, source, { style, rateWpm, seed })` streams styled sentences.
 */
export { breath } from "./breath";
export {
  DEFAULT_NARRATION_WPM,
  LINE_PAUSE_SECONDS,
  type NarratedSentence,
  type NarrationOptions,
  narrate,
  narrationPauses,
  PARAGRAPH_PAUSE_FACTOR,
} from "./narrate";
export { type NarrationPlan, type NarrationSource, type PlannedSentence, planNarration } from "./plan";
export { lengthenPauses, trimToAudible } from "./shape";
