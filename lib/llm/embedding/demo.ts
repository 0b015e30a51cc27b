// The offline demo embedder: a hashed bag of words (feature hashing) in a fixed dimension,
// L2-normalised. Deterministic and free; passages that share words (above all names, which are rare
// words) score higher than passages that do not, which is what recall needs to be testable offline.
// It knows no synonyms: "ship" and "vessel" are unrelated here, unlike a real embedding model.

export const DEMO_EMBEDDING_DIMENSIONS = 256;

/** Frequent words that say nothing about what a passage is about. */
const STOPWORDS = new Set(
  "a an and are as at be been but by for from had has have he her hers him his i if in into is it its me my no not of on or our she so than that the their them then there they this to too up was we were what when where which while who will with would you your".split(" "),
);

/** FNV-1a, 32 bits: a stable hash with no dependencies. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

export function demoWords(text: string): string[] {
  return (text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? []).map((w) => w.replace(/'s$/, "").replace(/'/g, "")).filter((w) => w.length > 2 && !STOPWORDS.has(w));
}

/** One unit vector for a text (all zeros for a text with no content words). */
export function demoEmbedding(text: string, dimensions = DEMO_EMBEDDING_DIMENSIONS): Float32Array {
  const counts = new Map<string, number>();
  for (const word of demoWords(text)) counts.set(word, (counts.get(word) ?? 0) + 1);
  const vector = new Float32Array(dimensions);
  for (const [word, count] of counts) {
    const hash = fnv1a(word);
    // A sign bit from the hash keeps collisions from only ever adding up; sublinear term frequency
    // keeps one repeated word from drowning the rest.
    const sign = hash & 0x80000000 ? -1 : 1;
    vector[hash % dimensions]! += sign * (1 + Math.log(count));
  }
  return normalise(vector);
}

export function normalise(vector: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let i = 0; i < vector.length; i++) vector[i]! /= norm;
  return vector;
}
