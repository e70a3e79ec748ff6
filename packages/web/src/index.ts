/** The web package's pure, DOM-free journal logic (the app itself is built by Vite from main.tsx). */
export * from "./journal/backoff";
export * from "./journal/content";
export * from "./journal/draftMirror";
export * from "./journal/merge";
export * from "./journal/restore";
export * from "./journal/saveQueue";
export * from "./lib/highlight";
