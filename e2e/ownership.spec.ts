import { test, expect } from "./fixtures";
import { createBookThroughForm, renameBook, tamperNextActionBody } from "./pages";

test.describe("one author's books are refused to another", () => {
  test("Bob cannot open Ada's book by its URL", async ({ adaPage, bobPage }) => {
    const adaBook = await createBookThroughForm(adaPage, "Ada's Private Notebook");
    await bobPage.goto(`/books/${adaBook}`);
    await expect(bobPage.getByRole("heading", { name: "Not found" })).toBeVisible();
    await expect(bobPage.getByText("Ada's Private Notebook")).toHaveCount(0);
  });

  test("Bob's rename and delete actions aimed at Ada's book return not_found:book and change nothing", async ({ adaPage, bobPage }) => {
    const adaBook = await createBookThroughForm(adaPage, "Ada's Engine");
    const bobBook = await createBookThroughForm(bobPage, "Bob's Ledger");

    let tampered = await tamperNextActionBody(bobPage, bobBook, adaBook);
    await renameBook(bobPage, "Renamed by Bob");
    await expect(bobPage.getByRole("form", { name: "Rename book" }).locator('[data-error-code="not_found:book"]')).toBeVisible();
    expect(tampered()).toBe(true);
    await bobPage.unrouteAll();

    tampered = await tamperNextActionBody(bobPage, bobBook, adaBook);
    await bobPage.getByRole("button", { name: "Delete book" }).click();
    await bobPage.getByRole("button", { name: "Yes, delete it" }).click();
    await expect(bobPage.getByRole("alertdialog").locator('[data-error-code="not_found:book"]')).toBeVisible();
    expect(tampered()).toBe(true);

    await adaPage.goto(`/books/${adaBook}`);
    await expect(adaPage.getByTestId("book-title")).toHaveText("Ada's Engine");
    await bobPage.goto(`/books/${bobBook}`);
    await expect(bobPage.getByTestId("book-title")).toHaveText("Bob's Ledger");
  });

  test("a signed-out request to a server action is refused with unauthorized:auth", async ({ adaPage }) => {
    await createBookThroughForm(adaPage, "Signed Out Test");
    await adaPage.context().clearCookies();
    await renameBook(adaPage, "Renamed While Signed Out");
    await expect(adaPage.locator('[data-error-code="unauthorized:auth"]')).toBeVisible();
  });
});
