// Browser helpers shared by the account tests: pages with generous
// timeouts (the machine may be busy; password hashing is deliberately slow)
// and a login that waits out the API's "busy" and rate-limit answers.
import type { Browser, Page } from "playwright-core";
import type { Server } from "./harness";

/** TIMEOUT is the default wait of page actions and assertions. */
export const TIMEOUT = 60_000;

/** openPage opens a fresh browser context on the server and records uncaught errors. */
export async function openPage(browser: Browser, server: Server, errors: string[]): Promise<Page> {
  const context = await browser.newContext({ baseURL: server.baseURL });
  context.setDefaultTimeout(TIMEOUT);
  const page = await context.newPage();
  page.on("pageerror", (err) => errors.push(err.message));
  return page;
}

/** LoginOutcome is where a login ended. */
export type LoginOutcome = "signed-in" | "second-factor" | "refused";

/**
 * logIn fills the login form and submits it until the API's answer is not
 * a temporary one (503 busy, 429 too many requests), then waits for the
 * page to show where it ended.
 */
export async function logIn(page: Page, email: string, password: string): Promise<LoginOutcome> {
  await page.goto("/login");
  await page.getByLabel("Электронная почта").fill(email);
  await page.getByLabel("Пароль", { exact: true }).fill(password);
  const deadline = Date.now() + 2 * TIMEOUT;
  for (;;) {
    const answer = page.waitForResponse((r) => r.url().endsWith("/api/v1/user/auth/login") && r.request().method() === "POST");
    await page.getByRole("button", { name: "Войти" }).click();
    const res = await answer;
    if ((res.status() === 503 || res.status() === 429) && Date.now() < deadline) {
      const wait = Number(res.headers()["retry-after"] ?? "1");
      await page.waitForTimeout(Math.min(Math.max(wait, 1), 10) * 1000);
      continue;
    }
    if (res.status() !== 200) {
      await page.getByTestId("form-error").waitFor();
      return "refused";
    }
    const body = (await res.json()) as { mfa_required?: boolean };
    if (body.mfa_required) {
      await page.getByTestId("mfa-form").waitFor();
      return "second-factor";
    }
    try {
      await page.waitForURL(/\/account\//);
    } catch (err) {
      const shown = (await page.locator("main").textContent().catch(() => "")) ?? "";
      throw new Error(`login of ${email} answered 200 but the page stayed at ${page.url()} showing: ${shown.slice(0, 300)}`, { cause: err });
    }
    return "signed-in";
  }
}
