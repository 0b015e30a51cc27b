import { test, expect } from "./fixtures";
import type { Page } from "@playwright/test";
import { createBookThroughForm, tamperNextActionBody } from "./pages";

/** A two-chapter book with its outline and story bible, and its first chapter written by the demo model. */
async function bookWithFirstChapter(page: Page, title: string): Promise<string> {
  const bookId = await createBookThroughForm(page, title, { premise: "Maren, a lighthouse keeper, finds letters from the future written by Tobias.", chapters: 2, wordsPerChapter: 300 });
  await page.getByRole("button", { name: "Generate outline" }).click();
  await expect(page.getByRole("list", { name: "Story bible" }).getByTestId("bible-entry").first()).toBeVisible();
  await expect(page.getByTestId("bible-proposals")).toContainText("Nothing to review");
  const first = page.getByTestId("manuscript-chapter").nth(0);
  await first.getByRole("button", { name: "Write", exact: true }).click();
  await expect(first).toHaveAttribute("data-status", "written", { timeout: 60_000 });
  return bookId;
}

test("an author writes a chapter, accepts a proposed bible update from the book page and sees it in the bible", async ({ adaPage: page }) => {
  test.setTimeout(120_000);
  await bookWithFirstChapter(page, "The Keeper's Proposals");
  const bible = page.getByRole("list", { name: "Story bible" });
  const facts = page.getByTestId("bible-proposal").and(page.locator('[data-kind="fact"]'));
  await expect(facts.first()).toBeVisible({ timeout: 30_000 });
  expect(await facts.count()).toBeGreaterThanOrEqual(2);

  // Each proposal quotes the chapter sentence that establishes it.
  const chapterText = (await page.getByTestId("manuscript-chapter").nth(0).getByTestId("chapter-text").textContent())!.replace(/\s+/g, " ");
  const fact = facts.first();
  const factText = (await fact.getByTestId("proposal-body").textContent())!;
  expect(chapterText).toContain(factText);
  await expect(bible).not.toContainText(factText);

  await fact.getByRole("button", { name: /^Accept:/ }).click();
  await expect(bible).toContainText(factText);
  await expect(page.getByTestId("bible-proposal").filter({ hasText: factText })).toHaveCount(0);

  // Dismissed: gone from the list, and the bible never gets it.
  const other = facts.first();
  const otherText = (await other.getByTestId("proposal-body").textContent())!;
  await other.getByRole("button", { name: /^Dismiss:/ }).click();
  await expect(page.getByTestId("bible-proposal").filter({ hasText: otherText })).toHaveCount(0);

  await page.reload();
  await expect(bible).toContainText(factText);
  await expect(bible).not.toContainText(otherText);
  await expect(page.getByTestId("bible-proposal").filter({ hasText: otherText })).toHaveCount(0);
  await expect(page.getByTestId("quality-checks").first()).toContainText("Contradicts the bible: none ✓");
});

test("an author edits a proposal before accepting it: the bible holds the author's words", async ({ adaPage: page }) => {
  test.setTimeout(120_000);
  await bookWithFirstChapter(page, "The Edited Proposal");
  const proposal = page.getByTestId("bible-proposal").first();
  await expect(proposal).toBeVisible({ timeout: 30_000 });
  await proposal.getByRole("button", { name: /^Edit:/ }).click();
  await proposal.getByRole("textbox", { name: /Fact|Description/ }).fill("Keeps every letter in a tin under the stairs.");
  await proposal.getByRole("button", { name: "Accept edited" }).click();
  await expect(page.getByRole("list", { name: "Story bible" })).toContainText("Keeps every letter in a tin under the stairs.");
});

test("Bob's accept aimed at Ada's proposal is refused and changes nothing", async ({ adaPage, bobPage }) => {
  test.setTimeout(180_000);
  await bookWithFirstChapter(adaPage, "Ada's Guarded Bible");
  const adaProposal = adaPage.getByTestId("bible-proposal").first();
  await expect(adaProposal).toBeVisible({ timeout: 30_000 });
  const adaProposalId = (await adaProposal.getAttribute("data-proposal-id"))!;
  const adaText = (await adaProposal.getByTestId("proposal-body").textContent())!;

  await bookWithFirstChapter(bobPage, "Bob's Own Bible");
  const bobProposal = bobPage.getByTestId("bible-proposal").first();
  await expect(bobProposal).toBeVisible({ timeout: 30_000 });
  const bobProposalId = (await bobProposal.getAttribute("data-proposal-id"))!;

  const tampered = await tamperNextActionBody(bobPage, bobProposalId, adaProposalId);
  await bobProposal.getByRole("button", { name: /^Accept:/ }).click();
  await expect(bobPage.getByTestId("bible-proposals").locator('[data-error-code="not_found:bible"]')).toBeVisible();
  expect(tampered()).toBe(true);

  await adaPage.reload();
  await expect(adaPage.locator(`[data-proposal-id="${adaProposalId}"]`)).toBeVisible();
  await expect(adaPage.getByRole("list", { name: "Story bible" })).not.toContainText(adaText);
});
