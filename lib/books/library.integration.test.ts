import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { selectOwnedBook } from "@/db/queries/books";
import { AppError } from "@/lib/errors";
import { createBook, listLibrary, openBook, removeBook, renameBook, updateBookDetails, type Caller } from "./library";
import { bookDetailsSchema } from "./schemas";
import { newBookSchema, type NewBook } from "./schemas";

const lighthouse: NewBook = {
  title: "The Lighthouse Letters",
  premise: "A keeper finds letters dated a century ahead.",
  genre: "Fantasy",
  audience: "Adult",
  tone: "Warm",
  chapterCount: 12,
  wordsPerChapter: 2500,
};

let t: TestDatabase;
let ada: Caller;
let bob: Caller;

beforeAll(async () => {
  t = await openTestDatabase();
  ada = await signUp(t.db, "Ada");
  bob = await signUp(t.db, "Bob");
});
afterAll(() => t?.dispose());

async function expectCode(promise: Promise<unknown>, code: string) {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
}

describe("the library on real D1", () => {
  it("lists only the caller's books, newest first", async () => {
    const first = await createBook(t.db, ada, lighthouse);
    await new Promise((r) => setTimeout(r, 5));
    const second = await createBook(t.db, ada, { ...lighthouse, title: "Second Book" });
    await createBook(t.db, bob, { ...lighthouse, title: "Bob's Book" });

    const titles = (await listLibrary(t.db, ada)).map((b) => b.id);
    expect(titles.slice(0, 2)).toEqual([second.id, first.id]);
    expect((await listLibrary(t.db, ada)).every((b) => b.ownerId === ada.id)).toBe(true);
  });

  it("renames the owner's book", async () => {
    const book = await createBook(t.db, ada, lighthouse);
    const renamed = await renameBook(t.db, ada, book.id, "Letters from Tomorrow");
    expect(renamed.title).toBe("Letters from Tomorrow");
    expect((await openBook(t.db, ada, book.id)).title).toBe("Letters from Tomorrow");
  });

  it("changes the premise, genre and sizes of the owner's book; another user's is not found and unchanged; bad sizes are refused", async () => {
    const book = await createBook(t.db, ada, lighthouse);
    const details = { bookId: book.id, premise: "Tobias finds the letters instead.", genre: "Mystery", audience: "Young adult", tone: "Tense", chapterCount: 20, wordsPerChapter: 1800 };
    const changed = await updateBookDetails(t.db, ada, bookDetailsSchema.parse(details));
    expect(changed).toMatchObject({ premise: details.premise, genre: "Mystery", audience: "Young adult", tone: "Tense", chapterCount: 20, wordsPerChapter: 1800, title: lighthouse.title });
    await expectCode(updateBookDetails(t.db, bob, { ...details, premise: "Stolen" }), "not_found:book");
    expect((await openBook(t.db, ada, book.id)).premise).toBe(details.premise);
    const refused = bookDetailsSchema.safeParse({ ...details, chapterCount: 0, wordsPerChapter: 50_000, premise: "  " });
    expect(refused.success).toBe(false);
    expect(Object.keys(refused.error!.flatten().fieldErrors).sort()).toEqual(["chapterCount", "premise", "wordsPerChapter"]);
  });

  it("refuses another user's book as not found and changes nothing", async () => {
    const book = await createBook(t.db, ada, lighthouse);
    await expectCode(openBook(t.db, bob, book.id), "not_found:book");
    await expectCode(renameBook(t.db, bob, book.id, "Stolen"), "not_found:book");
    await expectCode(removeBook(t.db, bob, book.id), "not_found:book");
    const still = await selectOwnedBook(t.db, ada.id, book.id);
    expect(still?.title).toBe(lighthouse.title);
  });

  it("deletes the owner's book", async () => {
    const book = await createBook(t.db, ada, lighthouse);
    await removeBook(t.db, ada, book.id);
    await expectCode(openBook(t.db, ada, book.id), "not_found:book");
  });

  it("reports a missing book as not found", async () => {
    await expectCode(renameBook(t.db, ada, "bk_doesnotexist0000", "x"), "not_found:book");
  });
});

describe("book input limits", () => {
  it("rejects an oversized premise, a negative chapter count and too few words", () => {
    const result = newBookSchema.safeParse({
      ...lighthouse,
      premise: "x".repeat(5_001),
      chapterCount: -1,
      wordsPerChapter: 10,
    });
    expect(result.success).toBe(false);
    const fields = result.error!.flatten().fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(["chapterCount", "premise", "wordsPerChapter"]);
  });

  it("trims text and coerces numbers from form strings", () => {
    const parsed = newBookSchema.parse({ ...lighthouse, title: "  Spaced  ", chapterCount: "7" });
    expect(parsed.title).toBe("Spaced");
    expect(parsed.chapterCount).toBe(7);
  });
});
