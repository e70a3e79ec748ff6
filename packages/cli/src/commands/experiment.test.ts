import { createApp, openStore } from "@meridian/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../main";
import { captureIO } from "../test/capture-io";

const PW = "correct horse battery";
const scene = {
  version: 2,
  layers: [
    { id: "bed", generator: "rain", gainDb: -6 },
    { id: "taps", generator: "tapping" },
  ],
};

describe("meridian experiment", () => {
  let env: NodeJS.ProcessEnv | undefined;
  let id = "";
  let stopServer: () => Promise<void> = async () => {};
  let post: (path: string, body?: unknown) => Promise<Response> = async () => new Response();

  beforeAll(async () => {
    const io = captureIO({ stdin: `${PW}\n` });
    env = io.env;
    expect(await run(["user", "add", "ana", "--owner", "--password-stdin"], io)).toBe(0);
    // The experiment is made the way the web app makes it: through the HTTP API.
    const store = await openStore({ dataDir: env?.MERIDIAN_DATA_DIR as string });
    const app = createApp({
      store,
      version: "test",
      webDistDir: null,
      dataDir: env?.MERIDIAN_DATA_DIR as string,
    });
    stopServer = async () => {
      await app.dispose();
      await store.close();
    };
    const login = await app.request("/api/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json", "x-meridian-client": "test" },
      body: JSON.stringify({ username: "ana", password: PW }),
    });
    const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    post = async (path, body) =>
      await app.request(path, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", "x-meridian-client": "test" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    const created = await post("/api/experiments", {
      name: "Tapping or not",
      plan: {
        comparison: { kind: "trigger-vs-without", scene, layerId: "taps" },
        primaryOutcome: "anxiety-change",
        pairs: 1,
      },
    });
    expect(created.status).toBe(201);
    id = ((await created.json()) as { id: string }).id;
  }, 60_000);
  afterAll(() => stopServer());

  const cli = async (args: string[]) => {
    const io = captureIO({ stdin: `${PW}\n`, env });
    const code = await run(["experiment", ...args, "--user", "ana", "--password-stdin"], io);
    return { code, out: io.out(), err: io.err() };
  };

  it("lists a running experiment without its condition and keeps its report closed", async () => {
    const list = await cli(["list"]);
    expect(list.code).toBe(0);
    expect(list.out).toContain(id);
    expect(list.out).toMatch(/running\s+evening 1 of 2\s+Tapping or not/);
    expect(list.out).not.toMatch(/condition|control|seed|Soundscape/i);
    const report = await cli(["report", id]);
    expect(report.code).toBe(1);
    expect(report.err).toContain("still running");
    expect(report.out).toBe("");
  });

  it("prints the report as Markdown or JSON once stopped; bad input fails clearly", async () => {
    expect((await post(`/api/experiments/${id}/stop`)).status).toBe(200);
    const md = await cli(["report", id]);
    expect(md.code).toBe(0);
    expect(md.out).toMatch(/^# Experiment report/);
    expect(md.out).toContain("SHA-256");
    const json = await cli(["report", id, "--json"]);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out);
    expect(parsed.experiment).toMatchObject({ id, status: "stopped", seed: expect.any(Number) });
    expect(parsed.data.planHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await cli(["list"])).out).toMatch(/stopped\s+0 of 2 evenings recorded/);

    const missing = await cli(["report", "nope"]);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("No experiment 'nope'");
    expect((await cli(["report"])).code).toBe(2);
    expect((await cli(["frobnicate"])).code).toBe(2);
    const wrongPw = captureIO({ stdin: "wrong password\n", env });
    expect(await run(["experiment", "list", "--user", "ana", "--password-stdin"], wrongPw)).toBe(1);
  });
});
