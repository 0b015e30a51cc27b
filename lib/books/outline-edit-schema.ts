import { z } from "zod";
import { OUTLINE_LIMITS } from "./outline-schema";
import { bookIdSchema, BOOK_LIMITS } from "./schemas";

export const chapterIdSchema = z.string().regex(/^ch_[a-z0-9]{8,40}$/, "not a chapter id");

export const outlineEditSchema = z.object({
  bookId: bookIdSchema,
  chapters: z
    .array(
      z.object({
        id: chapterIdSchema.optional(),
        title: z.string().trim().min(1, "Every chapter needs a title").max(OUTLINE_LIMITS.title),
        synopsis: z.string().trim().max(OUTLINE_LIMITS.synopsis).default(""),
        beats: z.array(z.string().trim().min(1).max(OUTLINE_LIMITS.beat)).max(OUTLINE_LIMITS.beats).default([]),
      }),
    )
    .min(BOOK_LIMITS.chapters.min, "A book needs at least one chapter")
    .max(BOOK_LIMITS.chapters.max),
});
export type OutlineEdit = z.infer<typeof outlineEditSchema>;
