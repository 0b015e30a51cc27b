import { z } from "zod";

/** Limits on what an author can send; the form and the server share them. */
export const BOOK_LIMITS = {
  title: 200,
  premise: 5_000,
  genre: 60,
  audience: 60,
  tone: 60,
  chapters: { min: 1, max: 100 },
  wordsPerChapter: { min: 300, max: 10_000 },
} as const;

export const GENRES = [
  "Fantasy",
  "Science fiction",
  "Mystery",
  "Thriller",
  "Romance",
  "Literary fiction",
  "Historical fiction",
  "Horror",
  "Young adult",
  "Non-fiction",
] as const;

const trimmed = (max: number, label: string) =>
  z
    .string({ required_error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

export const bookIdSchema = z
  .string()
  .regex(/^bk_[a-z0-9]{8,40}$/, "not a book id");

export const newBookSchema = z.object({
  title: trimmed(BOOK_LIMITS.title, "Title"),
  premise: trimmed(BOOK_LIMITS.premise, "Premise"),
  genre: trimmed(BOOK_LIMITS.genre, "Genre"),
  audience: trimmed(BOOK_LIMITS.audience, "Audience"),
  tone: trimmed(BOOK_LIMITS.tone, "Tone"),
  chapterCount: z.coerce
    .number({ invalid_type_error: "Chapters must be a number" })
    .int("Chapters must be a whole number")
    .min(BOOK_LIMITS.chapters.min, `At least ${BOOK_LIMITS.chapters.min} chapter`)
    .max(BOOK_LIMITS.chapters.max, `At most ${BOOK_LIMITS.chapters.max} chapters`),
  wordsPerChapter: z.coerce
    .number({ invalid_type_error: "Words per chapter must be a number" })
    .int("Words per chapter must be a whole number")
    .min(BOOK_LIMITS.wordsPerChapter.min, `At least ${BOOK_LIMITS.wordsPerChapter.min} words per chapter`)
    .max(BOOK_LIMITS.wordsPerChapter.max, `At most ${BOOK_LIMITS.wordsPerChapter.max} words per chapter`),
});
export type NewBook = z.infer<typeof newBookSchema>;

export const renameBookSchema = z.object({
  bookId: bookIdSchema,
  title: trimmed(BOOK_LIMITS.title, "Title"),
});

/** Everything the new-book form asks except the title (renamed on its own). */
export const bookDetailsSchema = newBookSchema.omit({ title: true }).extend({ bookId: bookIdSchema });
export type BookDetailsInput = z.infer<typeof bookDetailsSchema>;

/** The new-book form's estimate: the same fields, with blanks allowed while the author types. */
export const newBookEstimateSchema = newBookSchema.omit({ title: true }).extend({
  premise: z.string().max(BOOK_LIMITS.premise),
  genre: z.string().max(BOOK_LIMITS.genre),
  audience: z.string().max(BOOK_LIMITS.audience),
  tone: z.string().max(BOOK_LIMITS.tone),
});

export const deleteBookSchema = z.object({ bookId: bookIdSchema });
