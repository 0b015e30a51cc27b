import { z } from "zod";
import { BOOK_LIMITS } from "@/lib/books/schemas";

/**
 * The fixed evaluation suite (eval/suite/*.json): the same prompts for every target and every run,
 * so two reports compare like with like. The files are data; this schema is what they must hold.
 */
const bookFields = {
  title: z.string().min(1).max(BOOK_LIMITS.title),
  premise: z.string().min(1).max(BOOK_LIMITS.premise),
  genre: z.string().min(1),
  audience: z.string().min(1),
  tone: z.string().min(1),
};

export const outlineCaseSchema = z.object({
  id: z.string().min(1),
  book: z.object({ ...bookFields, chapterCount: z.number().int().min(1).max(60), wordsPerChapter: z.number().int().positive() }).strict(),
});

export const chapterCaseSchema = z
  .object({
    id: z.string().min(1),
    book: z.object({ ...bookFields, wordsPerChapter: z.number().int().positive() }).strict(),
    bible: z.array(z.object({ kind: z.enum(["character", "place", "fact", "style_rule"]), name: z.string().min(1), aliases: z.array(z.string()).default([]), body: z.string() })),
    chapters: z
      .array(z.object({ title: z.string().min(1), synopsis: z.string(), beats: z.array(z.string()).default([]), summary: z.string().default(""), content: z.string().default("") }))
      .min(1),
    chapterIndex: z.number().int().min(0),
  })
  .refine((c) => c.chapterIndex < c.chapters.length, { message: "chapterIndex is past the last chapter", path: ["chapterIndex"] });

export const suggestionCaseSchema = z.object({
  id: z.string().min(1),
  task: z.enum(["suggestion", "grammar"]).default("suggestion"),
  instruction: z.string().min(1),
  passage: z.string().min(1),
  /** A known-good answer, for the distance to it (grammar fixes have one; style rewrites do not). */
  expected: z.string().optional(),
});

const file = <T extends z.ZodTypeAny>(item: T) => z.object({ description: z.string().optional(), items: z.array(item).min(1) });
export const suiteFiles = { outlines: file(outlineCaseSchema), chapters: file(chapterCaseSchema), suggestions: file(suggestionCaseSchema) } as const;

export type OutlineCase = z.infer<typeof outlineCaseSchema>;
export type ChapterCase = z.infer<typeof chapterCaseSchema>;
export type SuggestionCase = z.infer<typeof suggestionCaseSchema>;
export type EvalSuite = { outlines: OutlineCase[]; chapters: ChapterCase[]; suggestions: SuggestionCase[] };

export const EVAL_TASKS = ["outline", "chapter", "suggestion"] as const;
export type EvalTask = (typeof EVAL_TASKS)[number];
