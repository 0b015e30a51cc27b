import { expect, type Page } from "@playwright/test";

/** Page objects: what an author does, in their words. */

/** A number of credits as the page writes it ("1,234 credits" → 1234). */
export const credits = (text: string) => Number(text.replace(/[^\d-]/g, ""));

/** Signs in as the seeded local admin and lands on `next` (an admin page). */
export async function signInAsAdmin(page: Page, next = "/admin") {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel("Email").fill("admin@quire.local");
  await page.getByLabel("Password").fill("quire-admin-demo");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Signed in wherever the form lands; then to the admin page asked for.
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.goto(next);
  await expect(page).toHaveURL((url) => url.pathname === new URL(next, "http://quire.test").pathname);
}

export async function createBookThroughForm(
  page: Page,
  title: string,
  options: { premise?: string; chapters?: number; wordsPerChapter?: number } = {},
) {
  await page.goto("/books/new");
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Premise").fill(options.premise ?? "A keeper finds letters dated a century ahead.");
  await page.getByLabel("Chapters").fill(String(options.chapters ?? 8));
  if (options.wordsPerChapter) await page.getByLabel("Words per chapter").fill(String(options.wordsPerChapter));
  await page.getByRole("button", { name: "Create book" }).click();
  await expect(page.getByTestId("book-title")).toHaveText(title);
  return page.url().split("/books/")[1]!;
}

export async function renameBook(page: Page, title: string) {
  await page.getByRole("textbox", { name: "Title" }).fill(title);
  await page.getByRole("button", { name: "Rename" }).click();
}

/**
 * Rewrites the arguments of the next server action this page sends: what an attacker with their
 * own session could do to the wire. The action must check ownership itself. Resolves to a getter
 * that says whether a request was rewritten, so a test cannot pass without the tampering happening.
 */
export async function tamperNextActionBody(page: Page, from: string, to: string): Promise<() => boolean> {
  let tampered = false;
  await page.route("**/*", async (route) => {
    const request = route.request();
    const body = request.postData() ?? "";
    if (!tampered && request.method() === "POST" && request.headers()["next-action"] && body.includes(from)) {
      tampered = true;
      await route.continue({ postData: body.replaceAll(from, to) });
      return;
    }
    await route.fallback();
  });
  return () => tampered;
}
