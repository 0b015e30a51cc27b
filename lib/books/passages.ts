// Passages: how a written chapter is cut for recall, how their vectors are stored, and how the ones
// most related to a query are found. Pure functions; the job step and the recall read/write D1 in
// lib/books/recall.ts.
import { base64ToBytes, bytesToBase64 } from "@/lib/bytes";

/**
 * Paragraphs are merged until a passage holds PASSAGE_MIN_WORDS words and never grown past
 * PASSAGE_MAX_WORDS; a paragraph longer than that is cut at sentence ends. ~150-250 words is a scene
 * beat: long enough to carry who, where and what happened, short enough that a recalled passage is
 * about one thing, and under the 512 tokens BGE embedding models read (250 words ≈ 350 tokens).
 */
export const PASSAGE_MIN_WORDS = 150;
export const PASSAGE_MAX_WORDS = 250;
/** Passages offered to the context builder, best first; it keeps those that fit its recall cap (~3). */
export const RECALL_CANDIDATES = 8;

const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

/** A paragraph longer than a passage, cut at sentence ends into pieces of at most `max` words. */
function splitLong(paragraph: string, max: number): string[] {
  const sentences = paragraph.match(/[^.!?]+[.!?]+["'”’)]*\s*|[^.!?]+$/g) ?? [paragraph];
  const pieces: string[] = [];
  let current = "";
  for (const sentence of sentences) {
    if (current && words(current) + words(sentence) > max) {
      pieces.push(current.trim());
      current = "";
    }
    // A single sentence over the limit is cut by words.
    if (words(sentence) > max) {
      const w = sentence.trim().split(/\s+/);
      for (let i = 0; i < w.length; i += max) pieces.push(w.slice(i, i + max).join(" "));
      continue;
    }
    current += sentence;
  }
  if (current.trim()) pieces.push(current.trim());
  return pieces;
}

/** A chapter's text cut into passages of ~150-250 words, in order. */
export function cutPassages(text: string, min = PASSAGE_MIN_WORDS, max = PASSAGE_MAX_WORDS): string[] {
  const paragraphs = text
    .split(/\n\s*\n|\r\n\s*\r\n/)
    .map((p) => p.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .flatMap((p) => (words(p) > max ? splitLong(p, max) : [p]));
  const passages: string[] = [];
  let current: string[] = [];
  let count = 0;
  for (const paragraph of paragraphs) {
    const n = words(paragraph);
    if (count > 0 && (count >= min || count + n > max)) {
      passages.push(current.join("\n\n"));
      current = [];
      count = 0;
    }
    current.push(paragraph);
    count += n;
  }
  if (current.length > 0) {
    const last = passages[passages.length - 1];
    // A short remainder joins the passage before it when both still fit a passage and a half.
    if (last !== undefined && count < min / 2 && words(last) + count <= max * 1.5) passages[passages.length - 1] = `${last}\n\n${current.join("\n\n")}`;
    else passages.push(current.join("\n\n"));
  }
  return passages;
}

/** A unit vector quantised to int8 (x * 127) as base64: 1 byte a dimension, ranking unchanged in practice. */
export function encodeVector(vector: Float32Array): string {
  const q = new Int8Array(vector.length);
  for (let i = 0; i < vector.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(vector[i]! * 127)));
  return bytesToBase64(new Uint8Array(q.buffer));
}

export function decodeVector(encoded: string): Int8Array {
  const bytes = base64ToBytes(encoded);
  return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Cosine similarity of a unit query and a stored (quantised) vector. */
export function similarity(query: Float32Array, stored: Int8Array): number {
  if (stored.length !== query.length) return -1;
  let dot = 0;
  let norm = 0;
  for (let i = 0; i < stored.length; i++) {
    const s = stored[i]!;
    dot += query[i]! * s;
    norm += s * s;
  }
  return norm === 0 ? 0 : dot / Math.sqrt(norm);
}

export type PassageCandidate = { id: string; chapterId: string; seq: number; vector: Int8Array };
export type RankedPassage = { id: string; chapterId: string; seq: number; score: number };

/**
 * The passages most similar to the query, by exact cosine over every candidate (a book's few
 * thousand passages take milliseconds; see docs), at most `perChapter` from one chapter so that one
 * long scene does not crowd out the rest.
 */
export function rankPassages(query: Float32Array, candidates: PassageCandidate[], limit: number, perChapter = 2): RankedPassage[] {
  const scored = candidates.map((c) => ({ id: c.id, chapterId: c.chapterId, seq: c.seq, score: similarity(query, c.vector) }));
  scored.sort((a, b) => b.score - a.score);
  const taken = new Map<string, number>();
  const out: RankedPassage[] = [];
  for (const p of scored) {
    if (out.length >= limit) break;
    if (p.score <= 0) break;
    const n = taken.get(p.chapterId) ?? 0;
    if (n >= perChapter) continue;
    taken.set(p.chapterId, n + 1);
    out.push(p);
  }
  return out;
}
