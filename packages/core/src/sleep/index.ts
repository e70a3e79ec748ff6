export * from "./api";
export * from "./check";
export * from "./definitions";
export * from "./diary";
export * from "./night";
export * from "./time-zone";
