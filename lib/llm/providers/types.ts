// What an adapter must provide. HTTP adapters are "wire dialects" (build a request, parse a body,
// decode stream events) run by one shared HTTP invoker; non-HTTP ones (Workers AI binding, demo)
// implement ModelInvoker directly.
import type { ChatMessage, FinishReason, LlmTask, Sampling, Target } from "../contract";
import type { SseEvent } from "../transport/sse";
import type { Watchdog } from "../transport/watchdog";

export interface ProviderCall {
  task: LlmTask;
  messages: ChatMessage[];
  maxTokens?: number;
  temperature?: number;
  stop?: string[];
  sampling?: Sampling;
  /** Present for generateObject: the JSON schema to send and the zod schema (the demo fills it). */
  json?: { jsonSchema: unknown; zod: unknown; name?: string };
}

export interface ReportedUsage {
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  /** OpenRouter's charged cost, USD. */
  costUsd?: number;
  /** The figures were counted, not reported (the demo model). */
  estimated?: boolean;
}

export type StreamPart =
  | { type: "text"; text: string }
  | { type: "finish"; reason: FinishReason }
  | { type: "usage"; usage: ReportedUsage };

export interface Completion {
  text: string;
  finishReason: FinishReason;
  usage?: ReportedUsage;
}

export interface InvokeIo {
  fetch: typeof fetch;
  watchdog: Watchdog;
  now: () => number;
}

export interface ModelInvoker {
  complete(target: Target, call: ProviderCall, io: InvokeIo): Promise<Completion>;
  /** Yields parts; throws LlmError (truncated, in-band error, ...) rather than ending incomplete. */
  stream(target: Target, call: ProviderCall, io: InvokeIo): AsyncIterable<StreamPart>;
}

export interface WireRequest {
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface StreamDecoder {
  /** Parts carried by one SSE event; throws LlmError for an in-band error or a malformed chunk. */
  event(event: SseEvent): StreamPart[];
  /** Called at end of body: returns trailing parts or throws `truncated` when the answer is incomplete. */
  end(): StreamPart[];
}

export interface WireDialect {
  request(target: Target, call: ProviderCall, stream: boolean): WireRequest;
  parseCompletion(json: unknown): Completion;
  streamDecoder(): StreamDecoder;
}
