import { diffChanges, wordDiff, type TextChange } from "./word-diff";

/**
 * "Check this chapter" asks the grammar model for a corrected copy of each paragraph and turns the
 * differences into findings. Models are unreliable at counting characters, so spans are never asked
 * of them: they come from the diff, and always point at text that is really there.
 */
export function reasonFor(change: Pick<TextChange, "original" | "replacement">): string {
  const { original: a, replacement: b } = change;
  const words = (s: string) => s.trim().split(/\s+/).filter(Boolean);
  if (a.toLowerCase() === b.toLowerCase()) return "Capital letter";
  if (a.replace(/[^\p{L}\p{N}]/gu, "") === b.replace(/[^\p{L}\p{N}]/gu, "")) return "Punctuation or spacing";
  const wa = words(a);
  const wb = words(b);
  if (wa.length > wb.length && wb.every((w) => wa.includes(w))) return "Repeated or extra word";
  if (wa.length === 1 && wb.length === 1) return "Spelling";
  return "Grammar";
}

/** Findings for one paragraph: each change with its offsets in the paragraph's text. */
export function findingsForBlock(original: string, corrected: string): (TextChange & { reason: string })[] {
  if (original === corrected) return [];
  return diffChanges(wordDiff(original, corrected))
    .filter((c) => c.to > c.from && (c.original.trim() || c.replacement.trim())) // an insertion has nothing to underline
    .map((c) => ({ ...c, reason: reasonFor(c) }));
}

/** Paragraphs grouped so that one model call checks about `words` words. */
export function chunkBlocks(blocks: string[], words = 700): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let count = 0;
  blocks.forEach((block, i) => {
    if (!block.trim()) return;
    const n = block.split(/\s+/).length;
    if (current.length && count + n > words) {
      chunks.push(current);
      current = [];
      count = 0;
    }
    current.push(i);
    count += n;
  });
  if (current.length) chunks.push(current);
  return chunks;
}
