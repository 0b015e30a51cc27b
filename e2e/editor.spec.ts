import { test, expect, registerAccount } from "./fixtures";
import { manuscript, openFirstChapter, selectParagraph, writeParagraph } from "./editor-pages";
import { startEarlyInAMinute } from "../test/rate-window";

// A word unique to this run keeps each test's request its own (the cache is shared by the server).
const tag = () => `Tobias${Math.random().toString(36).replace(/[^a-z]/g, "").slice(0, 5)}`;

test("Fix grammar shows a word diff, Accept changes the text as one undo step, and Undo restores it", async ({ adaPage: page }) => {
  await openFirstChapter(page, "Grammar Night");
  const original = `i saw teh cat with ${tag()}. it was was big`;
  await writeParagraph(page, original);

  await selectParagraph(page);
  await page.getByRole("button", { name: "Fix grammar" }).click();
  const panel = page.getByTestId("suggestion-panel");
  await expect(panel).toHaveAttribute("data-status", "done");
  await expect(panel.locator("del[data-diff=del]").first()).toHaveText("i");
  await expect(panel.locator("ins[data-diff=ins]").first()).toHaveText("I");
  await expect(panel.locator("del[data-diff=del]").nth(1)).toHaveText("teh");
  await expect(panel.locator("ins[data-diff=ins]").nth(1)).toHaveText("the");
  await expect(panel.getByTestId("suggestion-cost")).toBeVisible();

  await panel.getByRole("button", { name: "Accept" }).click();
  const fixed = original.replace("i saw teh", "I saw the").replace("it was was big", "It was big.");
  await expect(manuscript(page)).toHaveText(fixed);
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");

  await page.keyboard.press("ControlOrMeta+z");
  await expect(manuscript(page)).toHaveText(original);
  // One step: a second undo takes back typing, not a half of the suggestion.
  await page.keyboard.press("ControlOrMeta+Shift+z");
  await expect(manuscript(page)).toHaveText(fixed);

  // Saved, not just shown.
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");
  await page.reload();
  await expect(manuscript(page)).toHaveText(fixed);
});

test("Reject and Esc leave the text exactly as it was, and the same request again comes from the cache", async ({ adaPage: page }) => {
  await openFirstChapter(page, "Rejected Drafts");
  const original = `i saw teh harbour with ${tag()}.  it was was calm`;
  await writeParagraph(page, original);
  const before = await manuscript(page).innerHTML();

  await selectParagraph(page);
  await page.getByRole("button", { name: "Fix grammar" }).click();
  const panel = page.getByTestId("suggestion-panel");
  await expect(panel).toHaveAttribute("data-status", "done");
  await expect(panel.getByTestId("suggestion-cached")).toHaveCount(0);
  await panel.getByRole("button", { name: "Reject" }).click();
  await expect(panel).toHaveCount(0);
  expect(await manuscript(page).innerHTML()).toBe(before);

  // The same request within five minutes: answered from the cache, and the UI says so.
  await selectParagraph(page);
  await page.getByRole("button", { name: "Fix grammar" }).click();
  await expect(panel).toHaveAttribute("data-status", "done");
  await expect(panel.getByTestId("suggestion-cached")).toContainText("from cache");
  await expect(panel.locator("ins[data-diff=ins]").first()).toHaveText("I");
  await page.keyboard.press("Escape");
  await expect(panel).toHaveCount(0);
  expect(await manuscript(page).innerHTML()).toBe(before);
});

test("autosave shows its state, counts words, and a change saved in another tab is reported instead of overwritten", async ({ adaPage: page }) => {
  await openFirstChapter(page, "Two Tabs");
  await writeParagraph(page, "Maren lit the lamp.");
  await expect(page.getByTestId("chapter-words")).toHaveText("4 words");
  await expect(page.getByTestId("book-words")).toHaveText("4 in the book");
  await expect(page.getByRole("navigation", { name: "Chapters" }).getByTestId("chapter-link")).toHaveCount(2);

  const other = await page.context().newPage();
  await other.goto(page.url());
  await writeParagraph(other, " Then she waited.");
  await expect(other.getByTestId("chapter-words")).toHaveText("7 words");

  await page.keyboard.type(" The sea was calm.");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "conflict");
  await expect(page.locator("[role=alert][data-error-code]")).toHaveAttribute("data-error-code", "conflict:chapter");
  // Nothing was overwritten: a fresh load shows the other tab's text.
  await other.reload();
  await expect(manuscript(other)).toHaveText("Maren lit the lamp. Then she waited.");
});

