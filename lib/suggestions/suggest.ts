import "server-only";
import type { Db } from "@/db/client";
import { insertSuggestionEvent } from "@/db/queries/suggestions";
import { newId } from "@/db/schema";
import type { Caller } from "@/lib/books/library";
import { openChapter } from "@/lib/books/chapters";
import { chargedStream, type Meter } from "@/lib/credits/charge";
import { worstCaseCredits } from "@/lib/credits/prices";
import { AppError, toPublicError } from "@/lib/errors";
import { approximateTokens, type LlmResult, type LlmService } from "@/lib/llm";
import { fromLlmError } from "@/lib/llm-errors";
import { stripEcho } from "./echo";
import { isChargeable, suggestionOutcome } from "./outcome";
import type { ParsedSuggestionRequest, SuggestionEvent } from "./kinds";
import { continueAnchor, suggestionMaxTokens, suggestionMessages, taskFor } from "./prompts";
import { enforceRateLimit } from "@/lib/rate-limit/limiter";

/** `limitPerMinute` overrides RATE_LIMIT_SUGGESTION_PER_MINUTE (tests). */
export type SuggestionDeps = { db: Db; llm: LlmService; limitPerMinute?: number; signal?: AbortSignal };

/** Model failures become one typed code the editor can explain (lib/llm-errors); the cause is kept for the logs. */
export function modelError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const mapped = fromLlmError(err, "suggestion");
  if (mapped instanceof AppError) return mapped;
  return new AppError("internal:suggestion", { cause: err });
}

/**
 * One suggestion on a selection (or a continuation at the cursor), as typed events. Everything that
 * can refuse the request (ownership, the rate limit, credits) happens before the first event, so
 * the route can answer a refusal with its own status instead of a stream.
 */
export async function startSuggestion(deps: SuggestionDeps, caller: Caller, input: ParsedSuggestionRequest): Promise<AsyncGenerator<SuggestionEvent>> {
  const { db, llm } = deps;
  await Promise.all([
    openChapter(db, caller, input.bookId, input.chapterId),
    enforceRateLimit(db, { userId: caller.id, name: "suggestion", surface: "suggestion", limit: deps.limitPerMinute }),
  ]);
  const suggestionId = newId("sg");
  const task = taskFor(input);
  const messages = suggestionMessages(input);
  const maxTokens = suggestionMaxTokens(input);
  const promptText = messages.map((m) => m.content).join("\n");
  const description = `Suggestion: ${input.kind}`;
  // Everything that can refuse (the reservation included) happens before the stream is returned.
  return chargedStream(
    db,
    {
      userId: caller.id,
      key: `suggestion:${suggestionId}`,
      surface: "suggestion",
      description,
      estimate: worstCaseCredits({ task, promptTokens: approximateTokens(promptText), maxOutputTokens: maxTokens }),
    },
    (meter, settle) => {
      const { textStream, result } = llm.streamText({
        task,
        messages,
        maxTokens,
        // Try again wants a new candidate: neither read nor write the cache, and vary the sampling.
        cache: input.attempt > 1 ? false : undefined,
        temperature: input.attempt > 1 ? 0.9 : 0.3,
        user: { id: caller.id },
        bookId: input.bookId,
        signal: deps.signal,
        onUsage: meter.onUsage,
      });
      const tokens = input.kind === "continue" ? stripEcho(textStream, continueAnchor(input)) : textStream;
      return run({ db, caller, input, suggestionId, meter, settle, tokens, result, signal: deps.signal });
    },
  );
}

/**
 * The suggestion's events. The charge around it (chargedStream) settles to the metered usage however
 * this ends: an answer is charged at the table's price, a model failure or a stop by the writer is
 * not (the failed-attempt policy in lib/credits/prices.ts).
 */
async function* run(ctx: {
  db: Db;
  caller: Caller;
  input: ParsedSuggestionRequest;
  suggestionId: string;
  meter: Meter;
  settle: () => Promise<number>;
  tokens: AsyncIterable<string>;
  result: Promise<LlmResult>;
  signal?: AbortSignal;
}): AsyncGenerator<SuggestionEvent> {
  const { db, caller, input } = ctx;
  let text = "";
  try {
    for await (const token of ctx.tokens) {
      text += token;
      yield { type: "token", text: token };
    }
    const result = await ctx.result;
    // An answer the writer cannot use (unchanged, or cut off at the token limit) costs nothing.
    const outcome = suggestionOutcome(input, text, result.finishReason);
    if (!isChargeable(outcome)) ctx.meter.waive(outcome === "unchanged" ? "no changes, not charged" : "cut off, not charged");
    await insertSuggestionEvent(db, {
      id: ctx.suggestionId,
      userId: caller.id,
      bookId: input.bookId,
      chapterId: input.chapterId,
      model: `${result.targetId}:${result.model}`,
      arm: result.arm ?? null,
      action: "offered",
      instruction: instructionLabel(input),
      original: input.kind === "continue" ? "" : input.selection,
      suggestion: text,
    });
    // Settled before the writer is told, so a balance read after "done" already shows the charge.
    const credits = await ctx.settle();
    yield { type: "done", suggestionId: ctx.suggestionId, model: result.model, cached: result.cached, credits, outcome, cutOff: result.finishReason === "length" };
  } catch (err) {
    ctx.result.catch(() => {}); // the same failure; already handled here
    const error = modelError(err);
    if (!ctx.signal?.aborted) console.warn("[quire] suggestion failed", error.code, error.cause);
    const pub = toPublicError(error, "suggestion");
    yield { type: "error", code: pub.code, message: pub.message, details: pub.details };
  } finally {
    // The writer went away mid-stream (Esc, a new request): the result's rejection is expected.
    ctx.result.catch(() => {});
  }
}

export function instructionLabel(input: ParsedSuggestionRequest): string {
  if (input.kind === "tone") return `tone:${input.tone}`;
  if (input.kind === "custom") return `custom:${input.instruction}`;
  return input.kind;
}
