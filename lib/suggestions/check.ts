import "server-only";
import type { Db } from "@/db/client";
import { insertSuggestionEvent } from "@/db/queries/suggestions";
import { newId } from "@/db/schema";
import type { Caller } from "@/lib/books/library";
import { openChapter } from "@/lib/books/chapters";
import { charged } from "@/lib/credits/charge";
import { worstCaseCredits } from "@/lib/credits/prices";
import { z } from "zod";
import { approximateTokens, LlmError, type LlmResult, type LlmService } from "@/lib/llm";
import { chunkBlocks, findingsForBlock } from "./findings";
import type { ChapterCheckRequest, ChapterCheckResult, CheckFinding } from "./kinds";
import { enforceRateLimit } from "@/lib/rate-limit/limiter";
import { modelError } from "./suggest";

const SYSTEM =
  'You are a copy editor. Correct grammar, spelling and punctuation only; change nothing else. The paragraphs to check are separated by blank lines. Answer with JSON {"paragraphs": [...]}: each paragraph corrected (or unchanged), one string each, in the same order.';
const PARALLEL = 4;
/** Room for the JSON around the corrected text: the key, quotes, commas and escapes. */
const JSON_TOKENS = 40;
const JSON_TOKENS_PER_PARAGRAPH = 8;

/**
 * The corrected copy of a chunk, asked as structured output: a schema-following server (OpenAI strict,
 * vLLM/llama.cpp guided decoding, a forced tool) returns exactly one string per paragraph, so nothing
 * merged or split has to be guessed back apart. Servers without a JSON mode get the schema in the
 * prompt; the LLM service extracts, repairs and re-asks once.
 */
export function correctedChunkSchema(paragraphs: number) {
  return z.object({ paragraphs: z.array(z.string()).length(paragraphs) });
}

/** The whole chapter checked in chunks of paragraphs; one rate-limit count and one charge. */
export async function checkChapter(deps: { db: Db; llm: LlmService; limitPerMinute?: number }, caller: Caller, input: ChapterCheckRequest): Promise<ChapterCheckResult> {
  const { db, llm } = deps;
  await Promise.all([
    openChapter(db, caller, input.bookId, input.chapterId),
    enforceRateLimit(db, { userId: caller.id, name: "suggestion", surface: "suggestion", limit: deps.limitPerMinute }),
  ]);
  const chunks = chunkBlocks(input.blocks);
  const textOf = (chunk: number[]) => chunk.map((i) => input.blocks[i]).join("\n\n");
  const suggestionId = newId("sg");
  const maxTokensOf = (chunk: number[]) => approximateTokens(textOf(chunk)) + 200 + JSON_TOKENS + JSON_TOKENS_PER_PARAGRAPH * chunk.length;
  // The service adds the schema to the prompt; a re-ask (invalid first answer) sends the answer back too.
  const estimate = chunks.reduce((n, c) => n + worstCaseCredits({ task: "grammar", promptTokens: approximateTokens(SYSTEM + textOf(c)) + 40 + JSON_TOKENS, maxOutputTokens: maxTokensOf(c) }), 0);

  const results: LlmResult[] = [];
  const findings: CheckFinding[] = [];
  // One charge for every chunk: each answered chunk is charged at the table's price, failed ones are not.
  let credits = 0;
  await charged(db, { userId: caller.id, key: `check:${suggestionId}`, surface: "suggestion", description: "Chapter check", estimate }, async (meter) => {
    let next = 0;
    const worker = async () => {
      while (next < chunks.length) {
        const chunk = chunks[next++]!;
        const text = textOf(chunk);
        let corrected: string[];
        try {
          const result = await llm.generateObject({
            task: "grammar",
            schema: correctedChunkSchema(chunk.length),
            schemaName: "corrected_paragraphs",
            messages: [
              { role: "system", content: SYSTEM },
              { role: "user", content: `Instruction: Fix grammar, spelling and punctuation in each of these ${chunk.length} paragraphs.\n<selection>${text}</selection>` },
            ],
            maxTokens: maxTokensOf(chunk),
            temperature: 0,
            user: { id: caller.id },
            bookId: input.bookId,
            onUsage: meter.onUsage,
          });
          results.push(result);
          corrected = result.object.paragraphs;
        } catch (err) {
          // A model that still merged or split paragraphs after the re-ask cannot be aligned safely:
          // that chunk has no findings, the rest of the chapter still does.
          if (err instanceof LlmError && err.code === "invalid_output") continue;
          throw err;
        }
        chunk.forEach((block, k) => {
          for (const f of findingsForBlock(input.blocks[block]!, corrected[k]!.trim())) {
            findings.push({ id: `${block}:${f.from}`, block, from: f.from, to: f.to, original: f.original, replacement: f.replacement, reason: f.reason });
          }
        });
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(PARALLEL, chunks.length) }, worker));
    } catch (err) {
      throw modelError(err);
    }
    credits = meter.credits;
  });
  const cached = results.length > 0 && results.every((r) => r.cached);
  const model = results[0] ? `${results[0].targetId}:${results[0].model}` : "none";
  await insertSuggestionEvent(db, {
    id: suggestionId,
    userId: caller.id,
    bookId: input.bookId,
    chapterId: input.chapterId,
    model,
    arm: results[0]?.arm ?? null,
    action: "offered",
    instruction: "check",
    original: "",
    suggestion: JSON.stringify(findings.slice(0, 200).map((f) => [f.original, f.replacement])),
  });
  findings.sort((a, b) => a.block - b.block || a.from - b.from);
  return { findings, model: results[0]?.model ?? "none", cached, credits, suggestionId };
}
