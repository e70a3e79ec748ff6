import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, errorMessage } from "../api/errors";
import { dataApi } from "./data-api";

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The page's import call, answered as a server (or a proxy in front of it) would. */
async function importAnswered(res: Response): Promise<unknown> {
  vi.stubGlobal("fetch", async () => res);
  return dataApi.previewImport(new Blob(["x"])).catch((err: unknown) => err);
}

describe("import errors on the Your data page", () => {
  it("a proxy's plain 413 says the file is too large, not that the server is unreachable", async () => {
    const err = await importAnswered(
      new Response("<html><body>413 Request Entity Too Large</body></html>", {
        status: 413,
        headers: { "content-type": "text/html" },
      }),
    );
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(413);
    expect(errorMessage(err)).toMatch(/larger than the server .* accepts/);
  });

  it("Meridian's own 413 keeps its message", async () => {
    const body = {
      error: { code: "payload_too_large", message: "The file is larger than the import limit of 50 MB." },
    };
    const err = await importAnswered(Response.json(body, { status: 413 }));
    expect(errorMessage(err)).toBe("The file is larger than the import limit of 50 MB.");
  });

  it("a 502 from the proxy still reads as the server being away", async () => {
    const err = await importAnswered(new Response("bad gateway", { status: 502 }));
    expect(errorMessage(err)).toBe("Can't reach the Meridian server right now.");
  });
});
