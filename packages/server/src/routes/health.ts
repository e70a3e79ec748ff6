import { createRoute, z } from "@hono/zod-openapi";
import type { App, AppDeps } from "../context";
import { json } from "./common";

export const HealthSchema = z.object({
  status: z.literal("ok"),
  storage: z.enum(["sqlite", "postgres"]),
  version: z.string(),
});

const health = createRoute({
  method: "get",
  path: "/api/health",
  tags: ["health"],
  summary: "Liveness and storage backend",
  responses: { 200: json(HealthSchema, "The server is up") },
});

export function registerHealthRoutes(app: App, deps: AppDeps): void {
  app.openapi(health, (c) =>
    c.json({ status: "ok" as const, storage: deps.store.kind, version: deps.version }, 200),
  );
}
