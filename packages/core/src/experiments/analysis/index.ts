export * from "./analyse";
export * from "./bayes";
export * from "./blinding";
export * from "./expectation";
export * from "./ols";
export * from "./pairs";
export * from "./trend";
export * from "./types";
