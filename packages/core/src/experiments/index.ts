// Blinded n-of-1 experiments (issue 15): plan, schedule, freeze, power, analysis, verdict, report.
export * from "./analysis/index";
export * from "./entry";
export * from "./format";
export * from "./freeze";
export * from "./labels";
export * from "./outcomes";
export * from "./plan";
export * from "./power";
export * from "./report";
export * from "./report-data";
export * from "./report-markdown";
export * from "./schedule";
export * from "./verdict";
