// End-to-end: an athlete uploads the FIT SDK's example activity and its
// page shows the route on the map and the charts (hovering a chart moves
// the marker on the map); then the athlete starts a live session and
// shares it, and another browser, not signed in, watches points arrive
// through the share link while samples are posted to the ingest API with
// the athlete's token, until the athlete finishes the session; then pairs
// a device, sets safety contacts' alert and opens progress and the watch
// glance. SPORTHUB_E2E_SHOTS=<dir> saves screenshots of the pages there.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, startServer, type Server } from "./harness";
import { TIMEOUT, logIn, openPage } from "./pages";
import { apiLogin, registerVerifiedUser, uniqueEmail } from "./support";

const athlete = { email: uniqueEmail("runner"), password: "длинная пробежка по парку" };

/** activityFit is the FIT SDK's Activity.fit: the repository's test copy, else the module cache's. */
function activityFit(): string {
  const copy = fileURLToPath(new URL("../../internal/sport/actfile/testdata/Activity.fit", import.meta.url));
  if (existsSync(copy)) return copy;
  const modcache = execFileSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
  return join(modcache, "github.com/muktihari/fit@v0.26.1/testdata/from_official_sdk/Activity.fit");
}

let server: Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const until = { timeout: 2 * TIMEOUT, interval: 250 };

/** shot saves a full-page screenshot when SPORTHUB_E2E_SHOTS names a directory. */
async function shot(p: Page, name: string): Promise<void> {
  const dir = process.env.SPORTHUB_E2E_SHOTS;
  if (dir) await p.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}
