import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { insertSuggestionOutcome, selectOfferedSuggestion } from "@/db/queries/suggestions";
import { openChapter } from "@/lib/books/chapters";
import type { Caller } from "@/lib/books/library";
import { AppError } from "@/lib/errors";
import { SELECTION_LIMIT } from "./kinds";

export const suggestionOutcomeSchema = z.object({
  bookId: z.string().regex(/^bk_[a-z0-9]{8,40}$/),
  chapterId: z.string().regex(/^ch_[a-z0-9]{8,40}$/),
  suggestionId: z.string().regex(/^sg_[a-z0-9]{8,40}$/),
  action: z.enum(["accept", "reject", "edit"]),
  /** Only for chapter-check findings and edits: the text concerned (an offer holds the rest). */
  original: z.string().max(SELECTION_LIMIT * 2).optional(),
  suggestion: z.string().max(SELECTION_LIMIT * 2).optional(),
});
export type SuggestionOutcome = z.infer<typeof suggestionOutcomeSchema>;

/**
 * Records what the writer did with a suggestion. The model, arm and instruction are copied from the
 * server's own record of the offer, never taken from the browser, so the acceptance rate per model
 * cannot be skewed by a crafted request. Each kind of outcome is recorded once per suggestion.
 */
export async function recordSuggestionOutcome(db: Db, caller: Caller, input: SuggestionOutcome): Promise<void> {
  await openChapter(db, caller, input.bookId, input.chapterId);
  const offer = await selectOfferedSuggestion(db, caller.id, input.suggestionId);
  if (!offer || offer.chapterId !== input.chapterId) throw new AppError("not_found:suggestion");
  await insertSuggestionOutcome(db, {
    userId: caller.id,
    bookId: offer.bookId,
    chapterId: offer.chapterId,
    suggestionId: offer.id,
    model: offer.model,
    arm: offer.arm,
    action: input.action,
    instruction: offer.instruction,
    original: input.original ?? offer.original,
    suggestion: input.suggestion ?? offer.suggestion,
  });
}
