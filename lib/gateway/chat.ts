import type { Db } from "@/db/client";
import { OpenCharge } from "@/lib/credits/charge";
import { worstCaseCredits } from "@/lib/credits/prices";
import { AppError } from "@/lib/errors";
import { estimateTokens, type ChatMessage, type LlmRequest, type LlmService } from "@/lib/llm";
import { sseResponse } from "@/lib/http/sse";
import { admitGatewayCall, identify, type Credential } from "./admission";
import { resolveModel, type ModelChoice } from "./models";
import { chunk, completionBody, gatewayError, usageChunk } from "./openai-shape";
import { flattenContent, type ChatCompletionBody } from "./request-schema";

/**
 * One chat call through the gateway, whoever makes it (an API key or the playground): resolve the
 * model, admit the call (key, rate limit and a reservation of the worst case — the prompt and the most
 * the answer may use, at the table's rate for the task — in one D1 round trip: ./admission.ts), call
 * the LLM service, and settle to the metered usage, on success and on failure alike
 * (lib/credits/charge.ts).
 */
/** An API key's hash (checked in the admission batch), or a user already signed in (the playground). */
export type GatewayCaller = { keyHash: string } | { id: string };
export type GatewayDeps = {
  db: Db;
  base: LlmService;
  llmFor: (choice: ModelChoice) => LlmService | undefined;
  /** Runs work after the response is sent (the worker's waitUntil); by default it is awaited. */
  defer?: (work: Promise<unknown>) => void;
};

const DEFAULT_MAX_TOKENS = 1_024;

/** The sampling settings the caller sent, for the targets that take them (the rest are skipped). */
function samplingOf(body: ChatCompletionBody): LlmRequest["sampling"] {
  const sampling = {
    topP: body.top_p ?? undefined,
    seed: body.seed ?? undefined,
    presencePenalty: body.presence_penalty ?? undefined,
    frequencyPenalty: body.frequency_penalty ?? undefined,
  };
  return Object.values(sampling).some((v) => v !== undefined) ? sampling : undefined;
}

function responseFormatOf(body: ChatCompletionBody): LlmRequest["responseFormat"] {
  const format = body.response_format;
  if (!format || format.type === "text") return undefined;
  if (format.type === "json_object") return { type: "json_object" };
  return { type: "json_schema", name: format.json_schema.name, schema: format.json_schema.schema ?? {} };
}

type Prepared = { llm: LlmService; req: LlmRequest; charge: OpenCharge; model: string; id: string; created: number };

async function prepare(deps: GatewayDeps, caller: GatewayCaller, body: ChatCompletionBody, signal?: AbortSignal): Promise<Prepared> {
  const credential: Credential = "keyHash" in caller ? { keyHash: caller.keyHash } : { userId: caller.id };
  const choice = resolveModel(deps.base, body.model);
  const llm = choice && deps.llmFor(choice);
  if (!choice || !llm) {
    await identify(deps.db, credential); // an unknown key hears 401 before anything about models
    throw new AppError("not_found:api", { details: { message: `The model '${body.model}' does not exist. GET /api/v1/models lists them.`, param: "model" } });
  }
  const messages: ChatMessage[] = body.messages.map((m) => ({ role: m.role === "developer" ? "system" : m.role, content: flattenContent(m.content) }));
  const maxTokens = body.max_completion_tokens ?? body.max_tokens ?? DEFAULT_MAX_TOKENS;
  const promptTokens = messages.reduce((n, m) => n + estimateTokens(m.content) + 4, 0);
  const task = choice.kind === "route" ? choice.task : "chapter";
  const description = `API call: ${body.model}`;
  const estimate = worstCaseCredits({ task, promptTokens, maxOutputTokens: maxTokens });
  const admitted = await admitGatewayCall(deps.db, credential, { estimate, description, defer: deps.defer });
  const charge = await OpenCharge.open(
    deps.db,
    // Its usage rows go in the settlement's batch: one write after the answer, not two that the
    // caller's next request queues behind.
    { userId: admitted.userId, key: admitted.key, surface: "api", description, estimate, recordsUsage: true },
    admitted.reservation,
  );
  const req: LlmRequest = {
    task,
    messages,
    maxTokens,
    temperature: body.temperature ?? undefined,
    stop: body.stop == null ? undefined : Array.isArray(body.stop) ? body.stop : [body.stop],
    sampling: samplingOf(body),
    responseFormat: responseFormatOf(body),
    cache: body.quire_cache,
    user: { id: admitted.userId },
    apiKeyId: admitted.apiKeyId,
    signal,
    onUsage: charge.meter.onUsage,
    recordsOwnUsage: charge.recordsUsage,
  };
  return { llm, req, charge, model: body.model, id: `chatcmpl-${crypto.randomUUID().replaceAll("-", "")}`, created: Math.floor(Date.now() / 1000) };
}

