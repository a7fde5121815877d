/// <reference types="vitest/config" />
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { serviceWorker } from "./sw-plugin.ts";

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// The gateway serves the API on :8080 during development; `npm run dev`
// proxies API and health calls there so the app runs same-origin as in production.
const backend = process.env.SPORTHUB_DEV_BACKEND ?? "http://127.0.0.1:8080";

export default defineConfig({
  plugins: [react(), serviceWorker(here("./sw/sw.js"), here("./public"))],
  server: {
    proxy: {
      // ws: the live inbox (/api/v1/platform/notify/inbox/live) is a WebSocket.
      "/api": { target: backend, changeOrigin: true, ws: true },
      "/app-config.json": { target: backend, changeOrigin: true },
      "/readyz": { target: backend, changeOrigin: true },
      "/healthz": { target: backend, changeOrigin: true },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 400,
    // React and the router in one cacheable chunk; the account, admin,
    // notification and training pages load on first visit (route `lazy`),
    // and the map library (Leaflet) only with the training pages.
    rolldownOptions: {
      output: { codeSplitting: { groups: [{ name: "vendor", test: /node_modules[\\/](?!leaflet[\\/])/ }] } },
    },
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
