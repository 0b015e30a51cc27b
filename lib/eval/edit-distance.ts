/**
 * Word-level edit distance for suggestions: how many words must be inserted, deleted or replaced to
 * turn one text into another, and the same divided by the longer text's length (0 = identical,
 * 1 = nothing in common). Words, not characters, because a writer reads a suggestion as a word diff.
 */
export function words(text: string): string[] {
  return text.match(/\S+/g) ?? [];
}

export function wordEditDistance(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.length === 0) return y.length;
  if (y.length === 0) return x.length;
  // Two rows of the Levenshtein table are enough.
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length]!;
}

export function normalizedEditDistance(a: string, b: string): number {
  const longest = Math.max(words(a).length, words(b).length);
  return longest === 0 ? 0 : wordEditDistance(a, b) / longest;
}
