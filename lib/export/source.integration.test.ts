import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { strFromU8 } from "fflate";
import { chaptersTable, newId } from "@/db/schema";
import { signUp } from "@/test/accounts";
import { createBook, type Caller } from "@/lib/books/library";
import { AppError } from "@/lib/errors";
import { uploadCover } from "@/lib/covers/service";
import { gradientPng } from "@/lib/covers/testing/images";
import { openTestPlatform, type TestPlatform } from "@/lib/covers/testing/platform";
import { epubStream } from "./epub";
import { openExport } from "./source";
import { readAll, unzip } from "./testing/read-back";

let t: TestPlatform;
let ada: Caller;
let bob: Caller;

beforeAll(async () => {
  t = await openTestPlatform();
  ada = await signUp(t.db, "Ada");
  bob = await signUp(t.db, "Bob");
});
afterAll(() => t?.dispose());

async function bookWithChapters(owner: Caller, count: number) {
  const book = await createBook(t.db, owner, { title: "Letters", premise: "A keeper finds letters.", genre: "Mystery", audience: "Adult", tone: "Dry", chapterCount: Math.max(1, count), wordsPerChapter: 1000 });
  // Inserted out of order: the export follows `position`, not insertion.
  for (const position of [...Array(count).keys()].reverse()) {
    await t.db.insert(chaptersTable).values({ id: newId("ch"), bookId: book.id, position, title: `Part ${position + 1}`, content: `Text of part ${position + 1}.`, status: "written" });
  }
  return book;
}

async function code(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).code;
}

describe("exporting a book from real D1 and R2", () => {
  it("reads the owner's chapters in order, with the author's name and the composed cover", async () => {
    const book = await bookWithChapters(ada, 3);
    const source = await openExport(t.db, t.bucket, ada, book.id);
    expect(source.book.author).toBe("Ada");
    expect(source.chapters.map((c) => c.title)).toEqual(["Part 1", "Part 2", "Part 3"]);
    const files = unzip(await readAll(epubStream(source)));
    expect(strFromU8(files["OEBPS/text/chapter-002.xhtml"]!)).toContain("<p>Text of part 2.</p>");
    expect(files["OEBPS/images/cover.svg"]).toBeDefined();
  });

  it("puts the stored cover into the EPUB", async () => {
    const book = await bookWithChapters(ada, 1);
    const png = new Uint8Array(gradientPng(400, 640));
    await uploadCover({ db: t.db, bucket: t.bucket }, ada, book.id, png);
    const files = unzip(await readAll(epubStream(await openExport(t.db, t.bucket, ada, book.id))));
    expect(files["OEBPS/images/cover.png"]).toEqual(png);
  });

  it("refuses another user's book as not found, and a book without chapters as a bad request", async () => {
    const book = await bookWithChapters(ada, 2);
    expect(await code(openExport(t.db, t.bucket, bob, book.id))).toBe("not_found:book");
    const empty = await bookWithChapters(ada, 0);
    expect(await code(openExport(t.db, t.bucket, ada, empty.id))).toBe("bad_request:export");
  });
});
