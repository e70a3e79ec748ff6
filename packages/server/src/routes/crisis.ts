import { createRoute } from "@hono/zod-openapi";
import { CRISIS_HEADING, CRISIS_INTRO, CRISIS_RESOURCES } from "@meridian/core";
import type { App } from "../context";
import { CrisisResourcesSchema } from "./checkups-schemas";
import { json } from "./common";

const crisis = createRoute({
  tags: ["help"],
  method: "get",
  path: "/api/crisis-resources",
  summary: "Crisis lines and where to find help (public: no sign-in needed)",
  responses: { 200: json(CrisisResourcesSchema, "Crisis resources") },
});

export function registerCrisisRoutes(app: App): void {
  app.openapi(crisis, (c) =>
    c.json({ heading: CRISIS_HEADING, intro: CRISIS_INTRO, resources: CRISIS_RESOURCES }, 200),
  );
}
