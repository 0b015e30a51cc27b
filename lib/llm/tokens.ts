// Token counting. A real BPE tokenizer (js-tiktoken, cl100k_base: the lighter of the modern encodings,
// ~1 MB, loaded lazily so a worker that never needs it never parses it) for usage the provider did not
// report; a cheap length-based approximation for pre-dispatch decisions on the hot path.
import type { Tiktoken } from "js-tiktoken/lite";
import type { ChatMessage } from "./contract";

let encoder: Tiktoken | undefined;
let loading: Promise<Tiktoken> | undefined;

/** Per-message framing tokens in chat formats (role markers, separators). */
const MESSAGE_OVERHEAD = 4;

export function loadTokenizer(): Promise<void> {
  loading ??= Promise.all([import("js-tiktoken/lite"), import("js-tiktoken/ranks/cl100k_base")]).then(([lite, ranks]) => {
    encoder = new lite.Tiktoken(ranks.default);
    return encoder;
  });
  return loading.then(() => undefined);
}

/** Fast approximation (about 4 characters per token for English prose); never 0 for non-empty text. */
export function approximateTokens(text: string): number {
  return text.length === 0 ? 0 : Math.ceil(text.length / 4);
}

/** Tokens in `text`: exact once the tokenizer is loaded, approximate before. */
export function estimateTokens(text: string): number {
  if (text.length === 0) return 0;
  return encoder ? encoder.encode(text).length : approximateTokens(text);
}

/** Exact count with the real tokenizer (loads it on first use). */
export async function countTokens(text: string): Promise<number> {
  if (!encoder) await loadTokenizer();
  return estimateTokens(text);
}

export async function countMessageTokens(messages: ChatMessage[]): Promise<number> {
  if (!encoder) await loadTokenizer();
  let total = 0;
  for (const m of messages) total += estimateTokens(m.content) + MESSAGE_OVERHEAD;
  return total;
}

export function approximateMessageTokens(messages: ChatMessage[]): number {
  let total = 0;
  for (const m of messages) total += approximateTokens(m.content) + MESSAGE_OVERHEAD;
  return total;
}
