// The embedding wire formats: OpenAI-compatible `POST /embeddings` (OpenAI, OpenRouter, vLLM, Ollama's
// /v1, llama.cpp's server, LocalAI: `{model, input: [...], encoding_format}` → `{data: [{index,
// embedding}], usage: {prompt_tokens}}`), Workers AI embedding models (`{text: [...]}` → `{shape,
// data}`, through the binding or the REST v4 envelope) and the offline demo embedder. Requests go
// through the text transport (postWire: watchdog, typed HTTP errors), so failures classify as text's.
import { base64ToBytes } from "@/lib/bytes";
import type { Target } from "../contract";
import { LlmError, isLlmError } from "../errors";
import { parseOpenAiUsage } from "../providers/openai-compatible";
import type { InvokeIo, ReportedUsage } from "../providers/types";
import { CLOUDFLARE_API_BASE, codeFromCloudflare, runBinding, type WorkersAiBinding } from "../providers/workers-ai";
import { postWire } from "../transport/http-invoker";
import { baseUrlOf, readJsonAnswer, targetHeaders } from "../transport/wire-json";
import { demoEmbedding, normalise } from "./demo";

/** What one attempt brought back, before the vectors are checked against the inputs. */
export interface EmbeddedAnswer {
  vectors: Float32Array[];
  usage?: ReportedUsage;
}

export interface EmbedInvoker {
  embed(target: Target, input: string[], io: InvokeIo): Promise<EmbeddedAnswer>;
}

/** A vector as JSON numbers, or base64 of little-endian float32 (encoding_format "base64"). */
function toVector(raw: unknown): Float32Array {
  if (typeof raw === "string") {
    const bytes = base64ToBytes(raw);
    if (bytes.length % 4 !== 0) throw new LlmError("bad_response", "base64 embedding is not a whole number of float32s");
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return Float32Array.from({ length: bytes.length / 4 }, (_, i) => view.getFloat32(i * 4, true));
  }
  if (!Array.isArray(raw) || raw.length === 0 || !raw.every((x) => typeof x === "number" && Number.isFinite(x))) {
    throw new LlmError("bad_response", "embedding is not a non-empty array of numbers");
  }
  return Float32Array.from(raw as number[]);
}

// ---- OpenAI-compatible /embeddings ----

/** A llama.cpp server started without `--embeddings` answers 501: the target is set up wrong. */
function explainRefusal(error: unknown): unknown {
  if (isLlmError(error) && error.status === 501) {
    return new LlmError("unavailable", `${error.message} (a llama.cpp server embeds only when started with --embeddings)`, { status: 501, body: error.body, retryable: false, misconfigured: true });
  }
  return error;
}

export const openAiEmbeddings: EmbedInvoker = {
  async embed(target, input, io) {
    const body = { model: target.model, input, encoding_format: "float" };
    const res = await postWire({ url: `${baseUrlOf(target)}/embeddings`, headers: targetHeaders(target), body }, io).catch((error: unknown) => {
      throw explainRefusal(error);
    });
    io.watchdog.arm("idle");
    const answer = await readJsonAnswer(res, io, "embedding answer");
    if (answer.error) throw new LlmError("bad_response", `embedding answer carries an error: ${JSON.stringify(answer.error).slice(0, 300)}`, { body: JSON.stringify(answer).slice(0, 500) });
    const data = answer.data;
    if (!Array.isArray(data)) throw new LlmError("bad_response", "embedding answer has no data array", { body: JSON.stringify(answer).slice(0, 500) });
    // `index` says which input each vector belongs to; servers keep the order, but the field is the contract.
    const ordered = [...(data as Array<{ index?: unknown; embedding?: unknown }>)].sort((a, b) => Number(a.index ?? 0) - Number(b.index ?? 0));
    return { vectors: ordered.map((d) => toVector(d.embedding)), usage: parseOpenAiUsage(answer.usage) };
  },
};

// ---- Workers AI ----

/** `{shape: [n, d], data: [[...], ...]}`, possibly inside the REST envelope `{result, success, errors}`. */
function workersAiVectors(value: unknown): Float32Array[] {
  const v = (value ?? {}) as Record<string, unknown>;
  if (v.success === false) {
    const first = ((v.errors as Array<Record<string, unknown>> | undefined) ?? [])[0] ?? {};
    const message = String(first.message ?? "Workers AI error");
    throw new LlmError(codeFromCloudflare(Number(first.code), message), `Workers AI: ${message}`, { body: JSON.stringify(value).slice(0, 500) });
  }
  if (v.result !== undefined) return workersAiVectors(v.result);
  if (!Array.isArray(v.data)) throw new LlmError("bad_response", "Workers AI embedding answer has no data", { body: JSON.stringify(value).slice(0, 500) });
  return (v.data as unknown[]).map(toVector);
}

export const workersAiRestEmbeddings: EmbedInvoker = {
  async embed(target, input, io) {
    if (!target.accountId) throw new LlmError("config", `target ${target.id} needs the AI binding or CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN`, { retryable: false });
    const url = `${baseUrlOf(target, CLOUDFLARE_API_BASE)}/accounts/${target.accountId}/ai/run/${target.model}`;
    const res = await postWire({ url, headers: targetHeaders(target), body: { text: input } }, io);
    io.watchdog.arm("idle");
    return { vectors: workersAiVectors(await readJsonAnswer(res, io, "embedding answer")) };
  },
};

export function workersAiBindingEmbeddings(binding: WorkersAiBinding): EmbedInvoker {
  return {
    async embed(target, input, io) {
      return { vectors: workersAiVectors(await runBinding(binding, target.model, { text: input }, io)) };
    },
  };
}

// ---- The demo embedder ----

export const demoEmbeddings: EmbedInvoker = {
  embed(_target, input) {
    return Promise.resolve({ vectors: input.map((text) => demoEmbedding(text)) });
  },
};

/** The embedding adapter for a target; the Workers AI binding wins over REST inside a worker. */
export function embedInvokerFor(target: Target, binding: WorkersAiBinding | undefined): EmbedInvoker {
  if (target.provider === "demo") return demoEmbeddings;
  if (target.provider === "workers-ai") return binding ? workersAiBindingEmbeddings(binding) : workersAiRestEmbeddings;
  if (target.provider === "openai" || target.provider === "openai-compatible" || target.provider === "openrouter") return openAiEmbeddings;
  throw new LlmError("config", `target ${target.id} (${target.provider}) cannot embed text`, { retryable: false });
}

/** Vectors are compared by dot product: every one leaves here at unit length. */
export function unitVectors(vectors: Float32Array[]): Float32Array[] {
  return vectors.map((v) => normalise(v));
}
