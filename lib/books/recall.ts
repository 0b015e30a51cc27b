// Recall of earlier passages: the job step that cuts a written chapter into passages and embeds them
// (charged like any model call), and the search that finds the passages most related to the next
// chapter's plan. Vectors live in D1 per book; the search is exact cosine over the book's passages in
// the worker (a few thousand vectors: milliseconds; docs/architecture.md says when a hosted index
// would take over).
import type { Db } from "@/db/client";
import { selectChapters, type Chapter } from "@/db/queries/chapters";
import { replaceChapterPassages, selectEmbeddedVersions, selectPassageTexts, selectPassageVectors } from "@/db/queries/passages";
import { charged } from "@/lib/credits/charge";
import { creditsForAttempt, worstCaseCredits } from "@/lib/credits/prices";
import { approximateTokens, EMBEDDING_TASK, isLlmError, MAX_EMBED_INPUTS, type LlmService, type UsageEvent } from "@/lib/llm";
import type { BibleEntryLike, ChapterLike, RecalledPassage } from "./context";
import { cutPassages, decodeVector, encodeVector, rankPassages, RECALL_CANDIDATES } from "./passages";

/** Earlier chapters without passages (written before recall, edited by hand, another model) embedded per step. */
export const BACKFILL_CHAPTERS = 3;

/** The model the embedding route asks first: passages are stored and searched under its name. */
export function embeddingModel(llm: LlmService): string | undefined {
  const first = llm.config.routes[EMBEDDING_TASK].targets[0]?.id;
  return llm.config.embeddingTargets.find((t) => t.id === first)?.model;
}

/** What a chapter is about, for the search: its plan and the bible entries the plan names. */
export function recallQuery(chapter: Pick<ChapterLike, "title" | "synopsis" | "beats">, bible: BibleEntryLike[]): string {
  const plan = [chapter.title, chapter.synopsis, ...chapter.beats].join("\n");
  const lower = plan.toLowerCase();
  const named = bible.filter((e) => e.kind !== "style_rule" && [e.name, ...e.aliases].some((n) => n && lower.includes(n.toLowerCase())));
  return [plan, ...named.map((e) => `${e.name}: ${e.body}`)].join("\n").slice(0, 8_000);
}

export type Recall = { passages: RecalledPassage[]; usage: UsageEvent[] };

/**
 * The passages of chapters before the previous one (whose ending the prompt carries already) most
 * related to this chapter's plan. The query's usage events are returned for the chapter's charge. A
 * model failure recalls nothing rather than stopping the chapter: recall is an aid, not a requirement.
 */
export async function recallPassages(input: {
  db: Db;
  llm: LlmService;
  bookId: string;
  chapters: Array<Pick<Chapter, "id" | "title" | "synopsis" | "beats">>;
  chapterIndex: number;
  bible: BibleEntryLike[];
  userId: string;
  jobId?: string;
}): Promise<Recall> {
  const { db, llm, bookId, chapters, chapterIndex } = input;
  const usage: UsageEvent[] = [];
  const eligible = new Map(chapters.slice(0, Math.max(0, chapterIndex - 1)).map((c, i) => [c.id, i]));
  const model = embeddingModel(llm);
  const chapter = chapters[chapterIndex];
  if (eligible.size === 0 || !model || !chapter) return { passages: [], usage };
  const stored = async (m: string) => (await selectPassageVectors(db, bookId, m)).filter((r) => eligible.has(r.chapterId));
  let rows = await stored(model);
  // Nothing embedded yet: no query is paid for.
  if (rows.length === 0) return { passages: [], usage };
  let query: Float32Array;
  try {
    const result = await llm.embed({ input: [recallQuery(chapter, input.bible)], user: { id: input.userId }, bookId, jobId: input.jobId, onUsage: (e) => usage.push(e) });
    // A fallback model answered: only passages of that model can be compared with its vector.
    if (result.model !== model) rows = await stored(result.model);
    query = result.vectors[0]!;
  } catch (err) {
    if (!isLlmError(err)) throw err;
    console.warn(`[quire] recall for book ${bookId} skipped: ${err.code} ${err.message}`);
    return { passages: [], usage };
  }
  const ranked = rankPassages(query, rows.map((r) => ({ ...r, vector: decodeVector(r.vector) })), RECALL_CANDIDATES);
  const texts = new Map((await selectPassageTexts(db, ranked.map((r) => r.id))).map((t) => [t.id, t.text]));
  const passages = ranked.flatMap((r) => {
    const text = texts.get(r.id);
    return text === undefined ? [] : [{ chapterIndex: eligible.get(r.chapterId)!, text, score: r.score }];
  });
  return { passages, usage };
}

