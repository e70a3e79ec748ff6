import { defineConfig } from "@playwright/test";
import { chromiumLaunch } from "./fixtures/chromium";

/** Chromium from Debian (Playwright cannot download browsers here). Each test starts the real
 * server (fixtures/server.ts) on a free port with a fresh data directory. */
export default defineConfig({
  testDir: ".",
  testMatch: "specs/**/*.spec.ts",
  workers: 1,
  retries: 0,
  reporter: "list",
  timeout: 90_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  outputDir: "../test-results",
  use: {
    browserName: "chromium",
    headless: true,
    viewport: { width: 1280, height: 860 },
    colorScheme: "dark",
    launchOptions: chromiumLaunch,
    trace: "off",
    screenshot: "off",
    video: "off",
  },
});