function errorResponse(err: unknown): Response {
  const e = gatewayError(err);
  return new Response(JSON.stringify(e.body), { status: e.status, headers: e.headers });
}

/** A non-streaming completion. */
export async function completeChat(deps: GatewayDeps, caller: GatewayCaller, body: ChatCompletionBody, signal?: AbortSignal): Promise<Response> {
  let prepared: Prepared | undefined;
  try {
    prepared = await prepare(deps, caller, body, signal);
    const result = await prepared.llm.generateText(prepared.req);
    const credits = prepared.charge.meter.credits;
    // The settlement is one idempotent ledger row (it never throws): it need not hold up the answer.
    const settling = prepared.charge.close("done");
    if (deps.defer) deps.defer(settling);
    else await settling;
    return Response.json(completionBody(prepared.id, prepared.model, prepared.created, result, credits));
  } catch (err) {
    if (prepared) await prepared.charge.close("failed");
    return errorResponse(err);
  }
}

/**
 * A streamed completion. The response starts only once the first token is in, so that a model that
 * cannot answer gets a real HTTP error status rather than a broken 200 stream.
 */
export async function streamChat(deps: GatewayDeps, caller: GatewayCaller, body: ChatCompletionBody, signal?: AbortSignal): Promise<Response> {
  let prepared: Prepared | undefined;
  try {
    // Aborted when the caller goes away, before or during the stream: the upstream call stops.
    const watcher = new AbortController();
    signal?.addEventListener("abort", () => watcher.abort(), { once: true });
    prepared = await prepare(deps, caller, body, watcher.signal);
    const p = prepared;
    const stream = p.llm.streamText(p.req);
    const iterator = stream.textStream[Symbol.asyncIterator]();
    const first = await iterator.next().catch(async (err: unknown) => {
      await stream.result.catch(() => undefined);
      throw err;
    });
    const includeUsage = body.stream_options?.include_usage === true;
    return sseResponse(
      async (out) => {
        const send = (data: object) => out.send(data);
        try {
          send(chunk(p.id, p.model, p.created, { role: "assistant", content: "" }, null));
          if (!first.done) send(chunk(p.id, p.model, p.created, { content: first.value }, null));
          await out.each(iterator, (piece) => void send(chunk(p.id, p.model, p.created, { content: piece }, null)));
          if (!out.open) return; // the caller went away: the upstream call is stopped; the finally below refunds
          const result = await stream.result;
          const credits = await p.charge.close("done");
          send(chunk(p.id, p.model, p.created, {}, result.finishReason === "length" ? "length" : "stop", includeUsage ? {} : { quire: { cached: result.cached, credits } }));
          if (includeUsage) send(usageChunk(p.id, p.model, p.created, result, credits));
          out.send("[DONE]");
        } catch (err) {
          // After the first token the status is sent: report in band, as OpenAI does, never as complete.
          if (out.open) out.send(gatewayError(err).body);
        } finally {
          // Done, failed or abandoned: the charge settles to what was metered (once; a no-op after "done").
          stream.result.catch(() => undefined);
          await p.charge.close("failed");
        }
      },
      { signal, abort: watcher },
    );
  } catch (err) {
    if (prepared) await prepared.charge.close("failed");
    return errorResponse(err);
  }
}
