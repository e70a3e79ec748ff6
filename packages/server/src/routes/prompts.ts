import { randomInt } from "node:crypto";
import { createRoute, z } from "@hono/zod-openapi";
import {
  BUILT_IN_PROMPTS,
  CreatePromptSchema,
  type Prompt,
  PromptCategorySchema,
  PromptSchema,
} from "@meridian/core";
import { type App, type AppDeps, userOf } from "../context";
import { notFound } from "../errors";
import { requireUser } from "../http/auth";
import { newId } from "../ids";
import { presentPrompt } from "../presenters/prompt";
import type { RecordList } from "../store/unreadable";
import { errors, IdParamsSchema, json, jsonBody, sessionSecurity } from "./common";
import { UnreadableListSchema, unreadableOf } from "./unreadable";

export const PromptListQuerySchema = z.object({ category: PromptCategorySchema.optional() });
export const RandomPromptQuerySchema = z.object({
  category: PromptCategorySchema.optional(),
  exclude: z.string().max(100).optional(),
});

const common = { tags: ["prompts"], security: sessionSecurity, middleware: requireUser };

const list = createRoute({
  ...common,
  method: "get",
  path: "/api/prompts",
  summary: "Built-in prompts and the user's own",
  request: { query: PromptListQuerySchema },
  responses: {
    200: json(z.object({ prompts: z.array(PromptSchema), unreadable: UnreadableListSchema }), "Prompts"),
    ...errors(400, 401),
  },
});

const random = createRoute({
  ...common,
  method: "get",
  path: "/api/prompts/random",
  summary: "A random prompt, optionally from one category and not the one just shown",
  request: { query: RandomPromptQuerySchema },
  responses: { 200: json(PromptSchema, "A prompt"), ...errors(400, 401, 404) },
});

const create = createRoute({
  ...common,
  method: "post",
  path: "/api/prompts",
  summary: "Add a prompt of the user's own",
  request: { body: jsonBody(CreatePromptSchema) },
  responses: { 201: json(PromptSchema, "The new prompt"), ...errors(400, 401, 403, 413) },
});

const remove = createRoute({
  ...common,
  method: "delete",
  path: "/api/prompts/{id}",
  summary: "Delete one of the user's own prompts",
  request: { params: IdParamsSchema },
  responses: { 204: { description: "Deleted" }, ...errors(401, 403, 404) },
});

export function registerPromptRoutes(app: App, deps: AppDeps): void {
  const { store } = deps;

  async function promptsFor(userId: string, category: string | undefined): Promise<RecordList<Prompt>> {
    const builtIn = BUILT_IN_PROMPTS.filter((p) => category === undefined || p.category === category);
    const own = await store.listPrompts(userId, category);
    const all: RecordList<Prompt> = [...builtIn, ...own.map(presentPrompt)];
    if (own.unreadable) all.unreadable = own.unreadable;
    return all;
  }

  app.openapi(list, async (c) => {
    const { category } = c.req.valid("query");
    const prompts = await promptsFor(userOf(c).id, category);
    return c.json({ prompts: [...prompts], unreadable: unreadableOf(prompts) }, 200);
  });

  app.openapi(random, async (c) => {
    const { category, exclude } = c.req.valid("query");
    const all = await promptsFor(userOf(c).id, category);
    const candidates = all.length > 1 ? all.filter((p) => p.id !== exclude) : all;
    const pick = candidates.length > 0 ? candidates[randomInt(candidates.length)] : undefined;
    if (!pick) throw notFound("No prompts in that category");
    return c.json(pick, 200);
  });

  app.openapi(create, async (c) => {
    const { category, text } = c.req.valid("json");
    const prompt = await store.insertPrompt({
      id: `own-${newId()}`,
      userId: userOf(c).id,
      category,
      text,
      createdAt: deps.now().toISOString(),
    });
    return c.json(presentPrompt(prompt), 201);
  });

  app.openapi(remove, async (c) => {
    if (!(await store.deletePrompt(userOf(c).id, c.req.valid("param").id))) throw notFound("No such prompt");
    return c.body(null, 204);
  });
}
