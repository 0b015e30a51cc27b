import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/test/d1";
import { signUp } from "@/test/accounts";
import { bookWithOutline } from "@/test/books";
import { selectBible, updateBibleEntry } from "@/db/queries/bible";
import { selectChapters } from "@/db/queries/chapters";
import { selectBalance } from "@/db/queries/credits";
import { AppError } from "@/lib/errors";
import { createLlmService, loadLlmConfig, type ChatMessage, type LlmService, type UsageEvent } from "@/lib/llm";
import { creditsForAttempt } from "@/lib/credits/prices";
import { runJob, type RunnerDeps } from "@/lib/jobs/runner";
import { startChapterJob } from "@/lib/jobs/start";
import type { Caller } from "./library";
import type { QualityChecks } from "./quality";
import { acceptBibleProposal, dismissBibleProposal, listBibleProposals, proposeFromChapter } from "./bible-proposals";
import { saveChapterByHand } from "./chapters";

let t: TestDatabase;
let llm: LlmService;
/** Every chapter prompt the writer sent, in order. */
const chapterPrompts: ChatMessage[][] = [];
/** Usage events passed to a charge's meter, by kind of call. */
const usage: { kind: string; jobId?: string; credits: number }[] = [];

beforeAll(async () => {
  t = await openTestDatabase();
  const demo = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0" }));
  // The demo service, watched: chapter prompts, and every usage event each kind of call reports to its charge.
  const metered = <R extends { onUsage?: (e: UsageEvent) => void; jobId?: string }>(kind: string, req: R): R => ({
    ...req,
    onUsage: req.onUsage && ((e: UsageEvent) => (usage.push({ kind, jobId: req.jobId, credits: creditsForAttempt(e) }), req.onUsage!(e))),
  });
  llm = {
    ...demo,
    streamText: (req) => {
      if (req.task === "chapter") chapterPrompts.push(req.messages);
      return demo.streamText(metered("chapter", req));
    },
    generateText: (req) => demo.generateText(metered("text", req)),
    generateObject: (req) => demo.generateObject(metered(req.schemaName ?? "object", req)),
    // The written chapter's passages are embedded for recall under their own charge.
    embed: (req) => demo.embed(metered("embedding", req)),
  };
});
afterAll(() => t?.dispose());

const deps = (): RunnerDeps => ({ db: t.db, llm, now: Date.now, checkpointMs: 25, contextWindow: 32_000, staleMs: 30_000, nextStep: async () => undefined });

/** Writes one chapter through a real job, as the Write button does. */
async function writeChapter(caller: Caller, bookId: string, index: number): Promise<ChatMessage[]> {
  const chapter = (await selectChapters(t.db, bookId))[index]!;
  const job = await startChapterJob(t.db, caller, { bookId, chapterId: chapter.id, mode: "write" }, 32_000);
  const before = chapterPrompts.length;
  expect(await runJob(deps(), job.id)).toBe("finished");
  expect(chapterPrompts.length).toBe(before + 1);
  return chapterPrompts[chapterPrompts.length - 1]!;
}

/** The "Story bible:" section of a chapter prompt: where bible entries reach the model. */
function bibleSection(messages: ChatMessage[]): string {
  const user = messages.find((m) => m.role === "user")!.content;
  return /Story bible:\n([\s\S]*?)(?:\n\n|$)/.exec(user)?.[1] ?? "";
}

const code = (p: Promise<unknown>) => p.then(() => "ok", (err: unknown) => (err instanceof AppError ? err.code : String(err)));

