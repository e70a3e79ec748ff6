export * from "./change";
export * from "./measures";
export * from "./mood-grid";
export * from "./session";