test("Continue writing streams grey text at the cursor that Tab keeps", async ({ adaPage: page }) => {
  await openFirstChapter(page, "Ghost Lines");
  const opening = `Maren climbed the stairs of the lighthouse with ${tag()}.`;
  await writeParagraph(page, opening);
  await page.keyboard.press("End");

  await page.getByRole("button", { name: "Continue writing" }).click();
  const ghost = page.getByTestId("ghost-text");
  await expect(ghost).toBeVisible();
  await expect(page.getByTestId("suggestion-panel")).toHaveAttribute("data-status", "done");
  const continuation = ((await ghost.textContent()) ?? "").trim();
  expect(continuation.length).toBeGreaterThan(10);

  await manuscript(page).press("Tab");
  await expect(ghost).toHaveCount(0);
  await expect(manuscript(page)).toHaveText(`${opening} ${continuation}`);
});

test("Esc drops the grey text of Continue writing and leaves the chapter unchanged", async ({ adaPage: page }) => {
  await openFirstChapter(page, "Dropped Lines");
  const opening = `The lamp went out above ${tag()}.`;
  await writeParagraph(page, opening);
  await page.keyboard.press("End");
  await page.getByRole("button", { name: "Continue writing" }).click();
  await expect(page.getByTestId("ghost-text")).toBeVisible();
  await manuscript(page).press("Escape");
  await expect(page.getByTestId("ghost-text")).toHaveCount(0);
  await expect(manuscript(page)).toHaveText(opening);
});

test("Check this chapter underlines each mistake, and each one is accepted or dismissed on its own", async ({ adaPage: page }) => {
  await openFirstChapter(page, "Checked Pages");
  await writeParagraph(page, `i saw teh gulls over ${tag()}.`);
  await page.getByRole("button", { name: "Check this chapter" }).click();
  const findings = page.getByTestId("check-finding");
  await expect(findings).toHaveCount(2);
  await expect(manuscript(page).locator(".quire-finding")).toHaveCount(2);

  await findings.filter({ hasText: "teh" }).getByRole("button", { name: "Accept" }).click();
  await expect(manuscript(page)).toContainText("i saw the gulls");
  await findings.first().getByRole("button", { name: "Dismiss" }).click();
  await expect(findings).toHaveCount(0);
  await expect(manuscript(page).locator(".quire-finding")).toHaveCount(0);
  await expect(manuscript(page)).toContainText("i saw the gulls");
});

test("past the per-minute limit the writer is told to wait, and the text is untouched", async ({ browser, baseURL }) => {
  const rae = await registerAccount(browser, baseURL!, "Rae");
  const context = await browser.newContext({ storageState: rae.storageState });
  const page = await context.newPage();
  await openFirstChapter(page, "Too Many Questions");
  const original = `i saw teh sea with ${tag()}`;
  await writeParagraph(page, original);
  const [, bookId, chapterId] = /books\/([^/]+)\/chapters\/([^/?#]+)/.exec(page.url())!;

  // The e2e server allows 10 suggestions a minute (playwright.config.ts).
  await startEarlyInAMinute();
  let status = 200;
  for (let i = 0; i < 12 && status !== 429; i++) {
    const res = await page.request.post("/api/suggestions", { data: { bookId, chapterId, kind: "shorter", selection: `Sentence ${i} is very very long.` }, headers: { origin: baseURL! } });
    status = res.status();
    await res.body();
  }
  expect(status).toBe(429);

  await selectParagraph(page);
  await page.getByRole("button", { name: "Fix grammar" }).click();
  const alert = page.getByTestId("suggestion-panel").getByRole("alert");
  await expect(alert).toHaveAttribute("data-error-code", "rate_limit:suggestion");
  await expect(alert).toContainText(/wait \d+ seconds/);
  await page.keyboard.press("Escape");
  await expect(manuscript(page)).toHaveText(original);
  await context.close();
});
