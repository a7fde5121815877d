// End-to-end: a new athlete registers in the UI, confirms the address with
// the link from the emailed .eml file, logs in, turns on two-factor
// authentication (TOTP computed here from the secret the page shows), logs
// out and logs in again through the 2FA step.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, startServer, type Server } from "./harness";
import { TIMEOUT, logIn, openPage } from "./pages";
import { freshTotp, hotp, totp, uniqueEmail, waitForLink } from "./support";

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

const newPage = (): Promise<Page> => openPage(browser, server, pageErrors);
const slow = { timeout: 4 * TIMEOUT };

describe("TOTP helper", () => {
  it("matches the RFC 6238 SHA-1 test vectors", () => {
    const key = Buffer.from("12345678901234567890", "ascii");
    const at = (t: number) => hotp(key, Math.floor(t / 30), 8);
    expect([59, 1111111109, 1111111111, 1234567890, 2000000000, 20000000000].map(at)).toEqual([
      "94287082", "07081804", "14050471", "89005924", "69279037", "65353130",
    ]);
    // base32 of the same key
    expect(totp("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59)).toBe("287082");
  });
});

describe("registration through to a 2FA login", () => {
  const email = uniqueEmail("athlete");
  const password = "тропа в горах 2025";
  const used = new Set<number>();
  let secret = "";

  it("registers and gets the generic check-your-email answer", slow, async () => {
    const page = await newPage();
    await page.goto("/register");
    await page.getByText("Не короче 8 символов", { exact: false }).waitFor();
    // The rules are checked before anything is sent.
    await page.getByLabel("Электронная почта").fill(email);
    await page.getByLabel("Пароль", { exact: true }).fill("12345678");
    await page.getByRole("button", { name: "Зарегистрироваться" }).click();
    await page.getByText("Этот пароль слишком распространён", { exact: false }).waitFor();
    expect(await page.getByLabel("Пароль", { exact: true }).getAttribute("aria-invalid")).toBe("true");

    await page.getByLabel("Пароль", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Зарегистрироваться" }).click();
    await page.getByTestId("register-done").waitFor();
    expect(await page.getByTestId("register-done").textContent()).toContain(email);
    await page.context().close();
  });

  it("refuses to log in before the address is confirmed", slow, async () => {
    const page = await newPage();
    expect(await logIn(page, email, password)).toBe("refused");
    expect(await page.getByTestId("form-error").textContent()).toContain("не подтверждён");
    await page.context().close();
  });

  it("confirms the address with the emailed link", slow, async () => {
    const link = await waitForLink(server.dataDir, email, "/verify-email?token=");
    const page = await newPage();
    await page.goto(link);
    await page.getByTestId("token-done").waitFor();
    await page.context().close();
  });

  it("logs in, stays signed in across a reload, and turns on 2FA", slow, async () => {
    const page = await newPage();
    expect(await logIn(page, email, password)).toBe("signed-in");
    await page.waitForURL(/\/account\/profile$/);
    await page.getByTestId("profile-page").waitFor();
    await page.getByTestId("bell").waitFor();

    // The access token lives in memory only: after a reload the session comes
    // back through the HttpOnly refresh cookie.
    await page.reload();
    await page.getByTestId("profile-page").waitFor();
    expect(await page.evaluate(() => document.cookie)).not.toContain("sh_refresh");

    await page.getByTestId("account-tab-security").click();
    await page.getByTestId("security-page").waitFor();
    expect(await page.getByTestId("account-email").textContent()).toContain(email);
    expect(await page.getByTestId("2fa-status").textContent()).toBe("Выключена");
    await page.getByTestId("2fa-setup").click();
    const secretEl = page.getByTestId("totp-secret");
    await secretEl.waitFor();
    secret = (await secretEl.getAttribute("data-secret")) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]+=*$/);
    expect(await page.getByRole("img", { name: "QR-код для приложения-аутентификатора" }).getAttribute("src")).toMatch(
      /^data:image\/png;base64,/,
    );

    const form = page.getByTestId("2fa-enable-form");
    await form.getByLabel("Код из приложения").fill("000000" === totp(secret) ? "111111" : "000000");
    await form.getByRole("button", { name: "Включить" }).click();
    await form.getByTestId("form-error").waitFor();

    await form.getByLabel("Код из приложения").fill(await freshTotp(secret, used));
    await form.getByRole("button", { name: "Включить" }).click();
    const codes = page.getByTestId("recovery-codes");
    await codes.waitFor();
    expect(await codes.locator("li").count()).toBe(10);
    await page.getByTestId("recovery-done").click();
    await page.getByText("Включена", { exact: true }).waitFor();

    await page.getByTestId("logout").click();
    await page.waitForURL(/\/login$/);
    await page.goto("/account/security");
    await page.waitForURL(/\/login\?next=/);
    await page.context().close();
  });

  it("logs in again through the 2FA step and sees the account page", slow, async () => {
    const page = await newPage();
    expect(await logIn(page, email, password)).toBe("second-factor");
    const mfa = page.getByTestId("mfa-form");
    await mfa.getByLabel("Код из приложения").fill(await freshTotp(secret, used));
    await mfa.getByRole("button", { name: "Подтвердить" }).click();
    await page.waitForURL(/\/account\/profile$/);
    await page.getByTestId("account-tab-security").click();
    expect(await page.getByTestId("account-email").textContent()).toContain(email);
    await page.getByText("Включена", { exact: true }).waitFor();
    const sessions = page.getByTestId("sessions");
    await sessions.waitFor();
    expect(await sessions.locator("tbody tr[data-current]").count()).toBe(1);
    await page.context().close();
  });

  it("raised no uncaught errors in the pages", () => {
    expect(pageErrors).toEqual([]);
  });
});
