import type { Entry } from "@meridian/core";
import type { Page } from "@playwright/test";
import { apiJson, expect, test } from "../fixtures/test";
import { EditorPage } from "../pages/EditorPage";
import { JournalPage } from "../pages/JournalPage";
import { SearchPage } from "../pages/SearchPage";
import { StudioPage } from "../pages/StudioPage";

/**
 * An XSS corpus (written for Meridian) in every field a user writes, rendered on every page that
 * shows it: no payload may run. Each payload would set window.__xss and/or open a dialog.
 */
const RUN = "window.__xss=1;alert(1)";
const CORPUS: string[] = [
  `<script>${RUN}</script>`,
  `<SCRIPT SRC=data:text/javascript,${RUN}></SCRIPT>`,
  `<img src=x onerror="${RUN}">`,
  `<img src="x" onerror=${RUN}//>`,
  `<IMG SRC=javascript:${RUN}>`,
  `<svg onload="${RUN}">`,
  `<svg><script>${RUN}</script></svg>`,
  `<svg><animate onbegin="${RUN}" attributeName=x dur=1s>`,
  `<math><mtext><table><mglyph><style><img src=x onerror="${RUN}">`,
  `<body onload="${RUN}">`,
  `<iframe src="javascript:${RUN}"></iframe>`,
  `<iframe srcdoc="<script>parent.${RUN}</script>"></iframe>`,
  `<object data="javascript:${RUN}"></object>`,
  `<embed src="javascript:${RUN}">`,
  `<a href="javascript:${RUN}">click me</a>`,
  `<a href="JaVaScRiPt:${RUN}">mixed case</a>`,
  `<a href="&#106;avascript:${RUN}">entity</a>`,
  `<a href=" javascript:${RUN}">leading space</a>`,
  `<details open ontoggle="${RUN}">`,
  `<input autofocus onfocus="${RUN}">`,
  `<select autofocus onfocus="${RUN}"></select>`,
  `<video><source onerror="${RUN}"></video>`,
  `<audio src=x onerror="${RUN}">`,
  `<marquee onstart="${RUN}">`,
  `<div style="background:url(javascript:${RUN})">css url</div>`,
  `<div style="width:expression(${RUN})">css expression</div>`,
  `<style>@import 'javascript:${RUN}';</style>`,
  `<link rel=stylesheet href="javascript:${RUN}">`,
  `<meta http-equiv="refresh" content="0;url=javascript:${RUN}">`,
  `<form action="javascript:${RUN}"><button>go</button></form>`,
  `<button formaction="javascript:${RUN}">go</button>`,
  `<base href="javascript:${RUN}//">`,
  `"><script>${RUN}</script>`,
  `'><img src=x onerror=${RUN}>`,
  `</textarea><script>${RUN}</script>`,
  `</title><script>${RUN}</script>`,
  `{{constructor.constructor('${RUN}')()}}`,
  `$${"{"}alert(1)}`,
  `[click](javascript:${RUN})`,
  `[click](JAVASCRIPT:${RUN})`,
  `[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)`,
  `![img](x" onerror="${RUN})`,
  `![img](javascript:${RUN})`,
  `[link](x" onmouseover="${RUN})`,
  `[ref]: javascript:${RUN}\n\n[ref]`,
  `<javascript:${RUN}>`,
  "`<img src=x onerror=alert(1)>`",
  `<noscript><p title="</noscript><img src=x onerror=${RUN}>">`,
  `<xmp><img src=x onerror=${RUN}></xmp>`,
  `<img src=x onerror=&#x61;&#x6c;&#x65;&#x72;&#x74;(1)>`,
];

const MARK = "Nightjar";

function tinyWav(): Buffer {
  const rate = 8000;
  const data = Buffer.alloc(rate * 4);
  for (let i = 0; i < rate; i++) {
    const v = Math.round(2000 * Math.sin((2 * Math.PI * 440 * i) / rate));
    data.writeInt16LE(v, i * 4);
    data.writeInt16LE(v, i * 4 + 2);
  }
  const head = Buffer.alloc(44);
  head.write("RIFFxxxxWAVEfmt ", 0, "ascii");
  head.writeUInt32LE(36 + data.length, 4);
  head.writeUInt32LE(16, 16);
  head.writeUInt16LE(1, 20);
  head.writeUInt16LE(2, 22);
  head.writeUInt32LE(rate, 24);
  head.writeUInt32LE(rate * 4, 28);
  head.writeUInt16LE(4, 32);
  head.writeUInt16LE(16, 34);
  head.write("data", 36, "ascii");
  head.writeUInt32LE(data.length, 40);
  return Buffer.concat([head, data]);
}

async function settle(page: Page): Promise<void> {
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.waitForTimeout(300);
}

/**
 * Runs the corpus through every page. With `withoutCsp` the server's Content-Security-Policy is
 * stripped from every answer, so the rendering itself (React text, DOMPurify) must hold alone.
 */
