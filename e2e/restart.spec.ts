import { test, expect } from "@playwright/test";
import { OwnServer } from "./server";

// This spec runs its own worker so it can kill it mid-run.
const server = new OwnServer(".wrangler/e2e-restart-state", { JOB_STALE_SECONDS: "3", DEMO_MODEL_DELAY_MS: "20", AUTH_RATE_LIMIT_PER_MINUTE: "1000" });

test.afterAll(async () => server.crash());

test("a run survives the server being killed mid-chapter: it finishes without lost or repeated text, charged once", async ({ browser }) => {
  test.setTimeout(240_000);
  await server.start({ fresh: true });
  const context = await browser.newContext({ baseURL: server.url });
  const page = await context.newPage();

  const email = `rita.${Date.now()}@quire.test`;
  await page.goto("/sign-up");
  await page.getByLabel("Name").fill("Rita");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("restart-password-1");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/library$/);

  await page.goto("/books/new");
  await page.getByLabel("Title", { exact: true }).fill("Through the Outage");
  await page.getByLabel("Premise").fill("Maren keeps the lighthouse through the longest storm, with Tobias.");
  await page.getByLabel("Chapters").fill("3");
  await page.getByLabel("Words per chapter").fill("300");
  await page.getByRole("button", { name: "Create book" }).click();
  await page.getByRole("button", { name: "Generate outline" }).click();
  await expect(page.getByTestId("outline-chapter")).toHaveCount(3);
  await page.getByRole("button", { name: "Write all" }).click();

  // Kill the server while chapter 2 is being written.
  const second = page.getByTestId("manuscript-chapter").nth(1);
  await expect(second).toHaveAttribute("data-status", "writing", { timeout: 60_000 });
  await expect.poll(async () => ((await second.getByTestId("chapter-text").textContent().catch(() => "")) ?? "").length, { timeout: 30_000 }).toBeGreaterThan(300);
  await server.crash();

  const saved = server.query<{ position: number; content: string; status: string }>("SELECT position, content, status FROM chapters ORDER BY position");
  expect(saved[0]!.status).toBe("written");
  expect(saved[1]!.content.length).toBeGreaterThan(100);

  await server.start();
  await page.reload();
  if (page.url().includes("/sign-in")) {
    // Seen once under heavy load: the first request after the restart did not find the session.
    // The run itself must not depend on the watcher, so sign in again and keep checking the job.
    console.warn(`restart spec: signed out after the restart (see reports/own-server-${server.port}.log)`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("restart-password-1");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("book-title")).toBeVisible();
  }
  const chapters = page.getByTestId("manuscript-chapter");
  await expect(chapters.nth(2)).toHaveAttribute("data-status", "written", { timeout: 90_000 });
  await expect(page.getByTestId("book-progress")).toContainText("job succeeded");

  const final = server.query<{ position: number; content: string; status: string }>("SELECT position, content, status FROM chapters ORDER BY position");
  expect(final.map((c) => c.status)).toEqual(["written", "written", "written"]);
  // Nothing saved before the crash was lost, and the continuation did not start the chapter over.
  const opening = saved[1]!.content.trim().slice(0, 150);
  expect(final[1]!.content.indexOf(opening)).toBe(0);
  expect(final[1]!.content.lastIndexOf(opening)).toBe(0);
  const words = final[1]!.content.split(/\s+/).filter(Boolean).length;
  expect(words).toBeGreaterThan(200);
  expect(words).toBeLessThan(600);

  // One reservation per claim: three chapters, and chapter 2 claimed again after the restart. The claim the
  // crash cut off is given back whole when the next claim starts, so every chapter is charged once.
  // (The passages each written chapter embeds for recall are their own step charges, `job:…:passages:…`.)
  const reservations = server.query<{ n: number }>("SELECT count(*) AS n FROM credit_transactions WHERE idempotency_key LIKE 'reserve:job:%:chapter:%'");
  expect(reservations[0]!.n).toBe(4);
  const interrupted = server.query<{ net: number }>(
    "SELECT r.amount + s.amount AS net FROM credit_transactions r JOIN credit_transactions s ON s.idempotency_key = 'settle:' || substr(r.idempotency_key, 9) " +
      "WHERE r.idempotency_key LIKE 'reserve:job:%:chapter:%' AND s.description LIKE '%(interrupted)'",
  );
  expect(interrupted).toEqual([{ net: 0 }]);
  // Each chapter is one step with its own claim, and chapter 2 was claimed twice: before the crash
  // and after the restart.
  const jobs = server.query<{ status: string; attempt: number }>("SELECT status, attempt FROM jobs");
  expect(jobs).toEqual([{ status: "succeeded", attempt: 4 }]);
  await context.close();
});
