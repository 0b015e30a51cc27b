import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { booksTable, llmCallsTable } from "@/db/schema";
import { selectOwnedBook } from "@/db/queries/books";
import { selectBalance } from "@/db/queries/credits";
import { signUp } from "@/test/accounts";
import { startUpstream, type Upstream } from "@/test/helpers/upstream/server";
import { createBook, type Caller } from "@/lib/books/library";
import { createLlmService, loadLlmConfig, type LlmService } from "@/lib/llm";
import { AppError } from "@/lib/errors";
import { parseXml } from "@/lib/export/testing/read-back";
import { createUsageSink } from "@/lib/usage/sink";
import { generateCover, uploadCover, type CoverDeps } from "./service";
import { readCover, replaceCover } from "./store";
import { gradientPng } from "./testing/images";
import { typographicCover } from "./typographic";
import { openTestPlatform, type TestPlatform } from "./testing/platform";

let t: TestPlatform;
let up: Upstream;
let llm: LlmService;
let painting: LlmService;
let ada: Caller;
let bob: Caller;

beforeAll(async () => {
  t = await openTestPlatform();
  up = await startUpstream();
  llm = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0" }));
  // Text from the demo model, pictures from an OpenAI-compatible images server (the fault-injecting
  // upstream); every attempt lands in llm_calls through the app's usage sink on real D1.
  painting = createLlmService(
    loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0", OPENAI_IMAGE_MODEL: "sdxl", OPENAI_IMAGE_BASE_URL: `${up.url}/v1`, OPENAI_IMAGE_API_KEY: "sk-test", OPENAI_IMAGE_PRICE_USD: "0.04", LLM_RETRY_BASE_MS: "1", LLM_RETRY_MAX_MS: "5" }),
    { sink: createUsageSink(t.db), priceRefresher: null },
  );
  ada = await signUp(t.db, "Ada");
  bob = await signUp(t.db, "Bob");
});
afterAll(async () => {
  await up?.close();
  await t?.dispose();
});
beforeEach(() => up.reset());

const offline = (): CoverDeps => ({ db: t.db, bucket: t.bucket, llm });
const painted = (): CoverDeps => ({ db: t.db, bucket: t.bucket, llm: painting });

/** The image attempts recorded for a book, oldest first. */
async function imageCalls(bookId: string) {
  const rows = await t.db.select().from(llmCallsTable).where(and(eq(llmCallsTable.bookId, bookId), eq(llmCallsTable.task, "cover-image")));
  return rows.sort((a, b) => a.attempt - b.attempt);
}

async function newBook(owner: Caller, title = "The Keeper's <Letters>") {
  return createBook(t.db, owner, { title, premise: "A keeper finds letters dated a century ahead.", genre: "Fantasy", audience: "Adult", tone: "Wistful", chapterCount: 3, wordsPerChapter: 1000 });
}

async function code(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return (err as AppError).code;
}

/** The words on a cover, line by line, as a reader would see them. */
function coverText(bytes: Uint8Array): string {
  const doc = parseXml(bytes, "cover.svg");
  return Array.from(doc.getElementsByTagName("tspan")).map((t) => t.textContent).join(" ");
}

async function objectKeys(bookId: string): Promise<string[]> {
  return (await t.bucket.list({ prefix: `covers/${bookId}/` })).objects.map((o) => o.key);
}

