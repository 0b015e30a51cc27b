import { z } from "zod";
import type { SuggestionOutcome } from "./outcome";

/**
 * What a writer can ask of a selection, and the request the editor sends for it. Shared by the
 * editor (to build the request) and the route (to validate it), so both agree on every limit.
 */
export const SUGGESTION_KINDS = ["improve", "grammar", "clarity", "shorter", "longer", "tone", "custom", "continue"] as const;
export type SuggestionKind = (typeof SUGGESTION_KINDS)[number];

export const TONES = ["warmer", "more formal", "more casual", "darker", "more playful", "more suspenseful"] as const;
export type Tone = (typeof TONES)[number];

export const KIND_LABELS: Record<SuggestionKind, string> = {
  improve: "Improve",
  grammar: "Fix grammar",
  clarity: "Clarity",
  shorter: "Shorter",
  longer: "Longer",
  tone: "Change tone",
  custom: "Custom instruction",
  continue: "Continue writing",
};

/** A selection longer than this is a job for a chapter check, not an inline rewrite. */
export const SELECTION_LIMIT = 4_000;
/** How much text before the cursor "Continue writing" sends as context. */
export const CONTEXT_LIMIT = 2_000;
export const INSTRUCTION_LIMIT = 300;

const id = (prefix: string) => z.string().regex(new RegExp(`^${prefix}_[a-z0-9]{8,40}$`), "is not a valid id");

export const suggestionRequestSchema = z
  .object({
    bookId: id("bk"),
    chapterId: id("ch"),
    kind: z.enum(SUGGESTION_KINDS),
    tone: z.enum(TONES).optional(),
    instruction: z.string().trim().max(INSTRUCTION_LIMIT).optional(),
    selection: z.string().max(SELECTION_LIMIT, `Select at most ${SELECTION_LIMIT.toLocaleString("en")} characters`),
    /** Text just before the selection or cursor, for context (continue writing). */
    before: z.string().max(CONTEXT_LIMIT).default(""),
    /** Try again: another candidate, never the cached one. */
    attempt: z.number().int().min(1).max(20).default(1),
  })
  .superRefine((v, ctx) => {
    if (v.kind !== "continue" && !v.selection.trim()) ctx.addIssue({ code: "custom", path: ["selection"], message: "Select some text first" });
    if (v.kind === "continue" && !(v.before + v.selection).trim()) ctx.addIssue({ code: "custom", path: ["before"], message: "Write a few words first" });
    if (v.kind === "tone" && !v.tone) ctx.addIssue({ code: "custom", path: ["tone"], message: "Choose a tone" });
    if (v.kind === "custom" && !v.instruction) ctx.addIssue({ code: "custom", path: ["instruction"], message: "Write an instruction" });
  });
export type SuggestionRequest = z.input<typeof suggestionRequestSchema>;
export type ParsedSuggestionRequest = z.output<typeof suggestionRequestSchema>;

/** What the route streams: tokens, then one `done` (or one `error`). One reducer applies them. */
export type SuggestionEvent =
  | { type: "token"; text: string }
  | {
      type: "done";
      suggestionId: string;
      model: string;
      cached: boolean;
      credits: number;
      /** What the answer amounts to (./outcome.ts): only "changed" is offered. */
      outcome: SuggestionOutcome;
      /** The answer stopped at the token limit. */
      cutOff: boolean;
    }
  | { type: "error"; code: string; message: string; details?: Record<string, unknown> };

/** The request for "Check this chapter": the chapter's paragraphs as plain text, in order. */
export const CHECK_BLOCK_LIMIT = 2_000;
export const CHECK_TEXT_LIMIT = 200_000;
export const chapterCheckRequestSchema = z
  .object({
    bookId: id("bk"),
    chapterId: id("ch"),
    blocks: z.array(z.string().max(20_000)).min(1).max(CHECK_BLOCK_LIMIT),
  })
  .refine((v) => v.blocks.reduce((n, b) => n + b.length, 0) <= CHECK_TEXT_LIMIT, { message: "The chapter is too long to check at once", path: ["blocks"] });
export type ChapterCheckRequest = z.infer<typeof chapterCheckRequestSchema>;

export type CheckFinding = { id: string; block: number; from: number; to: number; original: string; replacement: string; reason: string };
export type ChapterCheckResult = { findings: CheckFinding[]; model: string; cached: boolean; credits: number; suggestionId: string };
