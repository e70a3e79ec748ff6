export * from "./api/entry";
export * from "./api/error";
export * from "./api/prompt";
export * from "./api/user";
export * from "./prompts/index";
export * from "./insights/index";
export * from "./stats/index";
