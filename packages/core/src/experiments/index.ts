// Blinded n-of-1 experiments (issue 15): plan, schedule, freeze, power, analysis, verdict, report.
export * from "./freeze";
export * from "./outcomes";
export * from "./plan";
export * from "./schedule";
