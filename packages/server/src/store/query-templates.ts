import { type Compilable, CompiledQuery, type Kysely } from "kysely";
import type { Database } from "./schema";

/** Stands for the i-th value a template is run with. */
class Slot {
  constructor(readonly index: number) {}
}

interface Template {
  sql: string;
  /** Per compiled parameter: a Slot to fill, or a constant the query itself holds. */
  parameters: readonly unknown[];
}

/** Hands a template builder stand-ins for its values, typed as the values they stand for. */
export type Param = <T>(index: number) => T;

const slot: Param = <T>(index: number) => new Slot(index) as unknown as T;

/**
 * Hot queries built with Kysely once per shape, then run as compiled SQL with fresh values.
 * Building and compiling a query each time cost more on the save path than SQLite spent
 * running it. The builder gets `param(i)` stand-ins instead of values; every stand-in must end
 * up as a bound parameter (never spliced into the SQL), which compiling checks. The key must
 * name everything that changes the query's shape (optional clauses, list lengths).
 */
export class QueryTemplates {
  readonly #templates = new Map<string, Template>();

  /** Number of shapes compiled so far. */
  get size(): number {
    return this.#templates.size;
  }

  async run<R>(
    db: Kysely<Database>,
    key: string,
    values: readonly unknown[],
    build: (param: Param) => Compilable<R>,
  ): Promise<R[]> {
    let template = this.#templates.get(key);
    if (!template) {
      template = compileTemplate(build, values.length);
      this.#templates.set(key, template);
    }
    const parameters = template.parameters.map((p) => (p instanceof Slot ? values[p.index] : p));
    const result = await db.executeQuery<R>(CompiledQuery.raw(template.sql, parameters));
    return result.rows;
  }
}

function compileTemplate<R>(build: (param: Param) => Compilable<R>, arity: number): Template {
  const compiled = build(slot).compile();
  const used = new Set<number>();
  for (const p of compiled.parameters) if (p instanceof Slot) used.add(p.index);
  for (let i = 0; i < arity; i++) {
    if (!used.has(i)) throw new Error(`Query template does not bind value ${i} as a parameter`);
  }
  if (used.size !== arity) throw new Error("Query template binds values it was not given");
  return { sql: compiled.sql, parameters: compiled.parameters };
}
