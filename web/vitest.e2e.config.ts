import { defineConfig } from "vitest/config";

// End-to-end tests: they build and start the real sporthub binary and drive
// Debian's Chromium through playwright-core. Each file starts its own
// server; files run one after another.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
