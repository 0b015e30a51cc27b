// Embeddings in the response cache, one entry per input text (so a chapter re-embedded after an edit
// pays only for the passages that changed): keyed like text answers by task, first-choice target and
// the text; the vector is stored as base64 of its float32 bytes in the answer's `text`.
import { base64ToBytes, bytesToBase64 } from "@/lib/bytes";
import type { Target } from "../contract";
import { EMBEDDING_TASK } from "../contract";
import { cacheKey } from "../cache/key";
import type { CachedAnswer } from "../cache/store";

export function embeddingCacheKey(target: Target, text: string): Promise<string> {
  return cacheKey({ task: EMBEDDING_TASK, target, messages: [{ role: "user", content: text }] });
}

export function vectorToCached(vector: Float32Array, target: Target, inputTokens: number, costMicroUsd: number | null, estimated: boolean, storedAt: number): CachedAnswer {
  const bytes = new Uint8Array(vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength));
  return {
    text: bytesToBase64(bytes),
    finishReason: "stop",
    targetId: target.id,
    provider: target.provider,
    model: target.model,
    usage: { inputTokens, outputTokens: 0, cachedInputTokens: 0, estimated },
    costMicroUsd,
    costSource: costMicroUsd === null ? "unknown" : "price-table",
    storedAt,
  };
}

/** The stored vector, or undefined when the entry is not one (then the input is embedded again). */
export function vectorFromCached(hit: CachedAnswer): Float32Array | undefined {
  try {
    const bytes = base64ToBytes(hit.text);
    if (bytes.length === 0 || bytes.length % 4 !== 0) return undefined;
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } catch {
    return undefined;
  }
}