async function corpusEverywhere(page: Page, signIn: () => Promise<void>, withoutCsp: boolean): Promise<void> {
  if (withoutCsp) {
    await page.route("**/*", async (route) => {
      const res = await route.fetch();
      const headers = { ...res.headers() };
      delete headers["content-security-policy"];
      await route.fulfill({ response: res, headers });
    });
  }
  expect(CORPUS.length).toBeGreaterThanOrEqual(50);
  const dialogs: string[] = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await signIn();

  // Custom prompts, entries using them (titles, bodies, prompt text), sessions (scene name,
  // check-out note, media title), presets (name, scene name) and an uploaded sound's name.
  const prompts: { id: string }[] = [];
  for (const text of CORPUS.slice(0, 10)) {
    prompts.push(
      await apiJson(page, "POST", "/api/prompts", { category: "mindfulness", text: `${MARK} ${text}` }),
    );
  }
  const entries: Entry[] = [];
  for (const [i, title] of CORPUS.entries()) {
    entries.push(
      await apiJson<Entry>(page, "POST", "/api/entries", {
        title: `${MARK} ${title}`.slice(0, 200),
        body: `${MARK} entry ${i}\n\n${CORPUS.join("\n\n")}`,
        tags: ["xss"],
        ...(i < prompts.length ? { promptId: prompts[i]?.id } : {}),
      }),
    );
  }
  // Tags only take letters, digits, spaces, _ and -: a payload is refused outright.
  const badTag = await page.request.post("/api/entries", {
    headers: { "X-Meridian-Client": "web" },
    data: { body: "x", tags: ["<img src=x onerror=alert(1)>"] },
  });
  expect(badTag.status()).toBe(400);

  const sessionIds: string[] = [];
  for (const payload of CORPUS.slice(0, 6)) {
    const s = await apiJson<{ id: string }>(page, "POST", "/api/sessions", {
      checkIn: { pleasantness: 5, energy: 5, anxiety: 30, stress: 4 },
      scene: {
        version: 1,
        name: `${MARK} ${payload}`.slice(0, 80),
        layers: [{ id: "r", generator: "rain", gainDb: -6 }],
      },
      entryId: entries[0]?.id,
    });
    await apiJson(page, "PATCH", `/api/sessions/${s.id}`, {
      status: "checked-out",
      checkOut: {
        pleasantness: 6,
        energy: 5,
        anxiety: 20,
        stress: 3,
        tingles: 2,
        tingleLocations: ["scalp"],
        relaxation: 7,
        note: `${MARK} note ${payload}`,
      },
    });
    sessionIds.push(s.id);
  }
  for (const payload of CORPUS.slice(10, 16)) {
    await apiJson(page, "POST", "/api/presets", {
      name: `${MARK} ${payload}`.slice(0, 80),
      scene: { version: 1, name: payload.slice(0, 80), layers: [{ id: "r", generator: "rain", gainDb: -6 }] },
    });
  }
  const upload = await page.request.post("/api/media", {
    headers: {
      "X-Meridian-Client": "web",
      "content-type": "application/octet-stream",
      "x-filename": encodeURIComponent(`${MARK} <img src=x onerror=alert(1)>.wav`),
    },
    data: tinyWav(),
  });
  expect(upload.status(), await upload.text()).toBe(201);

  const flag = () => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss ?? null);
  const checkClean = async (where: string) => {
    await settle(page);
    expect(await flag(), where).toBeNull();
    expect(dialogs, where).toEqual([]);
    expect(await page.locator("main script, main iframe, main object, main embed").count(), where).toBe(0);
    expect(
      await page.locator("main [onerror], main [onload], main a[href^='javascript' i]").count(),
      where,
    ).toBe(0);
    expect(
      await page.locator("[data-testid='preview'] style, main link, main meta, main base").count(),
      where,
    ).toBe(0);
    // Every <style> the app mounted (CodeMirror's theme, chart styles) was allowed by the
    // page's style nonce: a style the CSP refuses gets no stylesheet.
    if (!withoutCsp) {
      const refused = await page.evaluate(() =>
        Array.from(document.querySelectorAll("style"))
          .filter((s) => s.sheet === null)
          .map((s) => (s.textContent ?? "").slice(0, 80)),
      );
      expect(refused, `${where}: styles refused by the CSP`).toEqual([]);
    }
  };

  const journal = new JournalPage(page);
  await journal.goto();
  await expect(journal.entryCards().first()).toContainText(MARK);
  await expect(page.getByText("<script>window.__xss=1;alert(1)</script>").first()).toBeVisible();
  await checkClean("journal");

  const editor = new EditorPage(page);
  for (const entry of [entries[0], entries[2], entries[40]]) {
    if (!entry) continue;
    await editor.goto(entry.id);
    await expect(editor.body).toContainText(MARK);
    await checkClean(`entry ${entry.id}`);
    const preview = await editor.togglePreview();
    await expect(preview).toContainText(MARK);
    await checkClean(`preview ${entry.id}`);
  }

  const search = new SearchPage(page);
  await search.goto();
  await search.search(MARK);
  await expect(search.results().first()).toBeVisible();
  await checkClean("search");

  for (const id of sessionIds.slice(0, 3)) {
    await page.goto(`/sessions/${id}`);
    await expect(page.locator("main")).toContainText(MARK);
    await checkClean(`session ${id}`);
  }

  await page.goto("/");
  await checkClean("today");
  await page.goto("/insights");
  await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
  await checkClean("insights");

  const studio = new StudioPage(page);
  await studio.goto();
  await expect(page.locator("main")).toContainText(MARK);
  await checkClean("studio");

  await page.goto("/settings");
  await checkClean("settings");

  expect(pageErrors, "page errors").toEqual([]);
}

test("an XSS corpus in every user text field runs nowhere (server's CSP on)", async ({ page, signIn }) => {
  test.setTimeout(180_000);
  const res = await page.request.get("/");
  expect(res.headers()["content-security-policy"]).toContain("script-src 'self'");
  await corpusEverywhere(page, signIn, false);
});

test("the same corpus runs nowhere even with the CSP stripped (escaping and sanitising alone)", async ({
  page,
  signIn,
}) => {
  test.setTimeout(180_000);
  await corpusEverywhere(page, signIn, true);
});
