import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testBackends } from "../store/testing";
import { body, type Client, createHarness, type Harness, ownerClient } from "../test/harness";

const backends = await testBackends();

/** Link rows written before links were rebuilt from their URL (an older import, or straight into
 * the database) are checked again each time they are shown. */
describe.each(backends)("stored links, as shown, on %s", (kind) => {
  let h: Harness;
  let ana: Client;
  let userId: string;

  beforeAll(async () => {
    h = await createHarness(kind);
    ana = await ownerClient(h, "ana");
    userId = (await body(await ana.get("/api/me"))).id;
  });
  afterAll(async () => h.dispose());

  const stored = (id: string, url: string, embedUrl: string | null, provider: "youtube" | "other") =>
    h.secureStore.studio.insertMedia(userId, {
      id,
      kind: "link",
      name: `link ${id}`,
      sizeBytes: 0,
      details: { url, embedUrl, provider },
      createdAt: new Date().toISOString(),
    });

  it("never serves a stored javascript: url or a foreign embed: the link is shown as unusable", async () => {
    await stored("bad-js", "javascript:alert(1)", "https://evil.example/", "youtube");
    await stored("bad-http", "http://example.com/video", "https://evil.example/", "other");
    await stored("bad-text", "not a url", null, "other");
    for (const id of ["bad-js", "bad-http", "bad-text"]) {
      const item = await body(await ana.get(`/api/media/${id}`));
      expect(item).toMatchObject({ id, kind: "link", name: `link ${id}`, url: null, embedUrl: null });
    }
    const list = await body(await ana.get("/api/media"));
    const shown = JSON.stringify(list);
    expect(shown).not.toContain("javascript:");
    expect(shown).not.toContain("evil.example");
    expect(list.items.filter((m: { url: string | null }) => m.url === null)).toHaveLength(3);
  });

  it("rebuilds a good link's embed from its URL, not from what was stored", async () => {
    await stored("yt", "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", "https://evil.example/", "other");
    await stored("site", "https://example.org/talk", "https://evil.example/", "youtube");
    expect(await body(await ana.get("/api/media/yt"))).toMatchObject({
      url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42",
      embedUrl: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42",
      provider: "youtube",
    });
    expect(await body(await ana.get("/api/media/site"))).toMatchObject({
      url: "https://example.org/talk",
      embedUrl: null,
      provider: "other",
    });
  });
});
