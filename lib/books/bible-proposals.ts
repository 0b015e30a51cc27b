import { z } from "zod";
import type { Db } from "@/db/client";
import { selectBible } from "@/db/queries/bible";
import {
  acceptProposal,
  dismissProposal,
  replaceChapterProposals,
  selectChapterProposals,
  selectOpenProposals,
  selectProposal,
  type BibleProposal,
  type BibleProposalInput,
} from "@/db/queries/bible-proposals";
import { selectChapters, updateQualityChecks } from "@/db/queries/chapters";
import { AppError } from "@/lib/errors";
import { approximateTokens, type LlmRequest, type LlmService } from "@/lib/llm";
import { fromLlmError } from "@/lib/llm-errors";
import { charged } from "@/lib/credits/charge";
import { bibleUpdatesReservation } from "@/lib/credits/estimates";
import { bibleConflictsOf, proposeBibleUpdates, type BibleEntryRef } from "./bible-updates";
import { bibleEntrySchema } from "./bible";
import { chapterIdSchema } from "./outline-edit-schema";
import { checkChapter } from "./quality";
import { openBook, type Caller } from "./library";
import { bookIdSchema } from "./schemas";

/**
 * The story bible learns from each chapter, and only through the author: a written chapter proposes
 * updates (lib/books/bible-updates.ts), the author accepts (optionally edited), or dismisses each one.
 */
export const bibleProposalIdSchema = z.string().regex(/^bp_[a-z0-9]{8,40}$/, "not a bible proposal id");
const ENTRY_BODY_LIMIT = 2_000;

export const acceptBibleProposalSchema = z.object({
  bookId: bookIdSchema,
  proposalId: bibleProposalIdSchema,
  /** The author's edit before accepting: the new entry's name, and the entry's description or the fact. */
  name: bibleEntrySchema.shape.name.optional(),
  body: z.string().trim().min(1, "Say what the bible should hold").max(ENTRY_BODY_LIMIT).optional(),
});
export const dismissBibleProposalSchema = z.object({ bookId: bookIdSchema, proposalId: bibleProposalIdSchema });
export const proposeFromChapterSchema = z.object({ bookId: bookIdSchema, chapterId: chapterIdSchema });

export type BibleProposalView = Pick<BibleProposal, "id" | "kind" | "name" | "body" | "evidence" | "bibleSays" | "entryKind"> & { chapterNumber: number; chapterTitle: string };

export async function listBibleProposals(db: Db, caller: Caller, bookId: string): Promise<BibleProposalView[]> {
  await openBook(db, caller, bookId);
  const [proposals, chapters] = await Promise.all([selectOpenProposals(db, bookId), selectChapters(db, bookId)]);
  const position = new Map(chapters.map((c, i) => [c.id, { chapterNumber: i + 1, chapterTitle: c.title }]));
  return proposals
    .map((p) => ({ id: p.id, kind: p.kind, name: p.name, body: p.body, evidence: p.evidence, bibleSays: p.bibleSays, entryKind: p.entryKind, ...(position.get(p.chapterId) ?? { chapterNumber: 0, chapterTitle: "" }) }))
    .sort((a, b) => a.chapterNumber - b.chapterNumber);
}

/** Accepted: a new entry is added, a fact (or the chapter's side of a contradiction) is added to its entry's description. */
export async function acceptBibleProposal(db: Db, caller: Caller, input: z.infer<typeof acceptBibleProposalSchema>): Promise<void> {
  await openBook(db, caller, input.bookId);
  const proposal = await selectProposal(db, input.bookId, input.proposalId);
  if (!proposal) throw new AppError("not_found:bible");
  if (proposal.status !== "open") throw new AppError("conflict:bible", { details: { status: proposal.status } });
  const body = input.body ?? proposal.body;
  let accepted: boolean;
  if (proposal.kind === "new_entry") {
    accepted = await acceptProposal(db, input.bookId, proposal.id, { newEntry: { kind: proposal.entryKind ?? "fact", name: input.name ?? proposal.name, body } });
  } else {
    const entry = (await selectBible(db, input.bookId)).find((e) => e.id === proposal.entryId);
    if (!entry) throw new AppError("not_found:bible");
    const joined = entry.body.trim() ? `${entry.body.trim()}\n${body}` : body;
    if (joined.length > ENTRY_BODY_LIMIT) {
      throw new AppError("conflict:bible", { userMessage: `${entry.name}'s entry would pass ${ENTRY_BODY_LIMIT.toLocaleString("en")} characters: shorten it in the bible first.` });
    }
    accepted = await acceptProposal(db, input.bookId, proposal.id, { entryId: entry.id, body: joined });
  }
  if (!accepted) throw new AppError("conflict:bible");
}

