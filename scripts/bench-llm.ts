// Overhead benchmark of Quire's LLM service: the same requests through the service and directly
// (raw fetch) to the same loopback upstream, non-streaming and streaming, at several concurrencies;
// plus a memory cache hit, and the AI SDK's openai-compatible transport for comparison.
// The upstream runs in its own process, as a real server would: its work is not queued in the same
// event loop as the caller's, so what is measured is what the caller's side adds. Each path's turn
// starts with the previous path's garbage collected, so no path pays for another's.
// The last line printed is one JSON object of the figures.
import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { generateText as aiGenerateText, streamText as aiStreamText } from "ai";
import { performance } from "node:perf_hooks";
import { createLlmService, loadLlmConfig, type LlmRequest } from "../lib/llm";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const CONCURRENCIES = [1, 8, 32];
const SAMPLES: Record<number, number> = { 1: 1500, 8: 2400, 32: 3200 };
const ROUNDS = 3;
const REPLY = "The lighthouse keeper counted the ships until the fog came in, and then he counted the bells.";
const MESSAGES = [
  { role: "system" as const, content: "You are a careful writing assistant." },
  { role: "user" as const, content: "Summarise the harbour scene in one sentence." },
];

interface Sample {
  latency: number;
  ttft?: number;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

async function runConcurrent(total: number, concurrency: number, one: () => Promise<Sample>): Promise<Sample[]> {
  const samples: Sample[] = [];
  let started = 0;
  async function worker() {
    while (started < total) {
      started++;
      samples.push(await one());
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return samples;
}

/** The fault-injecting upstream of the tests, in a child process on a free port. */
async function startUpstreamProcess(): Promise<{ url: string; child: ChildProcess }> {
  const script = path.resolve(import.meta.dirname, "../test/helpers/upstream/server.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script, "--port", "0", "--reply", REPLY], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on (http:\/\/[\d.:]+)/.exec(out);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the upstream process exited (${code}) before it listened`)));
  });
  return { url, child };
}

const collectGarbage = () => (globalThis as { gc?: () => void }).gc?.();

async function main() {
  const up = await startUpstreamProcess();
  process.once("exit", () => up.child.kill());
  const baseUrl = `${up.url}/v1`;
  const config = loadLlmConfig({
    CUSTOM_LLM_BASE_URL: baseUrl,
    CUSTOM_LLM_MODEL: "bench-model",
    CUSTOM_LLM_API_KEY: "bench-key",
    CUSTOM_LLM_PRICE_INPUT_PER_MTOK: "0.1",
    CUSTOM_LLM_PRICE_OUTPUT_PER_MTOK: "0.2",
    LLM_REFRESH_PRICES: "false",
  });
  const llm = createLlmService(config, { sink: { record() {} } });
  const request: LlmRequest = { task: "summary", messages: MESSAGES, maxTokens: 200, temperature: 0.7, cache: false };
  const body = (stream: boolean) =>
    JSON.stringify({ model: "bench-model", messages: MESSAGES, stream, max_tokens: 200, temperature: 0.7, ...(stream ? { stream_options: { include_usage: true } } : {}) });
  const headers = { "content-type": "application/json", authorization: "Bearer bench-key" };

  const directComplete = async (): Promise<Sample> => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/chat/completions`, { method: "POST", headers, body: body(false) });
    const json = (await res.json()) as { choices: Array<{ message: { content: string } }> };
    if (json.choices[0]!.message.content !== REPLY) throw new Error("direct: wrong text");
    return { latency: performance.now() - t0 };
  };
  const directStream = async (): Promise<Sample> => {
    const t0 = performance.now();
    const res = await fetch(`${baseUrl}/chat/completions`, { method: "POST", headers: { ...headers, accept: "text/event-stream" }, body: body(true) });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let ttft: number | undefined;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (ttft === undefined && /"content":"[^"]/.test(decoder.decode(value, { stream: true }))) ttft = performance.now() - t0;
    }
    return { latency: performance.now() - t0, ttft };
  };
  const serviceComplete = async (): Promise<Sample> => {
    const t0 = performance.now();
    const result = await llm.generateText(request);
    if (result.text !== REPLY) throw new Error("service: wrong text");
    return { latency: performance.now() - t0 };
  };
  const serviceStream = async (): Promise<Sample> => {
    const t0 = performance.now();
    const stream = llm.streamText(request);
    let ttft: number | undefined;
    for await (const chunk of stream.textStream) if (ttft === undefined && chunk.length > 0) ttft = performance.now() - t0;
    await stream.result;
    return { latency: performance.now() - t0, ttft };
  };
  const aiProvider = createOpenAICompatible({ name: "bench", baseURL: baseUrl, apiKey: "bench-key", includeUsage: true });
  const aiModel = aiProvider.chatModel("bench-model");
  const aiComplete = async (): Promise<Sample> => {
    const t0 = performance.now();
    const result = await aiGenerateText({ model: aiModel, instructions: MESSAGES[0].content, messages: MESSAGES.slice(1), maxOutputTokens: 200, temperature: 0.7, maxRetries: 0 });
    if (result.text !== REPLY) throw new Error("ai sdk: wrong text");
    return { latency: performance.now() - t0 };
  };
  const aiStream = async (): Promise<Sample> => {
    const t0 = performance.now();
    const result = aiStreamText({ model: aiModel, instructions: MESSAGES[0].content, messages: MESSAGES.slice(1), maxOutputTokens: 200, temperature: 0.7, maxRetries: 0 });
    let ttft: number | undefined;
    for await (const chunk of result.textStream) if (ttft === undefined && chunk.length > 0) ttft = performance.now() - t0;
    return { latency: performance.now() - t0, ttft };
  };

  type Path = "direct" | "service" | "aiSdk";
  const fns: Record<"complete" | "stream", Record<Path, () => Promise<Sample>>> = {
    complete: { direct: directComplete, service: serviceComplete, aiSdk: aiComplete },
    stream: { direct: directStream, service: serviceStream, aiSdk: aiStream },
  };

  // Warm up every path (JIT, connection pools, tokenizer-free hot path).
  for (const mode of ["complete", "stream"] as const) for (const path of ["direct", "service", "aiSdk"] as const) await runConcurrent(300, 4, fns[mode][path]);

  const details: Record<string, unknown> = {};
  const headline = { addedLatencyP50Ms: 0, addedLatencyP99Ms: 0, addedTtftP50Ms: 0 };
  const aiHeadline = { addedLatencyP50Ms: 0, addedLatencyP99Ms: 0, addedTtftP50Ms: 0 };
  // The issue's second figure: what the service adds to the median of 32 concurrent streams.
  const streamAt32 = { addedP50Ms: 0 };
  for (const mode of ["complete", "stream"] as const) {
    for (const concurrency of CONCURRENCIES) {
      const collected: Record<Path, Sample[]> = { direct: [], service: [], aiSdk: [] };
      // Interleave paths in rounds so that drift (GC, CPU frequency) hits all of them alike.
      for (let round = 0; round < ROUNDS; round++) {
        for (const path of ["direct", "service", "aiSdk"] as const) {
          collectGarbage();
          collected[path].push(...(await runConcurrent(Math.ceil(SAMPLES[concurrency]! / ROUNDS), concurrency, fns[mode][path])));
        }
      }
      const stats = (path: Path) => {
        const lat = collected[path].map((s) => s.latency);
        const ttft = collected[path].map((s) => s.ttft).filter((x): x is number => x !== undefined);
        return { p50: percentile(lat, 50), p99: percentile(lat, 99), ttftP50: ttft.length > 0 ? percentile(ttft, 50) : undefined };
      };
      const d = stats("direct");
      const s = stats("service");
      const a = stats("aiSdk");
      const row = {
        directP50: round3(d.p50),
        directP99: round3(d.p99),
        serviceP50: round3(s.p50),
        serviceP99: round3(s.p99),
        addedP50: round3(s.p50 - d.p50),
        addedP99: round3(s.p99 - d.p99),
        aiSdkAddedP50: round3(a.p50 - d.p50),
        aiSdkAddedP99: round3(a.p99 - d.p99),
        ...(mode === "stream" ? { directTtftP50: round3(d.ttftP50!), serviceTtftP50: round3(s.ttftP50!), addedTtftP50: round3(s.ttftP50! - d.ttftP50!), aiSdkAddedTtftP50: round3(a.ttftP50! - d.ttftP50!) } : {}),
      };
      details[`${mode}@${concurrency}`] = row;
      console.log(`${mode.padEnd(8)} c=${String(concurrency).padEnd(3)} direct p50 ${row.directP50} ms p99 ${row.directP99} ms | service +${row.addedP50} ms p50, +${row.addedP99} ms p99${mode === "stream" ? `, TTFT +${row.addedTtftP50} ms` : ""} | AI SDK +${row.aiSdkAddedP50} ms p50, +${row.aiSdkAddedP99} ms p99${mode === "stream" ? `, TTFT +${row.aiSdkAddedTtftP50} ms` : ""}`);
      if (mode === "stream" && concurrency === 32) streamAt32.addedP50Ms = row.addedP50;
      if (concurrency === 1) {
        headline.addedLatencyP50Ms = Math.max(headline.addedLatencyP50Ms, row.addedP50);
        headline.addedLatencyP99Ms = Math.max(headline.addedLatencyP99Ms, row.addedP99);
        aiHeadline.addedLatencyP50Ms = Math.max(aiHeadline.addedLatencyP50Ms, row.aiSdkAddedP50);
        aiHeadline.addedLatencyP99Ms = Math.max(aiHeadline.addedLatencyP99Ms, row.aiSdkAddedP99);
        if (mode === "stream") {
          headline.addedTtftP50Ms = row.addedTtftP50!;
          aiHeadline.addedTtftP50Ms = row.aiSdkAddedTtftP50!;
        }
      }
    }
  }

  // Memory cache hit: the whole generateText call for a cached answer.
  const cachedRequest: LlmRequest = { ...request, cache: true };
  await llm.generateText(cachedRequest);
  const hits: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const t0 = performance.now();
    const result = await llm.generateText(cachedRequest);
    hits.push(performance.now() - t0);
    if (!result.cached) throw new Error("expected a cache hit");
  }
  const cacheHitP50Ms = round3(percentile(hits.slice(500), 50));
  const cacheHitP99Ms = round3(percentile(hits.slice(500), 99));
  console.log(`cache    memory hit p50 ${cacheHitP50Ms} ms, p99 ${cacheHitP99Ms} ms`);
  console.log("headline figures are at concurrency 1 (worst of non-streaming and streaming); 'added' = service minus raw fetch on the same upstream");
  up.child.kill();
  console.log(
    JSON.stringify({
      ...headline,
      addedStreamP50At32Ms: streamAt32.addedP50Ms,
      cacheHitP50Ms,
      cacheHitP99Ms,
      targets: { addedLatencyP50Ms: 0.3, addedLatencyP99Ms: 1.5, addedTtftP50Ms: 1, addedStreamP50At32Ms: 2, cacheHitP50Ms: 0.2 },
      aiSdk: aiHeadline,
      node: process.version,
      details,
    }),
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
