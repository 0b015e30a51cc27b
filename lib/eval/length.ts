/**
 * Chapter length adherence: 1 when the text is within 10 % of its target, falling off linearly on a
 * log scale to 0 at half or double the target. A log scale, because "20 % short" and "25 % long" are
 * the same miss for a reader (0.8 × 1.25 = 1), and a model that writes 3× the target is not "less
 * wrong" than one that writes a third.
 */
export const LENGTH_TOLERANCE = 1.1;

export function lengthAdherence(words: number, targetWords: number): number {
  if (targetWords <= 0) throw new RangeError("targetWords must be > 0");
  if (words <= 0) return 0;
  const distance = Math.abs(Math.log2(words / targetWords));
  const free = Math.log2(LENGTH_TOLERANCE);
  if (distance <= free) return 1;
  return Math.max(0, 1 - (distance - free) / (1 - free));
}

export function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}
