// Statistics for one person's data (n-of-1). Pure: no I/O, no dependencies.
export * from "./autocorrelation";
export * from "./descriptive";
export * from "./effect-size";
export * from "./intervals";
export * from "./normal";
export * from "./power";
export * from "./randomisation";
export * from "./special";
export * from "./t-distribution";
