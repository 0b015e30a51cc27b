import "server-only";
import type { Db } from "@/db/client";
import { openBook, type Caller } from "@/lib/books/library";
import { charged } from "@/lib/credits/charge";
import { creditsForAttempt, worstCaseCredits } from "@/lib/credits/prices";
import { approximateTokens, isLlmError, type LlmService } from "@/lib/llm";
import { ownerName } from "@/lib/export/source";
import { cleanBrief, coverBriefMessages } from "./brief";
import { paintedCover } from "./painted";
import { PaintError, type Painter, type PaintFailure } from "./painter";
import { replaceCover, type CoverOrigin } from "./store";
import { typographicCover, type CoverText } from "./typographic";
import { validateCoverImage } from "./upload";

/**
 * Cover use cases. With a painter: the LLM writes an art brief (task cover-prompt), the painter
 * paints it, Quire sets the type over it; credits are reserved up front and settled to what was
 * used. A painter that fails (or answers something that is not an image) falls back to the
 * typographic cover, and the author is charged only for the brief. Without a painter the cover is
 * typographic and free.
 */
export type CoverDeps = { db: Db; bucket: R2Bucket; llm: LlmService; painter: Painter | null };
export type CoverResult = { coverKey: string; origin: CoverOrigin; fallback?: PaintFailure };

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
  if (!deps.painter) return { coverKey: await storeTypographic(deps, caller.id, text, book.coverKey), origin: "typographic" };

  const painter = deps.painter;
  const description = `Cover: ${book.title}`;
  const messages = coverBriefMessages(book);
  const promptTokens = messages.reduce((n, m) => n + approximateTokens(m.content), 0);
  const imageCredits = creditsForAttempt({ task: "cover-image", model: "", inputTokens: 0, outputTokens: 0, outcome: "ok", cached: false });
  return charged(
    deps.db,
    {
      userId: caller.id,
      key: `cover:${bookId}:${crypto.randomUUID()}`,
      surface: "cover",
      description,
      estimate: worstCaseCredits({ task: "cover-prompt", promptTokens, maxOutputTokens: BRIEF_TOKENS }) + imageCredits,
    },
    async (meter) => {
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
        const art = await painter.paint(brief);
        const svg = paintedCover(text, art);
        const coverKey = await replaceCover(deps.db, deps.bucket, { ownerId: caller.id, bookId, previousKey: book.coverKey, asset: { bytes: encoder.encode(svg), mediaType: "image/svg+xml" }, origin: "painted" });
        // The image is painted outside the LLM service (until images go through lib/llm): flat, from the table.
        meter.addFlat("cover-image");
        return { coverKey, origin: "painted" as const };
      } catch (err) {
        if (!(err instanceof PaintError)) throw err;
        console.error(`[quire] cover painter for ${bookId} failed (${err.reason}${err.status ? ` ${err.status}` : ""}); composing a typographic cover`, err.cause ?? err);
        return { coverKey: await storeTypographic(deps, caller.id, text, book.coverKey), origin: "typographic" as const, fallback: err.reason };
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
