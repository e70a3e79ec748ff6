// Insights: per-trigger effects with honest uncertainty, sleep, trends and consistency. Pure: no I/O.
export * from "./assess";
export * from "./compute";
export * from "./consistency";
export * from "./dates";
export * from "./effects";
export { DECIMALS as MEASURE_DECIMALS, formatMeasure, formatMeasureSigned } from "./format";
export * from "./sleep";
export * from "./summary";
export * from "./synthetic";
export * from "./trends";
export * from "./types";