/** Credits the recall's query is worth, for the chapter charge's reservation. */
export function recallCredits(recall: Recall): number {
  return recall.usage.reduce((n, e) => n + creditsForAttempt(e), 0);
}

type IndexJob = { id: string; userId: string; bookId: string | null; attempt: number };

/**
 * The job step after a chapter is written: its passages (and up to BACKFILL_CHAPTERS earlier
 * chapters whose passages are missing or stale) are cut, embedded and stored, under one charge.
 * Returns how many chapters and passages were stored.
 */
export async function indexPassages(deps: { db: Db; llm: LlmService }, job: IndexJob, chapterId: string): Promise<{ chapters: number; passages: number }> {
  const { db, llm } = deps;
  const bookId = job.bookId!;
  const model = embeddingModel(llm);
  if (!model) return { chapters: 0, passages: 0 };
  const [chapters, done] = await Promise.all([selectChapters(db, bookId), selectEmbeddedVersions(db, bookId, model)]);
  const stale = chapters.filter((c) => c.status === "written" && c.content.trim() !== "" && done.get(c.id) !== c.version);
  const due = [...stale.filter((c) => c.id === chapterId), ...stale.filter((c) => c.id !== chapterId).slice(0, BACKFILL_CHAPTERS)];
  if (due.length === 0) return { chapters: 0, passages: 0 };
  const cuts = due.map((c) => ({ chapter: c, passages: cutPassages(c.content) }));
  const estimate = cuts.reduce((n, cut) => n + batches(cut.passages).reduce((m, b) => m + worstCaseCredits({ task: EMBEDDING_TASK, promptTokens: b.reduce((t, p) => t + approximateTokens(p), 0), maxOutputTokens: 0 }), 0), 0);
  const index = chapters.findIndex((c) => c.id === chapterId);
  const step = `job:${job.id}:passages:${chapterId}:`;
  return charged(db, { userId: job.userId, key: `${step}${job.attempt}`, supersedes: step, jobId: job.id, surface: "chapter", description: `Chapter ${index + 1}: recall index`, estimate }, async (meter) => {
    let stored = 0;
    for (const { chapter, passages } of cuts) {
      if (passages.length === 0) continue;
      const vectors: Float32Array[] = [];
      const models = new Set<string>();
      for (const batch of batches(passages)) {
        const result = await llm.embed({ input: batch, user: { id: job.userId }, bookId, jobId: job.id, onUsage: meter.onUsage });
        models.add(result.model);
        vectors.push(...result.vectors);
      }
      // A fallback that answered some batches only: one chapter's passages must share one model.
      if (models.size !== 1) continue;
      await replaceChapterPassages(db, {
        bookId,
        chapterId: chapter.id,
        chapterVersion: chapter.version,
        model: [...models][0]!,
        dimensions: vectors[0]!.length,
        passages: passages.map((text, seq) => ({ seq, text, wordCount: text.split(/\s+/).filter(Boolean).length, vector: encodeVector(vectors[seq]!) })),
      });
      stored += passages.length;
    }
    return { chapters: cuts.length, passages: stored };
  });
}

function batches(passages: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < passages.length; i += MAX_EMBED_INPUTS) out.push(passages.slice(i, i + MAX_EMBED_INPUTS));
  return out;
}

/** indexPassages as a step that never fails its chapter: a chapter without passages is only not recalled (and is backfilled later). */
export async function indexPassagesQuietly(deps: { db: Db; llm: LlmService }, job: IndexJob, chapterId: string): Promise<void> {
  try {
    await indexPassages(deps, job, chapterId);
  } catch (err) {
    console.warn(`[quire] passages of chapter ${chapterId} not embedded (it will be backfilled by a later chapter)`, err);
  }
}
