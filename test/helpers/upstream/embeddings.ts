// Embedding dialects of the fault-injecting upstream: OpenAI-compatible `POST …/embeddings` (the
// shape OpenAI, vLLM, Ollama's /v1, llama.cpp and OpenRouter answer: `{object: "list", data: [{object:
// "embedding", index, embedding}], model, usage: {prompt_tokens, total_tokens}}`, OpenRouter adding
// `usage.cost`) and Workers AI REST for embedding models (`{result: {shape: [n, d], data}, success}`).
// Vectors are a deterministic function of the text (8 dimensions), so a test can tell inputs apart.
// HTTP faults reuse the text dialects' scenarios.
import type { IncomingMessage, ServerResponse } from "node:http";
import { httpFailure, type ReplyContext } from "./dialects";

export const UPSTREAM_EMBEDDING_DIMENSIONS = 8;

/** The vector the upstream answers for a text (not normalised: the client must normalise it). */
export function upstreamVector(text: string): number[] {
  const v = Array.from({ length: UPSTREAM_EMBEDDING_DIMENSIONS }, () => 0.5);
  for (let i = 0; i < text.length; i++) v[i % UPSTREAM_EMBEDDING_DIMENSIONS]! += (text.charCodeAt(i) % 17) / 4;
  return v;
}

export function isEmbeddingRequest(path: string, model: string): boolean {
  return path.endsWith("/embeddings") || (path.includes("/ai/run/") && /bge|embed|gte/i.test(model));
}

const tokensOf = (texts: string[]) => texts.reduce((n, t) => n + Math.max(1, Math.ceil(t.length / 4)), 0);

export function replyEmbedding(ctx: ReplyContext, req: IncomingMessage, res: ServerResponse): void {
  const path = new URL(req.url ?? "/", "http://upstream").pathname;
  const cloudflare = path.includes("/ai/run/");
  if (httpFailure(ctx, cloudflare ? "workers-ai" : path.startsWith("/api/v1") ? "openrouter" : "openai")) return;
  const raw = cloudflare ? ctx.body.text : ctx.body.input;
  const texts = (Array.isArray(raw) ? raw : [raw]).map(String);
  // `reply` set to "short" answers one vector too few: a broken server the client must refuse.
  const vectors = (ctx.reply === "short" ? texts.slice(1) : texts).map(upstreamVector);
  res.writeHead(200, { "content-type": "application/json" });
  if (cloudflare) {
    res.end(JSON.stringify({ result: { shape: [vectors.length, UPSTREAM_EMBEDDING_DIMENSIONS], data: vectors, pooling: "mean" }, success: true, errors: [], messages: [] }));
    return;
  }
  const tokens = tokensOf(texts);
  const usage: Record<string, number> = { prompt_tokens: tokens, total_tokens: tokens };
  if (path.startsWith("/api/v1")) usage.cost = tokens * 0.00000002;
  const payload: Record<string, unknown> = { object: "list", data: vectors.map((embedding, index) => ({ object: "embedding", index, embedding })), model: String(ctx.body.model ?? "") };
  if (ctx.scenario.name !== "no-usage") payload.usage = usage;
  res.end(JSON.stringify(payload));
}
