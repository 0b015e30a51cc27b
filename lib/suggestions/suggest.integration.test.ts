import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { chaptersTable, creditTransactionsTable, suggestionEventsTable } from "@/db/schema";
import { selectChapters } from "@/db/queries/chapters";
import { selectBalance } from "@/db/queries/credits";
import { createBook, type Caller } from "@/lib/books/library";
import { generateOutline } from "@/lib/books/outline";
import { AppError } from "@/lib/errors";
import { createLlmService, loadLlmConfig, type LlmService } from "@/lib/llm";
import { checkChapter } from "./check";
import { recordSuggestionOutcome } from "./events";
import { suggestionRequestSchema, type SuggestionEvent, type SuggestionRequest } from "./kinds";
import { startSuggestion } from "./suggest";
import { startEarlyInAMinute } from "@/test/rate-window";

let t: TestDatabase;
let llm: LlmService;

beforeAll(async () => {
  t = await openTestDatabase();
  llm = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0" }));
});
afterAll(() => t?.dispose());

async function chapterOf(caller: Caller) {
  const book = await createBook(t.db, caller, { title: "Letters", premise: "Maren keeps a lighthouse.", genre: "Fantasy", audience: "Adult", tone: "Warm", chapterCount: 2, wordsPerChapter: 300 });
  await generateOutline(t.db, llm, caller, book.id);
  const [chapter] = await selectChapters(t.db, book.id);
  await t.db.update(chaptersTable).set({ content: "i saw teh cat. it was was big." }).where(eq(chaptersTable.id, chapter!.id));
  return { bookId: book.id, chapterId: chapter!.id };
}