describe("the story bible learns from each chapter, through the author (real D1, demo model)", { timeout: 120_000 }, () => {
  it("a fact introduced in chapter 2 is proposed, accepted, and then in chapter 9's prompt; a dismissed one never is", async () => {
    const ada = await signUp(t.db, "Ada");
    const book = await bookWithOutline(t.db, llm, ada, 9);
    const bibleBefore = await selectBible(t.db, book.id);

    await writeChapter(ada, book.id, 1);
    const chapter2 = (await selectChapters(t.db, book.id))[1]!;
    const proposals = await listBibleProposals(t.db, ada, book.id);
    const facts = proposals.filter((p) => p.kind === "fact");
    expect(facts.length).toBeGreaterThanOrEqual(2);
    for (const p of proposals) {
      expect(p.chapterNumber).toBe(2);
      // The evidence is the chapter's own sentence, word for word.
      expect(chapter2.content.replace(/\s+/g, " ")).toContain(p.evidence);
    }
    const [accepted, dismissed] = facts as [(typeof facts)[0], (typeof facts)[0]];
    expect(accepted.body).not.toBe(dismissed.body);
    for (const e of bibleBefore) expect(e.body).not.toContain(accepted.body);
    // Proposed is not applied: the bible is unchanged until the author decides.
    expect((await selectBible(t.db, book.id)).map((e) => e.body)).toEqual(bibleBefore.map((e) => e.body));

    await acceptBibleProposal(t.db, ada, { bookId: book.id, proposalId: accepted.id });
    await dismissBibleProposal(t.db, ada, { bookId: book.id, proposalId: dismissed.id });
    const entry = (await selectBible(t.db, book.id)).find((e) => e.name === accepted.name)!;
    expect(entry.body).toContain(accepted.body);
    expect((await selectBible(t.db, book.id)).some((e) => e.body.includes(dismissed.body))).toBe(false);
    const open = await listBibleProposals(t.db, ada, book.id);
    expect(open.map((p) => p.id)).not.toContain(accepted.id);
    expect(open.map((p) => p.id)).not.toContain(dismissed.id);
    // Deciding twice changes the bible once.
    expect(await code(acceptBibleProposal(t.db, ada, { bookId: book.id, proposalId: accepted.id }))).toBe("conflict:bible");
    expect((await selectBible(t.db, book.id)).find((e) => e.id === entry.id)!.body).toBe(entry.body);

    const prompt9 = bibleSection(await writeChapter(ada, book.id, 8));
    expect(prompt9).toContain(accepted.body);
    expect(prompt9).not.toContain(dismissed.body);
  });

  it("an edited proposal goes into the bible as the author wrote it, and a new entry becomes an entry", async () => {
    const cy = await signUp(t.db, "Cy");
    const book = await bookWithOutline(t.db, llm, cy, 2);
    const [first] = await selectChapters(t.db, book.id);
    // A chapter written by hand, naming someone the bible does not know.
    await saveChapterByHand(t.db, cy, { bookId: book.id, chapterId: first!.id, content: "Maren climbed the stairs at dawn. She found Odile Marchetti asleep beside the lamp, a pistol in her lap.", expectedVersion: first!.version });
    const before = await selectBalance(t.db, cy.id);
    expect(await proposeFromChapter(t.db, llm, cy, { bookId: book.id, chapterId: first!.id })).toMatchObject({ conflicts: 0 });
    expect(await selectBalance(t.db, cy.id)).toBeLessThan(before);
    const newcomer = (await listBibleProposals(t.db, cy, book.id)).find((p) => p.kind === "new_entry" && p.name === "Odile Marchetti");
    expect(newcomer).toMatchObject({ entryKind: "character", evidence: "She found Odile Marchetti asleep beside the lamp, a pistol in her lap." });
    await acceptBibleProposal(t.db, cy, { bookId: book.id, proposalId: newcomer!.id, name: "Odile", body: "A smuggler who sleeps armed." });
    expect((await selectBible(t.db, book.id)).find((e) => e.name === "Odile")).toMatchObject({ kind: "character", body: "A smuggler who sleeps armed." });
  });

  it("a chapter that contradicts an accepted entry is flagged in its quality checks and proposed", async () => {
    const dee = await signUp(t.db, "Dee");
    const book = await bookWithOutline(t.db, llm, dee, 2);
    const maren = (await selectBible(t.db, book.id)).find((e) => e.name.startsWith("Maren"))!;
    await updateBibleEntry(t.db, book.id, maren.id, { kind: maren.kind, name: maren.name, aliases: maren.aliases, body: "Keeper of the light. Maren has grey eyes." });
    const [first] = await selectChapters(t.db, book.id);
    const sentence = "Maren turned, and the lamp caught her blue eyes.";
    await saveChapterByHand(t.db, dee, { bookId: book.id, chapterId: first!.id, content: `The storm came in at night. ${sentence}`, expectedVersion: first!.version });
    expect(await proposeFromChapter(t.db, llm, dee, { bookId: book.id, chapterId: first!.id })).toMatchObject({ conflicts: 1 });

    const checks = (await selectChapters(t.db, book.id))[0]!.qualityChecks as QualityChecks;
    expect(checks.bibleConflicts).toEqual([{ entry: maren.name, evidence: sentence, bibleSays: `${maren.name} has grey eyes.` }]);
    const contradiction = (await listBibleProposals(t.db, dee, book.id)).find((p) => p.kind === "contradiction");
    expect(contradiction).toMatchObject({ name: maren.name, evidence: sentence, body: `${maren.name} has blue eyes.` });
  });

  it("the proposal call is part of the chapter's charge: the author pays chapter, summary and proposals, once", async () => {
    const eve = await signUp(t.db, "Eve");
    const book = await bookWithOutline(t.db, llm, eve, 1);
    const chapter = (await selectChapters(t.db, book.id))[0]!;
    const before = await selectBalance(t.db, eve.id);
    const job = await startChapterJob(t.db, eve, { bookId: book.id, chapterId: chapter.id, mode: "write" }, 32_000);
    expect(await runJob(deps(), job.id)).toBe("finished");
    const metered = usage.filter((u) => u.jobId === job.id);
    expect(metered.map((u) => u.kind).sort()).toEqual(["bible_updates", "chapter", "embedding", "text"]);
    expect(metered.find((u) => u.kind === "bible_updates")!.credits).toBeGreaterThan(0);
    expect(before - (await selectBalance(t.db, eve.id))).toBe(metered.reduce((n, u) => n + u.credits, 0));
  });

  it("bad requests are refused with a clear code and change nothing", async () => {
    const hal = await signUp(t.db, "Hal");
    const book = await bookWithOutline(t.db, llm, hal, 2);
    const [first, second] = await selectChapters(t.db, book.id);
    const before = await selectBalance(t.db, hal.id);
    // A chapter with no text has nothing to propose, and is not charged for it.
    expect(await code(proposeFromChapter(t.db, llm, hal, { bookId: book.id, chapterId: second!.id }))).toBe("bad_request:chapter");
    expect(await selectBalance(t.db, hal.id)).toBe(before);

    await saveChapterByHand(t.db, hal, { bookId: book.id, chapterId: first!.id, content: "Maren kept the seventh letter folded inside her glove all winter long.", expectedVersion: first!.version });
    await proposeFromChapter(t.db, llm, hal, { bookId: book.id, chapterId: first!.id });
    const fact = (await listBibleProposals(t.db, hal, book.id)).find((p) => p.kind === "fact")!;
    const entry = (await selectBible(t.db, book.id)).find((e) => e.name === fact.name)!;
    // An entry the fact would push past its limit is refused whole: the bible and the proposal stay as they were.
    await updateBibleEntry(t.db, book.id, entry.id, { kind: entry.kind, name: entry.name, aliases: entry.aliases, body: "x".repeat(1_990) });
    expect(await code(acceptBibleProposal(t.db, hal, { bookId: book.id, proposalId: fact.id }))).toBe("conflict:bible");
    expect((await selectBible(t.db, book.id)).find((e) => e.id === entry.id)!.body).toBe("x".repeat(1_990));
    expect((await listBibleProposals(t.db, hal, book.id)).map((p) => p.id)).toContain(fact.id);
  });

  it("another author can neither see, accept, dismiss nor request proposals of a book that is not theirs", async () => {
    const fay = await signUp(t.db, "Fay");
    const gus = await signUp(t.db, "Gus");
    const book = await bookWithOutline(t.db, llm, fay, 2);
    await writeChapter(fay, book.id, 0);
    const [proposal] = await listBibleProposals(t.db, fay, book.id);
    expect(proposal).toBeDefined();
    const gusBook = await bookWithOutline(t.db, llm, gus, 1);
    const chapterId = (await selectChapters(t.db, book.id))[0]!.id;

    expect(await code(listBibleProposals(t.db, gus, book.id))).toBe("not_found:book");
    expect(await code(acceptBibleProposal(t.db, gus, { bookId: book.id, proposalId: proposal!.id }))).toBe("not_found:book");
    expect(await code(dismissBibleProposal(t.db, gus, { bookId: book.id, proposalId: proposal!.id }))).toBe("not_found:book");
    expect(await code(proposeFromChapter(t.db, llm, gus, { bookId: book.id, chapterId }))).toBe("not_found:book");
    // Fay's proposal named under Gus's own book is still not his.
    expect(await code(acceptBibleProposal(t.db, gus, { bookId: gusBook.id, proposalId: proposal!.id }))).toBe("not_found:bible");
    expect(await code(dismissBibleProposal(t.db, gus, { bookId: gusBook.id, proposalId: proposal!.id }))).toBe("not_found:bible");
    expect((await listBibleProposals(t.db, fay, book.id)).map((p) => p.id)).toContain(proposal!.id);
  });
});
