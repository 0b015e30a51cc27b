// Operator CLI for the LLM service, with the app's own configuration (process.env plus .env).
//
//   echo '{"task":"chapter","messages":[{"role":"user","content":"..."}]}' | npm run -s llm
//     prints one JSON event per line while streaming ({"type":"text"}, {"type":"usage"}) and a final
//     {"type":"result", provider, model, attempts, usage, costMicroUsd, cached, text}
//   npm run -s llm -- --health      probes every configured target once (one request, no retries),
//                                   prints its health and exits 1 when any target is down
//   options: --no-stream (one non-streamed call), --no-probe (with --health: no requests)
// A failed run still prints the usage events of its failed attempts before the error.
import { existsSync, readFileSync } from "node:fs";
import { createLlmService, isLlmError, loadLlmConfig, type LlmRequest, type UsageEvent } from "../lib/llm";

function readDotEnv(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/.exec(line);
    if (!m) continue;
    let value = m[2]!;
    if ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'"))) value = value.slice(1, -1);
    else value = value.replace(/\s+#.*$/, "");
    out[m[1]!] = value;
  }
  return out;
}

const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function fail(error: unknown): never {
  // What the failed attempts used is still spent: print it before the error.
  flushEvents();
  if (isLlmError(error)) print({ type: "error", code: error.code, message: error.message, userMessage: error.userMessage, targetId: error.targetId ?? null, status: error.status ?? null });
  else print({ type: "error", code: "cli", message: error instanceof Error ? error.message : String(error) });
  process.exit(1);
}

const events: UsageEvent[] = [];
const flushEvents = () => {
  for (const event of events.splice(0)) print({ type: "usage", ...event });
};

async function main() {
  const args = new Set(process.argv.slice(2));
  const env = { ...readDotEnv(".env"), ...process.env };
  const config = loadLlmConfig(env);
  // A health probe is one request per target: a retry would hide what the target just did.
  if (args.has("--health")) config.retry.maxRetries = 0;
  const llm = createLlmService(config, { sink: { record: (e) => void events.push(e), budgetWarning: (w) => void print({ type: "budget_warning", ...w }) } });

  if (args.has("--health")) {
    let down = 0;
    if (!args.has("--no-probe")) {
      const original = config.routes.summary;
      // Image targets are not probed: a text probe means nothing to them, and a picture costs money.
      for (const target of config.targets.filter((t) => t.output !== "image")) {
        // Route the probe to this one target only.
        config.routes.summary = { strategy: "priority", targets: [{ id: target.id }], noFallback: true };
        const started = Date.now();
        try {
          const r = await llm.generateText({ task: "summary", messages: [{ role: "user", content: "Reply with the word ready." }], maxTokens: 5, cache: false });
          print({ type: "probe", targetId: target.id, ok: true, latencyMs: Date.now() - started, text: r.text.slice(0, 80) });
        } catch (error) {
          down++;
          const misconfigured = isLlmError(error) && error.misconfigured;
          print({ type: "probe", targetId: target.id, ok: false, misconfigured, latencyMs: Date.now() - started, code: isLlmError(error) ? error.code : "unknown", message: error instanceof Error ? error.message : String(error) });
        }
        flushEvents();
      }
      config.routes.summary = original;
    }
    for (const health of llm.health()) print({ type: "health", ...health, state: health.misconfigured ? "misconfigured" : health.circuit === "closed" ? "ok" : "benched" });
    if (down > 0) {
      process.stderr.write(`${down} of ${config.targets.length} targets did not answer the probe\n`);
      process.exit(1);
    }
    return;
  }

  const input = (await readStdin()).trim();
  if (!input) throw new Error('expected a JSON request on stdin, e.g. {"task":"chapter","messages":[{"role":"user","content":"..."}]}');
  let request: LlmRequest & { stream?: boolean };
  try {
    request = JSON.parse(input) as LlmRequest & { stream?: boolean };
  } catch {
    throw new Error("stdin is not valid JSON");
  }
  const streaming = request.stream !== false && !args.has("--no-stream");
  let result;
  if (streaming) {
    const stream = llm.streamText(request);
    for await (const text of stream.textStream) {
      flushEvents();
      print({ type: "text", text });
    }
    result = await stream.result;
  } else {
    result = await llm.generateText(request);
  }
  flushEvents();
  print({
    type: "result",
    provider: result.provider,
    model: result.model,
    targetId: result.targetId,
    attempts: result.attempts,
    usage: result.usage,
    costMicroUsd: result.costMicroUsd,
    costSource: result.costSource,
    cached: result.cached,
    finishReason: result.finishReason,
    arm: result.arm ?? null,
    fallbackFrom: result.fallbackFrom ?? null,
    demo: config.demoOnly,
    text: result.text,
  });
}

main().catch(fail);
