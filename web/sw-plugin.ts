// Vite plugin that turns the hand-written service worker template (sw/sw.js)
// into dist/sw.js. It fills in the list of files that make up the app shell
// and a cache version derived from their content, so the same sources always
// give a byte-identical service worker and any change to the app yields a new
// cache name.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import type { Plugin } from "vite";

function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out;
}

/** serviceWorker emits sw.js built from templatePath, precaching the bundle and publicDir. */
export function serviceWorker(templatePath: string, publicDir: string): Plugin {
  return {
    name: "sporthub-service-worker",
    apply: "build",
    enforce: "post",
    generateBundle: {
      order: "post",
      handler(_options, bundle) {
        const template = readFileSync(templatePath, "utf8");
        const hash = createHash("sha256");
        hash.update(template);
        const entries: [string, string | Uint8Array][] = [];
        for (const file of Object.values(bundle)) {
          if (file.fileName === "sw.js" || file.fileName.endsWith(".map")) continue;
          entries.push([file.fileName, file.type === "chunk" ? file.code : file.source]);
        }
        for (const full of listFiles(publicDir)) {
          entries.push([relative(publicDir, full).split(sep).join("/"), readFileSync(full)]);
        }
        entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        for (const [name, content] of entries) {
          hash.update("\0" + name + "\0");
          hash.update(content);
        }
        const version = hash.digest("hex").slice(0, 16);
        const urls = ["/", ...entries.map(([name]) => "/" + name).filter((u) => u !== "/index.html")];
        const source = template
          .replace("__SW_VERSION__", JSON.stringify(version))
          .replace("__SW_PRECACHE__", JSON.stringify(urls, null, 2));
        this.emitFile({ type: "asset", fileName: "sw.js", source });
      },
    },
  };
}
