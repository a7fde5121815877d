import { defineConfig } from "vitest/config";

// End-to-end tests: they build and start the real sporthub binary and drive
// Debian's Chromium through playwright-core. One file, run serially.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 600_000,
  },
});
