// Insights: per-trigger effects, sleep, trends and consistency. Pure: no I/O.
export {};
