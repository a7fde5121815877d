// End-to-end: a signed-in athlete edits the profile (metrics in their
// units, sports, avatar upload with preview), privacy zones, goals and
// notification settings; another athlete follows them and the new-follower
// notification reaches the bell live and the inbox.
import type { Browser, Page } from "playwright-core";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, startServer, type Server } from "./harness";
import { TIMEOUT, logIn, openPage } from "./pages";
import { registerVerifiedUser, uniqueEmail } from "./support";

const anna = { email: uniqueEmail("anna"), password: "утренняя пробежка 10 км" };
const boris = { email: uniqueEmail("boris"), password: "вечерний заплыв 2 км" };
const avatarFile = fileURLToPath(new URL("../public/icons/icon-192.png", import.meta.url));

let server: Server;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer();
  browser = await launchBrowser();
  await registerVerifiedUser(server.baseURL, server.dataDir, anna.email, anna.password);
  await registerVerifiedUser(server.baseURL, server.dataDir, boris.email, boris.password);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const until = { timeout: TIMEOUT, interval: 250 };
const slow = { timeout: 4 * TIMEOUT };

async function signedIn(user: { email: string; password: string }): Promise<Page> {
  const p = await openPage(browser, server, pageErrors);
  if ((await logIn(p, user.email, user.password)) !== "signed-in") throw new Error(`${user.email} could not log in`);
  await p.getByTestId("profile-form").waitFor();
  return p;
}

