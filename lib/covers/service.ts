import "server-only";
import type { Db } from "@/db/client";
import { openBook, type Caller } from "@/lib/books/library";
import { charged } from "@/lib/credits/charge";
import { creditsForAttempt, worstCaseCredits } from "@/lib/credits/prices";
import { approximateTokens, imageTargets, isLlmError, type LlmErrorCode, type LlmService } from "@/lib/llm";
import { ownerName } from "@/lib/export/source";
import { cleanBrief, coverBriefMessages } from "./brief";
import { paintedCover } from "./painted";
import { replaceCover, type CoverOrigin } from "./store";
import { typographicCover, type CoverText } from "./typographic";
import { validateCoverImage } from "./upload";

/**
 * Cover use cases. With an image model on the LLM service's `cover-image` route: the LLM writes an
 * art brief (task cover-prompt), the service paints it (retries, fallback, breaker, budgets and usage
 * like any call), Quire sets the type over it; credits are reserved up front and settled to what was
 * used. A picture that cannot be had (every image target failed or answered something that is not an
 * image) falls back to the typographic cover, and the author is charged only for the brief. Without
 * an image model the cover is typographic and free.
 */
export type CoverDeps = { db: Db; bucket: R2Bucket; llm: LlmService };
export type CoverResult = { coverKey: string; origin: CoverOrigin; fallback?: LlmErrorCode };

/** What a painted cover's art must not show: Quire sets the type itself. */
const NEGATIVE = "text, letters, words, title, typography, watermark, signature, logo, frame, border, blurry, low quality";
/** Credits for one painted picture, from the one price table (flat). */
const IMAGE_CREDITS = creditsForAttempt({ task: "cover-image", model: "", inputTokens: 0, outputTokens: 0, outcome: "ok", cached: false });

/** For the book page: which model paints covers, or null (typographic covers). */
export function coverPainterLabel(llm: LlmService): string | null {
  const first = imageTargets(llm.config)[0];
  return first ? `${first.provider} (${first.model})` : null;
}

const encoder = new TextEncoder();
const BRIEF_TOKENS = 300;

/** A fresh design each time an existing cover is regenerated; the first one is the book's default. */
function nextVariant(hasCover: boolean): number {
  return hasCover ? 1 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000) : 0;
}

async function storeTypographic(deps: CoverDeps, ownerId: string, text: CoverText, previousKey: string | null): Promise<string> {
  const svg = typographicCover(text, nextVariant(previousKey !== null));
  return replaceCover(deps.db, deps.bucket, { ownerId, bookId: text.bookId, previousKey, asset: { bytes: encoder.encode(svg), mediaType: "image/svg+xml" }, origin: "typographic" });
}

export async function generateCover(deps: CoverDeps, caller: Caller, bookId: string): Promise<CoverResult> {
  const book = await openBook(deps.db, caller, bookId);
  const text: CoverText = { bookId, title: book.title, author: await ownerName(deps.db, book.ownerId), genre: book.genre };
  if (!coverPainterLabel(deps.llm)) return { coverKey: await storeTypographic(deps, caller.id, text, book.coverKey), origin: "typographic" };

  const description = `Cover: ${book.title}`;
  const messages = coverBriefMessages(book);
  const promptTokens = messages.reduce((n, m) => n + approximateTokens(m.content), 0);
  // One charge for the brief and the picture; each is charged as the table prices its usage event
  // (a picture that could not be had costs nothing, and the author pays for the brief only).
  return charged(
    deps.db,
    {
      userId: caller.id,
      key: `cover:${bookId}:${crypto.randomUUID()}`,
      surface: "cover",
      description,
      estimate: worstCaseCredits({ task: "cover-prompt", promptTokens, maxOutputTokens: BRIEF_TOKENS }) + IMAGE_CREDITS,
    },
    async (meter): Promise<CoverResult> => {
      const fallbackBrief = `${book.genre} book cover illustration, ${book.tone} mood: ${book.premise.slice(0, 400)}`;
      let brief = fallbackBrief;
      try {
        const answer = await deps.llm.generateText({ task: "cover-prompt", messages, maxTokens: BRIEF_TOKENS, user: { id: caller.id }, bookId, onUsage: meter.onUsage });
        brief = cleanBrief(answer.text, fallbackBrief);
      } catch (err) {
        // The picture can still be painted from the premise; the failure is logged, not hidden.
        if (!isLlmError(err)) throw err;
        console.error(`[quire] cover brief for ${bookId} failed (${err.code}); painting from the premise`, err);
      }
      try {
        const art = await deps.llm.image({ prompt: brief, negativePrompt: NEGATIVE, orientation: "portrait", user: { id: caller.id }, bookId, onUsage: meter.onUsage });
        const svg = paintedCover(text, art);
        const coverKey = await replaceCover(deps.db, deps.bucket, { ownerId: caller.id, bookId, previousKey: book.coverKey, asset: { bytes: encoder.encode(svg), mediaType: "image/svg+xml" }, origin: "painted" });
        return { coverKey, origin: "painted" };
      } catch (err) {
        if (!isLlmError(err)) throw err;
        console.error(`[quire] cover image for ${bookId} failed (${err.code}); composing a typographic cover`, err);
        return { coverKey: await storeTypographic(deps, caller.id, text, book.coverKey), origin: "typographic", fallback: err.code };
      }
    },
  );
}

/** The author's own image, checked by its bytes, replacing whatever cover the book had. */
export async function uploadCover(deps: Pick<CoverDeps, "db" | "bucket">, caller: Caller, bookId: string, bytes: Uint8Array): Promise<CoverResult> {
  const book = await openBook(deps.db, caller, bookId);
  const info = validateCoverImage(bytes);
  const coverKey = await replaceCover(deps.db, deps.bucket, { ownerId: caller.id, bookId, previousKey: book.coverKey, asset: { bytes, mediaType: info.type }, origin: "upload" });
  return { coverKey, origin: "upload" };
}
