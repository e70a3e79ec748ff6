import type { Entry } from "@meridian/core";
import type { Page, Route } from "@playwright/test";
import { apiJson, expect, test } from "../fixtures/test";
import { EditorPage } from "../pages/EditorPage";

test.beforeEach(async ({ signIn }) => {
  await signIn();
});

const FIRST = "It rained all evening";
const SECOND = ", and then";
const LAST = " the tab closed.";
const ALL = FIRST + SECOND + LAST;

/** Every PUT to the entry the page sent (seen by the browser context, so keepalive ones too). */
function watchPuts(page: Page, id: string): string[] {
  const bodies: string[] = [];
  page.context().on("request", (req) => {
    if (req.method() === "PUT" && new URL(req.url()).pathname === `/api/entries/${id}`) {
      bodies.push((JSON.parse(req.postData() ?? "{}") as { body?: string }).body ?? "");
    }
  });
  return bodies;
}

async function reopen(page: Page, id: string): Promise<EditorPage> {
  const again = new EditorPage(await page.context().newPage());
  await again.goto(id);
  return again;
}

async function expectEveryWordKept(editor: EditorPage, id: string): Promise<void> {
  await expect(editor.body).toContainText(ALL);
  await editor.expectSaved(20_000);
  await expect(editor.mergeView()).toHaveCount(0);
  await expect
    .poll(async () => (await apiJson<Entry>(editor.page, "GET", `/api/entries/${id}`)).body)
    .toBe(ALL);
  // Nothing is left waiting on the device, and a fresh load shows the server copy without a notice.
  await editor.page.reload();
  await editor.ready();
  await expect(editor.body).toContainText(ALL);
  await expect(editor.notice).toHaveCount(0);
  await expect(editor.mergeView()).toHaveCount(0);
}

for (const runBeforeUnload of [true, false]) {
  const how = runBeforeUnload ? "closed (beforeunload runs)" : "closed outright";

  // The server took the save, the answer never came back, and the last words were typed after it
  // left: on reopening, that newer revision is the tab's own save (not a conflict), and the device's
  // draft continues from it.
  test(`tab ${how} while an autosave is in flight: the server took it, the answer never came`, async ({
    page,
  }) => {
    const created = await apiJson<Entry>(page, "POST", "/api/entries", { body: FIRST });
    const editor = new EditorPage(page);
    await editor.goto(created.id);

    // The first autosave reaches the server at once, but its answer is held back: the request is
    // still in flight (for the page) when the writer types on and closes the tab.
    let reached!: () => void;
    const firstReached = new Promise<void>((r) => {
      reached = r;
    });
    let held = false;
    await page.route(`**/api/entries/${created.id}`, async (route: Route) => {
      if (route.request().method() !== "PUT" || held) {
        await route.continue().catch(() => {});
        return;
      }
      held = true;
      const response = await route.fetch();
      reached();
      await new Promise((r) => setTimeout(r, 5_000));
      await route.fulfill({ response }).catch(() => {});
    });

    await editor.type(SECOND);
    await firstReached;
    expect((await apiJson<Entry>(page, "GET", `/api/entries/${created.id}`)).revision).toBe(2);
    await editor.type(LAST);
    await page.close({ runBeforeUnload });

    const again = await reopen(page, created.id);
    await expectEveryWordKept(again, created.id);
  });
}

for (const inFlightLands of ["first", "last"] as const) {
  test(`page hidden mid-save: the latest words go out at once, and the race with the in-flight save (landing ${inFlightLands}) is no conflict`, async ({
    page,
  }) => {
    const created = await apiJson<Entry>(page, "POST", "/api/entries", { body: FIRST });
    const editor = new EditorPage(page);
    await editor.goto(created.id);
    const puts = watchPuts(page, created.id);

    // Hold the first autosave: either its request reaches the server at once and only the answer
    // waits ("first"), or the request itself waits until the later save has landed ("last").
    let release!: () => void;
    const released = new Promise<void>((r) => {
      release = r;
    });
    let caught!: () => void;
    const firstCaught = new Promise<void>((r) => {
      caught = r;
    });
    let held = false;
    await page.route(`**/api/entries/${created.id}`, async (route: Route) => {
      if (route.request().method() !== "PUT" || held) {
        await route.continue();
        return;
      }
      held = true;
      if (inFlightLands === "first") {
        const response = await route.fetch();
        caught();
        await released;
        await route.fulfill({ response });
      } else {
        caught();
        await released;
        await route.continue();
      }
    });

    await editor.type(SECOND);
    await firstCaught;
    await editor.type(LAST);
    // The tab is being hidden or closed (pagehide): its answer may never come, so waiting for it is
    // not an option; the latest words must leave now.
    await page.evaluate(() =>
      window.dispatchEvent(new PageTransitionEvent("pagehide", { persisted: false })),
    );
    await expect.poll(() => puts.includes(ALL)).toBe(true);
    release();

    await editor.expectSaved();
    await expect(editor.mergeView()).toHaveCount(0);
    await expect(editor.body).toContainText(ALL);
    const stored = await apiJson<Entry>(page, "GET", `/api/entries/${created.id}`);
    expect(stored.body).toBe(ALL);
    await expectEveryWordKept(editor, created.id);
  });
}