describe("profile, privacy, goals, settings and notifications", () => {
  it("edits the profile and uploads an avatar", slow, async () => {
    page = await signedIn(anna);
    const form = page.getByTestId("profile-form");
    await form.getByLabel("Имя в профиле").fill("Анна Петрова");
    await form.getByLabel("Вес, кг").fill("61,5");
    await form.getByLabel("Пороговый темп, мин/км").fill("4:45");
    await form.getByLabel("Пороговый темп, мин/км").press("Tab");
    await form.getByRole("button", { name: "Добавить вид спорта" }).click();
    await form.getByTestId("sport-row").getByLabel("Уровень").selectOption("advanced");
    await form.getByRole("button", { name: "Сохранить" }).click();
    await expect.poll(() => form.getByTestId("form-success").count(), until).toBe(1);

    // A bad pace is caught before sending and linked to its field.
    await form.getByLabel("Пороговый темп, мин/км").fill("4:75");
    await form.getByRole("button", { name: "Сохранить" }).click();
    const pace = form.getByLabel("Пороговый темп, мин/км");
    expect(await pace.getAttribute("aria-invalid")).toBe("true");
    const described = (await pace.getAttribute("aria-describedby")) ?? "";
    expect(await page.locator(`[id="${described.split(" ").at(-1)}"]`).textContent()).toContain("мин:сек");

    await page.reload();
    await page.getByTestId("profile-form").waitFor();
    expect(await page.getByLabel("Вес, кг").inputValue()).toBe("61.5");
    expect(await page.getByLabel("Пороговый темп, мин/км").inputValue()).toBe("4:45");

    // Avatar: a wrong type is refused in the browser, a PNG is previewed and uploaded.
    const input = page.locator('input[type="file"]');
    await input.setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
    await expect.poll(() => page.getByText("Нужен файл JPEG, PNG, WebP или GIF.").count(), until).toBe(1);
    await input.setInputFiles(avatarFile);
    await page.getByTestId("avatar-preview").waitFor();
    await page.getByRole("button", { name: "Загрузить" }).click();
    await expect.poll(() => page.locator("img.avatar").first().getAttribute("src"), until).toMatch(/\/api\/v1\/user\/profiles\/avatars\//);
  });

  it("adds a privacy zone and a goal", slow, async () => {
    await page.getByTestId("account-tab-privacy").click();
    const zone = page.getByTestId("zone-form");
    await zone.getByLabel("Название").fill("Дом");
    await zone.getByLabel("Широта").fill("55,7558");
    await zone.getByLabel("Долгота").fill("37.6173");
    await zone.getByLabel("Радиус, м").fill("50");
    await zone.getByRole("button", { name: "Добавить зону" }).click();
    await expect.poll(() => zone.getByText("Допустимо от 100 до 2000").count(), until).toBe(1);
    await zone.getByLabel("Радиус, м").fill("400");
    await zone.getByRole("button", { name: "Добавить зону" }).click();
    await expect.poll(() => page.getByTestId("zones").locator("li").count(), until).toBe(1);
    expect(await page.getByTestId("zones").textContent()).toContain("радиус 400 м");
    expect(await page.getByTestId("zone-map").locator("circle").count()).toBeGreaterThan(0);

    await page.getByTestId("account-tab-goals").click();
    const goal = page.getByTestId("goal-form");
    await goal.getByLabel("Цель, км").fill("42,2");
    await goal.getByRole("button", { name: "Добавить цель" }).click();
    await expect.poll(() => page.getByTestId("goals").textContent(), until).toContain("из 42,2 км");
  });

  it("changes notification preferences and gives marketing consent", slow, async () => {
    await page.getByTestId("account-tab-settings").click();
    const table = page.getByTestId("notification-prefs");
    await table.waitFor();
    // Critical security notices are locked on.
    const critical = table.locator('tr[data-type="auth.password_changed"] input').first();
    expect(await critical.isDisabled()).toBe(true);
    const row = table.locator('tr[data-type="profiles.new_follower"]');
    const email = row.locator("input").nth(1);
    const before = await email.isChecked();
    await email.setChecked(!before);
    const prefs = page.getByRole("region", { name: "Уведомления", exact: true });
    await prefs.getByRole("button", { name: "Сохранить" }).click();
    await expect.poll(() => prefs.getByTestId("form-success").count(), until).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByTestId("notification-prefs").locator('tr[data-type="profiles.new_follower"] input').nth(1).isChecked(), until).toBe(!before);

    const consent = page.getByTestId("marketing-consent");
    expect(await consent.isChecked()).toBe(false);
    await consent.check();
    await expect.poll(() => page.getByText("Согласие дано", { exact: false }).count(), until).toBe(1);
  });

  it("shows a new follower live on the bell and in the inbox", slow, async () => {
    const other = await signedIn(boris);
    // The account page links to the public profile.
    await page.goto("/account/profile");
    const href = (await page.getByRole("link", { name: "Как видят другие" }).getAttribute("href")) ?? "";
    // The first frame (the unread count) says the live connection is open.
    const liveOpen = new Promise<void>((resolve) =>
      page.on("websocket", (w) => {
        if (w.url().includes("/inbox/live")) w.on("framereceived", () => resolve());
      }),
    );
    await page.goto("/notifications");
    await page.getByTestId("inbox").waitFor();
    await Promise.race([
      liveOpen,
      new Promise((_, reject) => setTimeout(() => reject(new Error("the live inbox did not connect")), TIMEOUT)),
    ]);
    const bell = page.getByTestId("bell");
    await other.goto(href);
    await other.getByRole("heading", { name: "Анна Петрова" }).waitFor();
    await other.getByRole("button", { name: "Подписаться" }).click();
    await expect.poll(() => other.getByTestId("follow").getAttribute("data-relationship"), until).toBe("following");

    // The item arrives over the live connection: no reload.
    // (A "first follower" achievement may arrive right after it.)
    await page.getByTestId("inbox-item").filter({ hasText: "Новый подписчик" }).first().waitFor();
    await expect.poll(() => bell.getAttribute("aria-label"), until).toMatch(/непрочитан/);

    await page.getByRole("button", { name: "Прочитать все" }).click();
    await expect.poll(() => page.getByTestId("bell-count").count(), until).toBe(0);
    await page.getByLabel("Только непрочитанные").check();
    await expect.poll(() => page.getByText("Непрочитанных уведомлений нет.").count(), until).toBe(1);
    await other.context().close();
    await page.context().close();
  });

  it("raised no uncaught errors in the pages", () => {
    expect(pageErrors).toEqual([]);
  });
});
