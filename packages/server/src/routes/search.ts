import { createRoute, z } from "@hono/zod-openapi";
import { SearchHitSchema } from "@meridian/core";
import { type App, type AppDeps, userOf } from "../context";
import { requireUser } from "../http/auth";
import { presentEntry } from "../presenters/entry";
import { errors, json, sessionSecurity } from "./common";

export const SearchQuerySchema = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

const search = createRoute({
  method: "get",
  path: "/api/search",
  tags: ["search"],
  summary: "Full-text search over the user's entries (prefix, fuzzy, ranked)",
  security: sessionSecurity,
  middleware: requireUser,
  request: { query: SearchQuerySchema },
  responses: { 200: json(z.object({ hits: z.array(SearchHitSchema) }), "Ranked hits"), ...errors(400, 401) },
});

export function registerSearchRoutes(app: App, deps: AppDeps): void {
  app.openapi(search, async (c) => {
    const { q, limit } = c.req.valid("query");
    const hits = await deps.search.search(userOf(c).id, q, limit);
    return c.json(
      {
        hits: hits.map((h) => ({
          entry: presentEntry(h.entry),
          score: h.score,
          snippet: h.snippet,
          highlights: h.highlights,
        })),
      },
      200,
    );
  });
}
