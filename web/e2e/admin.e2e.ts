// End-to-end: the first administrator (made with `sporthub admin create`)
// logs in, is told to set up 2FA before the admin portal opens, enrols it,
// finds a registered user and blocks them with a reason; that user's next
// login is refused with the blocked message.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, startServer, type Server } from "./harness";
import { TIMEOUT, logIn, openPage } from "./pages";
import { freshTotp, registerVerifiedUser, uniqueEmail } from "./support";

const adminEmail = "first.admin@example.com";
const adminPassword = "админ пароль для e2e";
const userEmail = uniqueEmail("blocked-user");
const userPassword = "пробежка по набережной";

let server: Server;
let browser: Browser;
let adminCreated = "";
const pageErrors: string[] = [];

beforeAll(async () => {
  server = await startServer({
    beforeStart: (run) => {
      const res = run(["admin", "create", `--email=${adminEmail}`], `${adminPassword}\n`);
      adminCreated = res.status === 0 ? "" : `sporthub admin create failed (${res.status}): ${res.output}`;
    },
  });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

const newPage = (): Promise<Page> => openPage(browser, server, pageErrors);
const until = { timeout: TIMEOUT, interval: 250 };
const slow = { timeout: 4 * TIMEOUT };

describe("a staff member blocks a user", () => {
  it("has the first administrator from the CLI and a registered user", slow, async () => {
    expect(adminCreated).toBe("");
    await registerVerifiedUser(server.baseURL, server.dataDir, userEmail, userPassword);
  });

  it("admin enrols 2FA, finds the user and blocks them with a reason", slow, async () => {
    const page = await newPage();
    expect(await logIn(page, adminEmail, adminPassword)).toBe("signed-in");

    // Staff without 2FA: the portal is listed but asks for 2FA first.
    await page.getByTestId("nav-admin").click();
    await page.getByTestId("staff-2fa-required").waitFor();
    await page.getByRole("link", { name: "Настроить двухфакторную аутентификацию" }).click();
    await page.waitForURL(/\/account\/security$/);

    const used = new Set<number>();
    await page.getByTestId("2fa-setup").click();
    const secret = (await page.getByTestId("totp-secret").getAttribute("data-secret")) ?? "";
    const form = page.getByTestId("2fa-enable-form");
    await form.getByLabel("Код из приложения").fill(await freshTotp(secret, used));
    await form.getByRole("button", { name: "Включить" }).click();
    await page.getByTestId("recovery-codes").waitFor();
    await page.getByTestId("recovery-done").click();

    // The enabled session carries staff permissions at once.
    await page.getByTestId("nav-admin").click();
    await page.waitForURL(/\/admin\/users$/);
    const search = page.getByLabel("Поиск", { exact: true });
    const row = page.getByTestId("admin-user-table").locator("tbody tr").filter({ hasText: userEmail });
    // The access service learns about new users from auth's events.
    await expect
      .poll(
        async () => {
          await search.fill(userEmail);
          await page.getByRole("button", { name: "Найти" }).click();
          await page.waitForTimeout(300);
          return row.count();
        },
        { timeout: TIMEOUT, interval: 500 },
      )
      .toBe(1);
    await row.getByRole("link", { name: userEmail }).click();
    await page.waitForURL(/\/admin\/users\/[^/]+$/);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), until).toBe(userEmail);

    const block = page.getByTestId("block");
    await block.getByRole("button", { name: "Заблокировать" }).click();
    await expect.poll(() => block.getByText("Укажите причину", { exact: false }).count(), until).toBe(1);
    await block.getByLabel("Причина").fill("Спам в комментариях");
    await block.getByRole("button", { name: "Заблокировать" }).click();
    await expect.poll(() => page.getByTestId("user-status").textContent(), until).toContain("Заблокирован");
    await page.getByTestId("unblock").waitFor();
    const history = page.getByTestId("staff-actions");
    await expect.poll(() => history.textContent(), until).toContain("Спам в комментариях");
    expect(await history.textContent()).toContain(adminEmail);
    await page.context().close();
  });

  it("refuses the blocked user's login with the blocked message", slow, async () => {
    const page = await newPage();
    // auth applies the block from access's event: retry until it has.
    const deadline = Date.now() + TIMEOUT;
    let outcome = await logIn(page, userEmail, userPassword);
    while (outcome === "signed-in" && Date.now() < deadline) {
      await page.getByTestId("logout").click();
      await page.waitForURL(/\/login$/);
      await page.waitForTimeout(1_000);
      outcome = await logIn(page, userEmail, userPassword);
    }
    expect(outcome).toBe("refused");
    expect(await page.getByTestId("form-error").textContent()).toContain("Аккаунт заблокирован администратором");
    expect(page.url()).toMatch(/\/login$/);
    await page.context().close();
  });

  it("raised no uncaught errors in the pages", () => {
    expect(pageErrors).toEqual([]);
  });
});
