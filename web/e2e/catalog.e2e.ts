// End-to-end: the real sporthub binary (demo catalog of 300+ products) driven
// in headless Chromium. Elements are selected by role, label or data-testid.
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, startServer, type Server } from "./harness";

let server: Server;
let browser: Browser;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(path: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseURL, ...options });
  const page = await context.newPage();
  page.on("pageerror", (err) => pageErrors.push(`${path}: ${err.message}`));
  await page.goto(path);
  return page;
}

const cards = (page: Page) => page.getByTestId("product-card");

/** total reads the number in the results heading once a search has finished. */
async function total(page: Page): Promise<number> {
  await page.locator('section.catalog-results[aria-busy="false"]').waitFor();
  const text = (await page.getByTestId("results-total").textContent()) ?? "";
  const digits = text.replace(/\D/g, "");
  return digits ? Number(digits) : NaN;
}

async function search(page: Page, label: string, query: string) {
  const box = page.getByRole("searchbox", { name: label });
  await box.fill(query);
  await box.press("Enter");
  await page.waitForURL((url) => url.searchParams.get("q") === query);
}

describe("SportHub web app against the real binary", () => {
  let catalogSize = 0;

  it("opens the catalog at / in Russian and loads more results", async () => {
    const page = await open("/");
    await page.waitForURL(/\/catalog$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("ru");
    await expect.poll(() => page.getByRole("navigation", { name: "Основная навигация" }).getByRole("link", { name: "Каталог" }).count()).toBe(1);
    await expect.poll(() => cards(page).count()).toBeGreaterThan(0);
    catalogSize = await total(page);
    expect(catalogSize).toBeGreaterThanOrEqual(300);
    const first = await cards(page).count();
    await expect.poll(() => page.getByTestId("product-price").first().textContent()).toMatch(/₽/);

    await page.getByRole("button", { name: "Показать ещё" }).click();
    await expect.poll(() => cards(page).count()).toBeGreaterThan(first);
    const ids = await cards(page).evaluateAll((els) => els.map((e) => e.getAttribute("data-product-id")));
    expect(new Set(ids).size).toBe(ids.length);
    await page.context().close();
  });

  it("finds products with a Russian and an English full-text query", async () => {
    const page = await open("/catalog");
    await search(page, "Поиск по каталогу", "кроссовки");
    await expect.poll(() => cards(page).count()).toBeGreaterThan(0);
    const ru = await total(page);
    expect(ru).toBeGreaterThan(0);
    expect(ru).toBeLessThan(catalogSize);

    await search(page, "Поиск по каталогу", "running shoes");
    expect(await total(page)).toBeGreaterThan(0);
    expect(await cards(page).count()).toBeGreaterThan(0);

    // Back returns to the previous query and its results.
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get("q") === "кроссовки");
    await expect.poll(() => page.getByRole("searchbox", { name: "Поиск по каталогу" }).inputValue()).toBe("кроссовки");
    await expect.poll(() => total(page)).toBe(ru);
    await page.context().close();
  });

  it("filters by sport and brand, with the filters in the URL and history", async () => {
    const page = await open("/catalog");
    const all = await total(page);

    await page.getByLabel("Вид спорта").selectOption("swimming");
    await page.waitForURL((url) => url.searchParams.get("sport") === "swimming");
    await expect.poll(() => total(page)).toBeLessThan(all);
    const swimming = await total(page);
    expect(swimming).toBeGreaterThan(0);
    await expect
      .poll(() => cards(page).evaluateAll((els) => els.every((e) => e.getAttribute("data-sports")?.split(" ").includes("swimming"))))
      .toBe(true);
    // Facet counts are shown next to options.
    expect(await page.getByLabel("Вид спорта").locator("option:checked").textContent()).toMatch(/\(\d+\)/);

    const brandBox = page.getByTestId("brand-filter").getByRole("checkbox").first();
    const brand = await brandBox.getAttribute("value");
    expect(brand).toBeTruthy();
    await brandBox.check();
    await page.waitForURL((url) => url.searchParams.getAll("brand").includes(brand ?? ""));
    await expect
      .poll(() => cards(page).evaluateAll((els, b) => els.length > 0 && els.every((e) => e.getAttribute("data-brand") === b), brand))
      .toBe(true);
    expect(await total(page)).toBeLessThanOrEqual(swimming);

    await page.goBack();
    await page.waitForURL((url) => url.searchParams.getAll("brand").length === 0);
    await expect.poll(() => total(page)).toBe(swimming);
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has("sport"));
    await expect.poll(() => page.getByLabel("Вид спорта").inputValue()).toBe("");
    await expect.poll(() => total(page)).toBe(all);

    // A shared link restores the filters.
    await page.goto("/catalog?sport=cycling&in_stock=true");
    await expect.poll(() => page.getByLabel("Вид спорта").inputValue()).toBe("cycling");
    expect(await page.getByLabel("Только в наличии").isChecked()).toBe(true);
    await expect
      .poll(() => cards(page).evaluateAll((els) => els.length > 0 && els.every((e) => e.getAttribute("data-sports")?.includes("cycling"))))
      .toBe(true);
    await page.context().close();
  });

  it("shows a product with specs, price and stock per store", async () => {
    const page = await open("/catalog?sport=running&q=" + encodeURIComponent("кроссовки"));
    await expect.poll(() => cards(page).count()).toBeGreaterThan(0);
    const card = cards(page).first();
    const name = (await card.getByRole("heading").textContent()) ?? "";
    await card.getByRole("link").click();
    await page.waitForURL(/\/catalog\/products\/[^/]+$/);

    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe(name);
    expect(await page.getByTestId("product-price").textContent()).toMatch(/₽/);

    const specs = page.getByTestId("specs");
    await specs.waitFor();
    const labels = await specs.locator("th").allTextContents();
    expect(labels.length).toBeGreaterThan(0);
    const known = ["Вес", "Перепад", "Высота подошвы", "Амортизация", "Покрытие", "Водонепроницаемость", "Температурный диапазон", "Материалы"];
    for (const l of labels) expect(known).toContain(l);
    const specText = (await specs.textContent()) ?? "";
    if (labels.includes("Вес")) expect(specText).toMatch(/\d\s?г/);
    if (labels.includes("Перепад")) expect(specText).toMatch(/\d\s?мм/);

    const stockRows = page.getByTestId("stock").locator("tbody tr");
    expect(await stockRows.count()).toBeGreaterThan(0);
    for (const row of await stockRows.all()) {
      const cells = await row.locator("th, td").allTextContents();
      expect(cells).toHaveLength(3);
      expect(cells[0]?.trim()).not.toBe("");
      expect(cells[1]?.trim()).not.toBe("");
      expect(cells[2]).toMatch(/^\d+ шт\.$|^Нет в наличии$/);
    }
    await expect.poll(() => page.getByRole("heading", { name: "Размеры" }).count()).toBe(1);

    // The shopper's currency applies to the product page and is remembered.
    await page.getByTestId("currency-switcher").selectOption("EUR");
    await expect.poll(() => page.getByTestId("product-price").textContent()).toMatch(/€/);
    await page.reload();
    await expect.poll(() => page.getByTestId("product-price").textContent()).toMatch(/€/);
    expect(await page.getByTestId("currency-switcher").inputValue()).toBe("EUR");

    // Back to the same search.
    await page.getByRole("link", { name: /Назад в каталог/ }).click();
    await page.waitForURL((url) => url.pathname === "/catalog" && url.searchParams.get("sport") === "running");
    await page.context().close();
  });

  it("switches the language to English and remembers it", async () => {
    const page = await open("/catalog");
    await expect.poll(() => cards(page).count()).toBeGreaterThan(0);
    const ruName = await cards(page).first().getByRole("heading").textContent();
    await page.getByLabel("Язык").selectOption("en");
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => page.getByRole("link", { name: "Catalog" }).count()).toBe(1);
    await expect.poll(() => page.getByRole("searchbox", { name: "Search the catalog" }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("results-total").textContent()).toMatch(/products? found/);
    await expect.poll(() => page.getByLabel("Sport", { exact: true }).count()).toBe(1);
    const enName = await cards(page).first().getByRole("heading").textContent();
    expect(enName).not.toBe(ruName);

    await page.reload();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await expect.poll(() => page.getByRole("button", { name: "Load more" }).count()).toBe(1);
    await page.context().close();
  });

  it("shows the problem+json detail for an unknown product", async () => {
    const page = await open("/catalog/products/prd_does_not_exist");
    const api = await page.request.get("/api/v1/commerce/products/prd_does_not_exist");
    expect(api.status()).toBe(404);
    expect(api.headers()["content-type"]).toContain("application/problem+json");
    const problem = (await api.json()) as { detail?: string; code?: string };
    expect(problem.code).toBe("product_not_found");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    if (problem.detail) expect(await alert.textContent()).toContain(problem.detail);
    await page.context().close();
  });

  it("is an installable PWA with a service worker", async () => {
    const page = await open("/catalog");
    const manifest = await page.request.get("/manifest.webmanifest");
    expect(manifest.status()).toBe(200);
    const body = (await manifest.json()) as { name: string; icons: { src: string }[] };
    expect(body.name).toBe("SportHub");
    for (const icon of body.icons) expect((await page.request.get(icon.src)).status()).toBe(200);
    const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).active?.scriptURL);
    expect(scope).toBe(`${server.baseURL}/sw.js`);
    await page.context().close();
  });

  it("uses a navigation drawer on phones", async () => {
    const page = await open("/catalog", { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const nav = page.getByRole("navigation", { name: "Основная навигация" });
    await expect.poll(() => nav.getByRole("link", { name: "Каталог" }).isVisible()).toBe(false);
    await page.getByRole("button", { name: "Открыть меню" }).click();
    await expect.poll(() => nav.getByRole("link", { name: "Каталог" }).isVisible()).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => nav.getByRole("link", { name: "Каталог" }).isVisible()).toBe(false);
    await page.context().close();
  });

  it("raised no uncaught errors in the pages", () => {
    expect(pageErrors).toEqual([]);
  });
});