async function suggest(caller: Caller, request: SuggestionRequest, over: { llm?: LlmService; limit?: number } = {}) {
  const events = await startSuggestion({ db: t.db, llm: over.llm ?? llm, limitPerMinute: over.limit ?? 100 }, caller, suggestionRequestSchema.parse(request));
  const all: SuggestionEvent[] = [];
  for await (const e of events) all.push(e);
  const text = all.flatMap((e) => (e.type === "token" ? [e.text] : [])).join("");
  return { text, last: all[all.length - 1]! };
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("suggestions on real D1", () => {
  it("streams a grammar fix, charges for it, and answers the same request again from the cache for nothing", async () => {
    const ada = await signUp(t.db, "Ada");
    const ids = await chapterOf(ada);
    const before = await selectBalance(t.db, ada.id);
    const request: SuggestionRequest = { ...ids, kind: "grammar", selection: "i saw teh cat. it was was big." };

    const first = await suggest(ada, request);
    expect(first.text).toBe("I saw the cat. It was big.");
    expect(first.last).toMatchObject({ type: "done", cached: false });
    const charged = first.last.type === "done" ? first.last.credits : -1;
    expect(charged).toBeGreaterThan(0);
    const afterFirst = await selectBalance(t.db, ada.id);
    expect(afterFirst).toBe(before - charged);

    const again = await suggest(ada, request);
    expect(again.text).toBe(first.text);
    expect(again.last).toMatchObject({ type: "done", cached: true, credits: 0 });
    expect(await selectBalance(t.db, ada.id)).toBe(afterFirst);

    // Try again is a new candidate: not from the cache, and charged.
    const retry = await suggest(ada, { ...request, attempt: 2 });
    expect(retry.last).toMatchObject({ type: "done", cached: false });
    expect(await selectBalance(t.db, ada.id)).toBeLessThan(afterFirst);
  });

  it("refuses another user's chapter as not found, without charging or counting anything for them", async () => {
    const ada = await signUp(t.db, "Ada");
    const bob = await signUp(t.db, "Bob");
    const ids = await chapterOf(ada);
    const bobBefore = await selectBalance(t.db, bob.id);
    const err = await refusal(startSuggestion({ db: t.db, llm, limitPerMinute: 100 }, bob, suggestionRequestSchema.parse({ ...ids, kind: "improve", selection: "it was was big." })));
    expect(err.code).toBe("not_found:book");
    expect(await selectBalance(t.db, bob.id)).toBe(bobBefore);
    const rows = await t.db.select().from(creditTransactionsTable).where(eq(creditTransactionsTable.userId, bob.id));
    expect(rows.map((r) => r.type)).toEqual(["SIGNUP_GRANT"]);
  });

  it("allows N suggestions a minute and refuses the next one with how long to wait", { timeout: 60_000 }, async () => {
    const cy = await signUp(t.db, "Cy");
    const ids = await chapterOf(cy);
    await startEarlyInAMinute();
    for (let i = 0; i < 3; i++) {
      const { last } = await suggest(cy, { ...ids, kind: "shorter", selection: `Attempt ${i}: it was very very big.` }, { limit: 3 });
      expect(last.type).toBe("done");
    }
    const balance = await selectBalance(t.db, cy.id);
    const err = await refusal(startSuggestion({ db: t.db, llm, limitPerMinute: 3 }, cy, suggestionRequestSchema.parse({ ...ids, kind: "shorter", selection: "One more." })));
    expect(err.code).toBe("rate_limit:suggestion");
    expect(err.details?.retryAfterSeconds).toBeGreaterThan(0);
    expect(await selectBalance(t.db, cy.id)).toBe(balance);
  });

  it("says plainly that the model is unavailable and gives the reserved credits back", async () => {
    const dee = await signUp(t.db, "Dee");
    const ids = await chapterOf(dee);
    const before = await selectBalance(t.db, dee.id);
    const down = createLlmService(
      loadLlmConfig({ CUSTOM_LLM_BASE_URL: "http://127.0.0.1:9/v1", CUSTOM_LLM_MODEL: "down", LLM_MAX_RETRIES: "0", LLM_CONNECT_TIMEOUT_MS: "500", LLM_ROUTES: '{"suggestion":{"noFallback":true}}' }),
    );
    const { text, last } = await suggest(dee, { ...ids, kind: "improve", selection: "it was big." }, { llm: down });
    expect(text).toBe("");
    expect(last).toMatchObject({ type: "error", code: "unavailable:model" });
    expect(await selectBalance(t.db, dee.id)).toBe(before);
  });

  it("records accept and reject per model from the server's own record of the offer", async () => {
    const eve = await signUp(t.db, "Eve");
    const mal = await signUp(t.db, "Mal");
    const ids = await chapterOf(eve);
    const { last } = await suggest(eve, { ...ids, kind: "grammar", selection: "teh end" });
    if (last.type !== "done") throw new Error("no suggestion");
    await recordSuggestionOutcome(t.db, eve, { ...ids, suggestionId: last.suggestionId, action: "accept" });
    const err = await refusal(recordSuggestionOutcome(t.db, mal, { ...ids, suggestionId: last.suggestionId, action: "reject" }));
    expect(err.code).toBe("not_found:book");
    // Later the writer changes the accepted words: recorded as an edit of that suggestion, same model.
    await recordSuggestionOutcome(t.db, eve, { ...ids, suggestionId: last.suggestionId, action: "edit", original: "The end", suggestion: "The very end" });
    const rows = await t.db.select().from(suggestionEventsTable).where(eq(suggestionEventsTable.chapterId, ids.chapterId));
    expect(rows.map((r) => r.action).sort()).toEqual(["accept", "edit", "offered"]);
    const accept = rows.find((r) => r.action === "accept")!;
    expect(accept).toMatchObject({ userId: eve.id, model: "demo:quire-demo", instruction: "grammar", original: "teh end", suggestion: "The end" });
    expect(rows.find((r) => r.action === "edit")).toMatchObject({ model: "demo:quire-demo", original: "The end", suggestion: "The very end" });
  });

  it("records each kind of outcome once per suggestion, however often it is sent", async () => {
    const gus = await signUp(t.db, "Gus");
    const ids = await chapterOf(gus);
    const { last } = await suggest(gus, { ...ids, kind: "grammar", selection: "teh start" });
    if (last.type !== "done") throw new Error("no suggestion");
    const outcome = { ...ids, suggestionId: last.suggestionId };
    for (let i = 0; i < 5; i++) await recordSuggestionOutcome(t.db, gus, { ...outcome, action: "accept" });
    await Promise.all([1, 2, 3].map(() => recordSuggestionOutcome(t.db, gus, { ...outcome, action: "accept" })));
    await recordSuggestionOutcome(t.db, gus, { ...outcome, action: "edit", original: "The start", suggestion: "The very start" });
    await recordSuggestionOutcome(t.db, gus, { ...outcome, action: "edit", original: "The very start", suggestion: "The very first start" });
    const rows = await t.db.select().from(suggestionEventsTable).where(eq(suggestionEventsTable.chapterId, ids.chapterId));
    expect(rows.filter((r) => r.action === "accept")).toHaveLength(1);
    // An edit keeps what was accepted and takes the writer's latest words.
    expect(rows.filter((r) => r.action === "edit")).toEqual([expect.objectContaining({ original: "The start", suggestion: "The very first start" })]);
    // A second suggestion of the same chapter is its own: its accept is recorded.
    const second = await suggest(gus, { ...ids, kind: "grammar", selection: "teh middle" });
    if (second.last.type !== "done") throw new Error("no suggestion");
    await recordSuggestionOutcome(t.db, gus, { ...ids, suggestionId: second.last.suggestionId, action: "accept" });
    const after = await t.db.select().from(suggestionEventsTable).where(eq(suggestionEventsTable.chapterId, ids.chapterId));
    expect(after.filter((r) => r.action === "accept")).toHaveLength(2);
  });

  it("checks a chapter into findings that point at the words to change, with a reason each", async () => {
    const fay = await signUp(t.db, "Fay");
    const ids = await chapterOf(fay);
    const blocks = ["i saw teh cat.", "It was was big.", "All is well here."];
    const result = await checkChapter({ db: t.db, llm, limitPerMinute: 100 }, fay, { ...ids, blocks });
    expect(result.findings.map((f) => [f.block, blocks[f.block]!.slice(f.from, f.to), f.replacement, f.reason])).toEqual([
      [0, "i", "I", "Capital letter"],
      [0, "teh", "the", "Spelling"],
      [1, "was ", "", "Repeated or extra word"],
    ]);
    const again = await checkChapter({ db: t.db, llm, limitPerMinute: 100 }, fay, { ...ids, blocks });
    expect(again).toMatchObject({ cached: true, credits: 0 });
  });
});