export async function dismissBibleProposal(db: Db, caller: Caller, input: z.infer<typeof dismissBibleProposalSchema>): Promise<void> {
  await openBook(db, caller, input.bookId);
  if (await dismissProposal(db, input.bookId, input.proposalId)) return;
  throw new AppError((await selectProposal(db, input.bookId, input.proposalId)) ? "conflict:bible" : "not_found:bible");
}

/**
 * The bible step of a chapter: asks for proposals and saves them in place of the chapter's open ones.
 * A failure here never costs the chapter: it is logged and the chapter is saved without proposals.
 */
export async function proposeForChapter(
  db: Db,
  llm: LlmService,
  input: { bookId: string; chapter: { id: string; title: string }; text: string; bible: BibleEntryRef[] },
  request: Pick<LlmRequest, "user" | "bookId" | "jobId" | "onUsage">,
): Promise<BibleProposalInput[]> {
  try {
    const decided = await selectChapterProposals(db, input.chapter.id).then((rows) => rows.filter((r) => r.status !== "open"));
    const proposals = await proposeBibleUpdates(llm, { chapterTitle: input.chapter.title, text: input.text, bible: input.bible, decided }, request);
    await replaceChapterProposals(db, input.bookId, input.chapter.id, proposals);
    return proposals;
  } catch (err) {
    console.error(`[quire] bible proposals for chapter ${input.chapter.id} not made`, err);
    return [];
  }
}

/**
 * For a chapter written or changed by hand: the same bible step, charged on its own, and the chapter's
 * quality checks brought up to date with what it found.
 */
export async function proposeFromChapter(db: Db, llm: LlmService, caller: Caller, input: z.infer<typeof proposeFromChapterSchema>): Promise<{ proposals: number; conflicts: number }> {
  const book = await openBook(db, caller, input.bookId);
  const [chapters, bible] = await Promise.all([selectChapters(db, input.bookId), selectBible(db, input.bookId)]);
  const chapter = chapters.find((c) => c.id === input.chapterId);
  if (!chapter) throw new AppError("not_found:chapter");
  if (!chapter.content.trim()) throw new AppError("bad_request:chapter", { userMessage: "This chapter has no text yet." });
  let proposals: BibleProposalInput[];
  try {
    proposals = await charged(
      db,
      {
        userId: caller.id,
        key: `bible:${chapter.id}:${crypto.randomUUID()}`,
        surface: "bible",
        description: `Bible check: ${chapter.title}`,
        estimate: bibleUpdatesReservation(approximateTokens(chapter.content)),
      },
      async (meter) => {
        const decided = (await selectChapterProposals(db, chapter.id)).filter((r) => r.status !== "open");
        return proposeBibleUpdates(llm, { chapterTitle: chapter.title, text: chapter.content, bible, decided }, { user: { id: caller.id }, bookId: book.id, onUsage: meter.onUsage });
      },
    );
  } catch (err) {
    throw fromLlmError(err, "bible");
  }
  await replaceChapterProposals(db, book.id, chapter.id, proposals);
  const conflicts = bibleConflictsOf(proposals);
  const knownNames = bible.flatMap((e) => [e.name, ...e.aliases]);
  await updateQualityChecks(db, chapter.id, checkChapter(chapter.content, book.wordsPerChapter, knownNames, conflicts));
  return { proposals: proposals.length, conflicts: conflicts.length };
}
