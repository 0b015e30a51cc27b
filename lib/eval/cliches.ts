import { countWords } from "./length";

/**
 * Stock phrases that mark generic machine prose. The list is short on purpose: each entry is a phrase
 * an editor would cut on sight, so a hit is a real defect, not a matter of taste.
 */
export const CLICHES = [
  "a testament to",
  "a tapestry of",
  "rich tapestry",
  "in the heart of",
  "sent shivers down",
  "shiver down her spine",
  "shiver down his spine",
  "little did they know",
  "little did she know",
  "little did he know",
  "time stood still",
  "a sense of foreboding",
  "the air was thick with",
  "eyes widened in",
  "let out a breath she didn't know",
  "let out a breath he didn't know",
  "a breath she didn't know she was holding",
  "a breath he didn't know he was holding",
  "it was a dark and stormy night",
  "only time would tell",
  "the calm before the storm",
  "heart pounding in her chest",
  "heart pounding in his chest",
  "a mix of emotions",
  "palpable tension",
  "the weight of the world",
  "delve into",
  "navigate the complexities",
  "in a world where",
  "unbeknownst to",
  "dance of shadows",
  "whispered secrets",
  "an unspoken understanding",
  "a newfound sense of",
  "embark on a journey",
] as const;

function normalise(text: string): string {
  return text.toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, " ");
}

/** Each occurrence of a listed phrase in the text (overlapping entries each count). */
export function clicheHits(text: string, list: readonly string[] = CLICHES): number {
  const hay = normalise(text);
  let hits = 0;
  for (const phrase of list) {
    const needle = normalise(phrase);
    for (let at = hay.indexOf(needle); at >= 0; at = hay.indexOf(needle, at + needle.length)) hits++;
  }
  return hits;
}

/** Cliché hits per thousand words. */
export function clicheRate(text: string, list: readonly string[] = CLICHES): number {
  const words = countWords(text);
  return words === 0 ? 0 : (clicheHits(text, list) * 1000) / words;
}
