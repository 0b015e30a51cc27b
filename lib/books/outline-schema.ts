import { z } from "zod";

/** Limits on what an outline may hold, whether the model or the author wrote it. */
export const OUTLINE_LIMITS = {
  title: 200,
  logline: 600,
  setting: 2_000,
  synopsis: 2_000,
  beat: 400,
  beats: 10,
  characters: 20,
  characterName: 80,
  description: 1_000,
} as const;

export const outlineChapterSchema = z.object({
  title: z.string().trim().min(1).max(OUTLINE_LIMITS.title),
  synopsis: z.string().trim().min(1).max(OUTLINE_LIMITS.synopsis),
  beats: z.array(z.string().trim().min(1).max(OUTLINE_LIMITS.beat)).min(1).max(OUTLINE_LIMITS.beats),
});

export const outlineCharacterSchema = z.object({
  name: z.string().trim().min(1).max(OUTLINE_LIMITS.characterName),
  role: z.string().trim().min(1).max(200),
  description: z.string().trim().min(1).max(OUTLINE_LIMITS.description),
  aliases: z.array(z.string().trim().min(1).max(OUTLINE_LIMITS.characterName)).max(5),
});

/** What the model is asked for: exactly as many chapters as the book plans. */
export function outlineSchemaFor(chapterCount: number) {
  return z.object({
    title: z.string().trim().min(1).max(OUTLINE_LIMITS.title),
    logline: z.string().trim().min(1).max(OUTLINE_LIMITS.logline),
    setting: z.string().trim().min(1).max(OUTLINE_LIMITS.setting),
    characters: z.array(outlineCharacterSchema).min(1).max(OUTLINE_LIMITS.characters),
    chapters: z.array(outlineChapterSchema).length(chapterCount),
  });
}

export type Outline = z.infer<ReturnType<typeof outlineSchemaFor>>;
export type OutlineChapter = z.infer<typeof outlineChapterSchema>;

/** The part of the outline kept on the book; chapters live in the chapters table once saved. */
export type OutlineMeta = Pick<Outline, "logline" | "setting"> & { generatedTitle: string };

export function outlineMetaOf(value: unknown): OutlineMeta | null {
  const parsed = z
    .object({ logline: z.string(), setting: z.string(), generatedTitle: z.string() })
    .safeParse(value);
  return parsed.success ? parsed.data : null;
}