describe("covers on real D1 and R2", () => {
  it("offline, generates a typographic cover: the object is in R2 and the book points at it", async () => {
    const book = await newBook(ada);
    const result = await generateCover(offline(), ada, book.id);
    expect(result.origin).toBe("typographic");
    const row = await selectOwnedBook(t.db, ada.id, book.id);
    expect(row?.coverKey).toBe(result.coverKey);
    const stored = await readCover(t.bucket, result.coverKey);
    expect(stored).toMatchObject({ mediaType: "image/svg+xml", origin: "typographic" });
    expect(coverText(stored!.bytes)).toContain("The Keeper's <Letters>");
  });

  it("regenerates a different design and removes the one it replaced", async () => {
    const book = await newBook(ada);
    const first = await generateCover(offline(), ada, book.id);
    const second = await generateCover(offline(), ada, book.id);
    expect(second.coverKey).not.toBe(first.coverKey);
    expect(await objectKeys(book.id)).toEqual([second.coverKey]);
    const svg = new TextDecoder().decode((await readCover(t.bucket, second.coverKey))!.bytes);
    expect(svg).not.toBe(typographicCover({ bookId: book.id, title: book.title, author: "Ada", genre: book.genre }));
  });

  it("with an image model, paints the art, sets the title over it and charges the brief and the image", async () => {
    const book = await newBook(ada);
    const before = await selectBalance(t.db, ada.id);
    const result = await generateCover(painted(), ada, book.id);
    expect(result).toMatchObject({ origin: "painted" });
    const bytes = (await readCover(t.bucket, result.coverKey))!.bytes;
    expect(new TextDecoder().decode(bytes)).toContain('href="data:image/png;base64,');
    expect(coverText(bytes)).toContain("The Keeper's <Letters>");
    expect(up.requests[0]!.path).toBe("/v1/images/generations");
    // The brief came from the LLM (the demo model here), not the raw premise.
    expect(String(up.requests[0]!.body.prompt).length).toBeGreaterThan(20);
    const spent = before - (await selectBalance(t.db, ada.id));
    // The image's flat price from the one price table (20), plus the brief's tokens.
    expect(spent).toBeGreaterThanOrEqual(21);
    // The picture went through the LLM service: one attempt in llm_calls, at the per-image price.
    expect(await imageCalls(book.id)).toMatchObject([{ targetId: "openai-image", model: "sdxl", outcome: "ok", costMicroUsd: 40_000, userId: ada.id }]);
  });

  it("falls back to a typographic cover when the image model fails, charging only for the brief", async () => {
    const book = await newBook(ada);
    up.setScenario("http-503");
    const before = await selectBalance(t.db, ada.id);
    const result = await generateCover(painted(), ada, book.id);
    expect(result).toMatchObject({ origin: "typographic", fallback: "unavailable" });
    expect((await readCover(t.bucket, result.coverKey))?.origin).toBe("typographic");
    const spent = before - (await selectBalance(t.db, ada.id));
    expect(spent).toBeGreaterThanOrEqual(0);
    expect(spent).toBeLessThan(20);
    // The first try and its two retries are on record, each costing nothing.
    const failed = { outcome: "error", errorCode: "unavailable", costMicroUsd: 0 };
    expect(await imageCalls(book.id)).toMatchObject([failed, failed, failed]);
  });

  it("stores an author's upload under its real type", async () => {
    const book = await newBook(ada);
    const png = new Uint8Array(gradientPng(400, 640));
    const result = await uploadCover({ db: t.db, bucket: t.bucket }, ada, book.id, png);
    const stored = await readCover(t.bucket, result.coverKey);
    expect(stored).toMatchObject({ mediaType: "image/png", origin: "upload" });
    expect(stored!.bytes).toEqual(png);
  });

  it("refuses a bad upload and leaves the cover as it was", async () => {
    const book = await newBook(ada);
    const first = await generateCover(offline(), ada, book.id);
    expect(await code(uploadCover({ db: t.db, bucket: t.bucket }, ada, book.id, new TextEncoder().encode("GIF89a not allowed")))).toBe("bad_request:cover");
    expect((await selectOwnedBook(t.db, ada.id, book.id))?.coverKey).toBe(first.coverKey);
    expect(await objectKeys(book.id)).toEqual([first.coverKey]);
  });

  it("refuses another user's book as not found and writes nothing", async () => {
    const book = await newBook(ada);
    expect(await code(generateCover(offline(), bob, book.id))).toBe("not_found:book");
    expect(await code(uploadCover({ db: t.db, bucket: t.bucket }, bob, book.id, new Uint8Array(gradientPng(400, 640))))).toBe("not_found:book");
    expect(await objectKeys(book.id)).toEqual([]);
    expect((await selectOwnedBook(t.db, ada.id, book.id))?.coverKey).toBeNull();
  });

  it("never leaves a half-written cover: a concurrent change is refused and the new object removed", async () => {
    const book = await newBook(ada);
    const first = await generateCover(offline(), ada, book.id);
    await t.db.update(booksTable).set({ coverKey: "covers/elsewhere.svg" }).where(eq(booksTable.id, book.id));
    const attempt = replaceCover(t.db, t.bucket, { ownerId: ada.id, bookId: book.id, previousKey: first.coverKey, asset: { bytes: new Uint8Array([1]), mediaType: "image/svg+xml" }, origin: "typographic" });
    expect(await code(attempt)).toBe("conflict:cover");
    expect(await objectKeys(book.id)).toEqual([first.coverKey]);
  });
});
