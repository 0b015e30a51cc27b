import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { chaptersTable, creditTransactionsTable } from "@/db/schema";
import { selectChapters } from "@/db/queries/chapters";
import { selectBalance } from "@/db/queries/credits";
import { createBook, type Caller } from "@/lib/books/library";
import { generateOutline } from "@/lib/books/outline";
import { createLlmService, loadLlmConfig, type LlmService } from "@/lib/llm";
import { FAST_ENV, upstreamEnv } from "@/lib/llm/testing/harness";
import { startUpstream, type Upstream } from "@/test/helpers/upstream/server";
import { suggestionRequestSchema, type SuggestionEvent, type SuggestionRequest } from "./kinds";
import { startSuggestion } from "./suggest";

let t: TestDatabase;
let demo: LlmService;
let up: Upstream;
let custom: LlmService;

beforeAll(async () => {
  t = await openTestDatabase();
  demo = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0" }));
  up = await startUpstream();
  // A real HTTP model (the fault-injecting upstream) serving suggestions, with no fallback to the demo.
  custom = createLlmService(loadLlmConfig({ ...FAST_ENV, ...upstreamEnv(up.url), OPENROUTER_API_KEY: "", LLM_ROUTES: '{"suggestion":{"noFallback":true},"grammar":{"noFallback":true}}' }));
});
afterAll(async () => {
  await up?.close();
  await t?.dispose();
});

async function chapterOf(caller: Caller) {
  const book = await createBook(t.db, caller, { title: "Letters", premise: "Maren keeps a lighthouse.", genre: "Fantasy", audience: "Adult", tone: "Warm", chapterCount: 2, wordsPerChapter: 300 });
  await generateOutline(t.db, demo, caller, book.id);
  const [chapter] = await selectChapters(t.db, book.id);
  await t.db.update(chaptersTable).set({ content: "Maren lit the lamp. Then, something moved on the rocks below." }).where(eq(chaptersTable.id, chapter!.id));
  return { bookId: book.id, chapterId: chapter!.id };
}

async function suggest(llm: LlmService, caller: Caller, request: SuggestionRequest) {
  const events = await startSuggestion({ db: t.db, llm, limitPerMinute: 100 }, caller, suggestionRequestSchema.parse(request));
  const all: SuggestionEvent[] = [];
  for await (const e of events) all.push(e);
  return { text: all.flatMap((e) => (e.type === "token" ? [e.text] : [])).join(""), last: all[all.length - 1]! };
}

/** An OpenAI-compatible stream that stops at the token limit, as real servers send it. */
function lengthCutStream(pieces: string[]): string {
  const chunk = (delta: Record<string, unknown>, finish: string | null, usage?: Record<string, number>) =>
    `data: ${JSON.stringify({ id: "chatcmpl-cut", object: "chat.completion.chunk", created: 1, model: "custom-m", choices: usage ? [] : [{ index: 0, delta, logprobs: null, finish_reason: finish }], ...(usage ? { usage } : {}) })}\n\n`;
  return [
    chunk({ role: "assistant", content: "" }, null),
    ...pieces.map((p) => chunk({ content: p }, null)),
    chunk({}, "length"),
    chunk({}, null, { prompt_tokens: 120, completion_tokens: 24, total_tokens: 144 }),
    "data: [DONE]\n\n",
  ].join("");
}

async function chargesOf(userId: string) {
  return (await t.db.select().from(creditTransactionsTable).where(eq(creditTransactionsTable.userId, userId))).filter((r) => r.type !== "SIGNUP_GRANT");
}

describe("suggestions that cannot be used cost nothing", () => {
  it("an answer equal to the selection is 'unchanged' and its reservation is given back in full", async () => {
    const ada = await signUp(t.db, "Ada");
    const ids = await chapterOf(ada);
    const before = await selectBalance(t.db, ada.id);
    const { text, last } = await suggest(demo, ada, { ...ids, kind: "grammar", selection: "Maren lit the lamp." });
    expect(text).toBe("Maren lit the lamp.");
    expect(last).toMatchObject({ type: "done", outcome: "unchanged", credits: 0 });
    expect(await selectBalance(t.db, ada.id)).toBe(before);
    // A change is still charged.
    const fixed = await suggest(demo, ada, { ...ids, kind: "grammar", selection: "Maren lit teh lamp." });
    expect(fixed.last).toMatchObject({ type: "done", outcome: "changed" });
    expect(fixed.last.type === "done" && fixed.last.credits).toBeGreaterThan(0);
    expect(await selectBalance(t.db, ada.id)).toBeLessThan(before);
  });

  it("a rewrite cut off at the token limit (finish_reason length, over real HTTP) is shown as cut off, not offered, and free", async () => {
    const bea = await signUp(t.db, "Bea");
    const ids = await chapterOf(bea);
    const before = await selectBalance(t.db, bea.id);
    up.queueRaw({ headers: { "content-type": "text/event-stream" }, body: lengthCutStream(["Maren lit", " the lamp.", " Then, somet"]) });
    const { text, last } = await suggest(custom, bea, { ...ids, kind: "improve", selection: "Maren lit the lamp. Then, something moved on the rocks below." });
    expect(up.requests.at(-1)?.path).toBe("/v1/chat/completions");
    expect(text).toBe("Maren lit the lamp. Then, somet");
    expect(last).toMatchObject({ type: "done", outcome: "cut_off", cutOff: true, credits: 0 });
    expect(await selectBalance(t.db, bea.id)).toBe(before);
    expect((await chargesOf(bea.id)).map((r) => r.description).join("\n")).toMatch(/cut off, not charged/);
  });

  it("a continuation cut off at the token limit is offered up to its last full sentence, and charged", async () => {
    const cy = await signUp(t.db, "Cy");
    const ids = await chapterOf(cy);
    const before = await selectBalance(t.db, cy.id);
    up.queueRaw({ headers: { "content-type": "text/event-stream" }, body: lengthCutStream(["The tide", " turned.", " Somewhere below, a"]) });
    const { last } = await suggest(custom, cy, { ...ids, kind: "continue", selection: "", before: "Maren lit the lamp." });
    expect(last).toMatchObject({ type: "done", outcome: "changed", cutOff: true });
    expect(await selectBalance(t.db, cy.id)).toBeLessThan(before);
  });
});