const slow = { timeout: 6 * TIMEOUT };

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await registerVerifiedUser(server.baseURL, server.dataDir, athlete.email, athlete.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** signedIn returns the athlete's page, signing in first when needed (each test can run alone). */
async function signedIn(): Promise<Page> {
  if (page) return page;
  page = await openPage(browser, server, pageErrors);
  if ((await logIn(page, athlete.email, athlete.password)) !== "signed-in") throw new Error("could not log in");
  return page;
}

describe("training", () => {
  it("uploads a FIT file and shows its map and charts", slow, async () => {
    await signedIn();
    await page.getByTestId("nav-training").click();
    await page.getByTestId("activities-empty").waitFor();
    await page.getByTestId("training-tab-upload").click();

    // A wrong type is refused before sending; the FIT file is sent and followed until imported.
    await page.getByTestId("upload-input").setInputFiles([
      { name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") },
      { name: "Activity.fit", mimeType: "application/octet-stream", buffer: readFileSync(activityFit()) },
    ]);
    await page.getByText("Этот тип файла не поддерживается", { exact: false }).waitFor();
    const item = page.getByTestId("import-item").first();
    await expect.poll(() => item.getAttribute("data-status"), until).toBe("imported");
    await shot(page, "upload");
    await page.getByTestId("import-open").click();

    await page.getByTestId("activity-page").waitFor();
    // The route is drawn (with or without tiles) and fits the map.
    // (Its route is a straight line along the equator, so Leaflet draws it with two points.)
    const route = page.locator('[data-testid="activity-map"] path.route-line');
    await route.waitFor({ state: "attached" });
    expect((await route.getAttribute("d")) ?? "").toMatch(/^M-?\d+ -?\d+L-?\d+ -?\d+/);
    expect(Number(await page.getByTestId("activity-map").getAttribute("data-points"))).toBeGreaterThan(100);
    expect(await page.getByTestId("stat-distance").textContent()).toMatch(/км/);

    // Charts (the FIT SDK's example is a synthetic hour at 1 Hz with heart rate, speed, altitude, cadence and power).
    for (const id of ["chart-hr", "chart-speed", "chart-alt", "chart-power"]) {
      const line = page.locator(`[data-testid="${id}"] path.chart-line`);
      await line.waitFor({ state: "attached" }); // a flat line has an empty box, so "visible" would never hold
      expect(((await line.getAttribute("d")) ?? "").length, id).toBeGreaterThan(200);
    }
    // Hovering a chart shows the values there and puts a marker on the map.
    const svg = page.locator('[data-testid="chart-hr"] svg');
    const box = await svg.boundingBox();
    if (!box) throw new Error("chart has no box");
    await svg.hover({ position: { x: box.width * 0.5, y: box.height * 0.5 } });
    await shot(page, "activity");
    await expect.poll(() => page.getByTestId("chart-hr-readout").textContent(), until).toMatch(/Пульс: \d+/);
    await page.locator('[data-testid="activity-map"] path.route-marker').waitFor({ state: "attached" });
    // The distance axis redraws the charts.
    await page.getByTestId("axis-distance").click();
    await expect.poll(() => page.locator('[data-testid="chart-hr"] .chart-xtick').first().textContent(), until).toMatch(/км/);

    // The list shows the activity now.
    await page.getByTestId("training-tab-activities").click();
    await expect.poll(() => page.getByTestId("activity-list").locator("li").count(), until).toBe(1);
    await shot(page, "activities");
    expect(pageErrors).toEqual([]);
  });

  it("shares a live session that another browser watches while samples arrive", slow, async () => {
    await signedIn();
    await page.getByTestId("nav-training").click();
    await page.getByTestId("training-tab-live").click();
    await page.getByTestId("live-start").getByRole("button", { name: "Начать" }).click();
    await page.getByTestId("live-controls").waitFor();
    await page.getByTestId("share-create").click();
    const shareUrl = await page.getByTestId("share-url").inputValue();
    expect(shareUrl).toMatch(/\/live\/[^/]+$/);

    // The viewer is not signed in.
    const viewerContext = await browser.newContext({ baseURL: server.baseURL });
    viewerContext.setDefaultTimeout(TIMEOUT);
    const viewer = await viewerContext.newPage();
    viewer.on("pageerror", (err) => pageErrors.push(err.message));
    await viewer.goto(new URL(shareUrl).pathname);
    await viewer.getByTestId("live-panel").waitFor();
    expect(await viewer.getByTestId("live-state").textContent()).toBe("Идёт");

    // Samples arrive through the ingest API with the athlete's token.
    const token = await apiLogin(server.baseURL, athlete.email, athlete.password);
    const start = Date.now() - 60_000;
    let sent = 0;
    const postBatch = async (n: number) => {
      const samples = Array.from({ length: n }, (_, k) => {
        const i = sent + k;
        // About 3.3 m/s north-east: a plausible run (faster "jumps" are dropped as GPS outliers).
        return { t: start + i * 1000, lat: 55.75 + i * 0.00002, lon: 37.6 + i * 0.00004, hr: 120 + (i % 30), speed: 3.3, alt: 150 + (i % 10) };
      });
      const res = await fetch(`${server.baseURL}/api/v1/integrations/devices/ingest`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify({ batch_id: `e2e-${sent}`, sport: "running", samples }),
      });
      if (res.status !== 200) throw new Error(`ingest: ${res.status} ${await res.text()}`);
      sent += n;
    };
    await postBatch(5);
    await expect.poll(async () => Number(await viewer.getByTestId("live-points").textContent()), until).toBeGreaterThanOrEqual(5);
    await expect.poll(async () => Number(await viewer.getByTestId("live-map").getAttribute("data-points")), until).toBeGreaterThanOrEqual(5);
    await expect.poll(async () => (await viewer.locator('[data-testid="live-map"] path.route-line').getAttribute("d"))?.length ?? 0, until).toBeGreaterThan(10);
    await postBatch(5);
    await expect.poll(async () => Number(await viewer.getByTestId("live-points").textContent()), until).toBeGreaterThanOrEqual(10);
    expect(Number(await viewer.getByTestId("live-map").getAttribute("data-points"))).toBeGreaterThanOrEqual(10);
    // Heart rate is the owner's to see (a share link shows it only when the athlete's heart rate is public).
    expect(await page.getByTestId("live-hr").textContent()).toMatch(/\d+ уд\/мин/);
    // The owner's page follows the same session.
    await expect.poll(async () => Number(await page.getByTestId("live-points").textContent()), until).toBeGreaterThanOrEqual(10);
    await shot(page, "live-owner");
    await shot(viewer, "live-viewer");

    // The athlete finishes: the viewer sees the end, the athlete gets the activity.
    await page.getByTestId("live-finish").click();
    await page.getByTestId("live-confirm-yes").click();
    await page.getByTestId("live-finished").waitFor();
    await expect.poll(() => viewer.getByTestId("live-state").textContent(), until).toBe("Завершена");
    await page.getByRole("link", { name: "Открыть тренировку" }).click();
    await page.getByTestId("activity-page").waitFor();
    await viewerContext.close();
    expect(pageErrors).toEqual([]);
  });

  it("pairs a device, sets the safety alert, and shows progress and the watch glance", slow, async () => {
    await signedIn();
    await page.getByTestId("nav-training").click();
    await page.getByTestId("training-tab-devices").click();
    const form = page.getByTestId("pair-form");
    await form.getByLabel("Тип").selectOption("heart_rate_strap");
    await form.getByLabel("Название").fill("Нагрудный пульсометр");
    await form.getByRole("button", { name: "Получить код" }).click();
    const code = (await page.getByTestId("pair-code").locator(".code-big").getAttribute("data-code")) ?? "";
    expect(code).toMatch(/^[A-Z0-9]{8}$/);
    // The device pairs itself with the code.
    const pair = await fetch(`${server.baseURL}/api/v1/integrations/devices/pair`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ code, manufacturer: "Polar", model: "H10" }),
    });
    expect(pair.status).toBe(201);
    await page.getByRole("button", { name: "Обновить список" }).click();
    const device = page.getByTestId("device");
    await expect.poll(() => device.count(), until).toBe(1);
    expect(await device.textContent()).toContain("Polar H10");
    await device.getByRole("button", { name: "Переименовать" }).click();
    await device.getByLabel("Название").fill("H10");
    await device.getByRole("button", { name: "Сохранить" }).click();
    await expect.poll(() => device.locator("h3").textContent(), until).toContain("H10");
    await shot(page, "devices");

    await page.getByTestId("training-tab-safety").click();
    const safety = page.getByTestId("safety-form");
    await safety.getByLabel("Сообщать контактам об остановке").check();
    await safety.getByLabel("Сообщать после остановки на").selectOption("600");
    await safety.getByRole("button", { name: "Сохранить" }).click();
    await page.getByTestId("form-success").waitFor();
    await page.reload();
    await expect.poll(() => page.getByLabel("Сообщать после остановки на").inputValue(), until).toBe("600");
    expect(await page.getByLabel("Сообщать контактам об остановке").isChecked()).toBe(true);

    await page.getByTestId("training-tab-progress").click();
    await page.getByTestId("volume-bars").waitFor();
    await shot(page, "progress");

    // The glance fits a watch screen and has no app frame.
    await page.setViewportSize({ width: 240, height: 300 });
    await page.goto("/watch");
    await page.getByTestId("watch-today-distance").waitFor();
    expect(await page.locator("header.app-header").count()).toBe(0);
    await shot(page, "watch");
    await page.setViewportSize({ width: 1280, height: 720 });
    expect(pageErrors).toEqual([]);
  });
});
