/**
 * Repetition: the share of a text's four-word phrases that repeat an earlier one. A model that loops
 * ("she looked at the sea" again and again) scores high; ordinary prose stays near 0. Phrases made
 * only of short words ("and then it was") are skipped, as in lib/books/quality.ts, since they repeat
 * in any prose.
 */
export function repetitionRate(text: string, size = 4): number {
  const tokens = text.toLowerCase().match(/[a-z']+/g) ?? [];
  const seen = new Set<string>();
  let grams = 0;
  let repeats = 0;
  for (let i = 0; i + size <= tokens.length; i++) {
    const gram = tokens.slice(i, i + size);
    if (gram.every((w) => w.length <= 3)) continue;
    grams++;
    const key = gram.join(" ");
    if (seen.has(key)) repeats++;
    else seen.add(key);
  }
  return grams === 0 ? 0 : repeats / grams;
}
