"use server";
import { recordSuggestionOutcome, suggestionOutcomeSchema } from "@/lib/suggestions/events";
import { signedInAction } from "./safe-action";

/** Accept, reject, or a later edit of an accepted suggestion: one row per model for the dashboard. */
export const recordSuggestionOutcomeAction = signedInAction("suggestion")
  .input(suggestionOutcomeSchema)
  .handler(async ({ input, ctx }) => {
    await recordSuggestionOutcome(ctx.db, ctx.user, input);
    return { recorded: true };
  });
