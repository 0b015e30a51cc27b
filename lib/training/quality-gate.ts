import { z } from "zod";
import { checkChapter } from "@/lib/books/quality";

/**
 * The minimum-quality bar for a chapter: it passes the length and repetition checks Quire runs after
 * writing it. The stored checks judged the text as the model wrote it; an author may have edited it
 * since, so the text that goes into the file is checked again with the same function, and both must
 * pass. A chapter with no stored checks (written by hand) is judged on its text alone.
 */
const storedChecks = z.object({ lengthOk: z.boolean(), repeatedPhrases: z.array(z.unknown()) }).passthrough();

export function chapterPassesQuality(chapter: { content: string; qualityChecks: unknown }, targetWords: number): boolean {
  if (chapter.qualityChecks !== null && chapter.qualityChecks !== undefined) {
    const stored = storedChecks.safeParse(chapter.qualityChecks);
    if (!stored.success || !stored.data.lengthOk || stored.data.repeatedPhrases.length > 0) return false;
  }
  const now = checkChapter(chapter.content, targetWords, []);
  return now.lengthOk && now.repeatedPhrases.length === 0;
}
