// The fault-injecting upstream: a real HTTP server on loopback that speaks the OpenAI-compatible,
// OpenRouter, Anthropic, Workers AI REST and custom-format dialects, and misbehaves on request.
//
//   const up = await startUpstream();            // random port
//   up.setScenario(["http-503", "ok"]);           // next request fails, then ok (last entry sticks)
//   up.setScenario("hang", { model: "slow" });     // only for requests naming that model
//   fetch(`${up.url}/v1/chat/completions`, { headers: { "x-upstream-scenario": "truncated" }, ... })
//   up.requests                                   // everything received, bodies parsed
//   await up.close();
//
// Standalone: tsx test/helpers/upstream/server.ts --port 8787 [--scenario ok] [--reply "text"]
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { Socket } from "node:net";
import { pathToFileURL } from "node:url";
import { openRouterModels, replyAnthropic, replyCustom, replyOpenAi, replyWorkersAi, type Dialect } from "./dialects";
import { isEmbeddingRequest, replyEmbedding } from "./embeddings";
import { isImageRequest, replyImage } from "./images";
import { isScenarioName, ScenarioQueue, toSpec, type ScenarioInput, type ScenarioSpec } from "./scenarios";

export const DEFAULT_REPLY = "The lighthouse keeper counted the ships until the fog came in.";

export interface LoggedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  dialect: Dialect | "models" | "props";
  scenario: ScenarioSpec["name"];
  at: number;
}

export interface RawResponse {
  status?: number;
  headers?: Record<string, string>;
  body: string;
}

export interface Upstream {
  url: string;
  port: number;
  requests: LoggedRequest[];
  setScenario(scenario: ScenarioInput | ScenarioInput[], options?: { model?: string }): void;
  setReply(text: string): void;
  /** What GET …/models (and llama.cpp's GET /props) answer from now on; default: OpenRouter's model list. */
  setModels(models: unknown, props?: unknown): void;
  /** Answers the next requests with these exact bytes (recorded fixtures), in order, before any scenario. */
  queueRaw(...responses: RawResponse[]): void;
  /** Clears the request log, scenarios and reply. */
  reset(): void;
  close(): Promise<void>;
}

function dialectOf(path: string): Dialect | "models" | "props" | undefined {
  if (path.endsWith("/models")) return "models";
  if (path === "/props") return "props";
  if (path.endsWith("/chat/completions")) return path.startsWith("/api/v1") ? "openrouter" : "openai";
  if (path.endsWith("/embeddings")) return path.startsWith("/api/v1") ? "openrouter" : "openai";
  if (path.endsWith("/v1/messages")) return "anthropic";
  if (path.includes("/ai/run/")) return "workers-ai";
  if (path.startsWith("/custom")) return "custom";
  if (path.endsWith("/images/generations") || path.startsWith("/images/")) return "openai";
  return undefined;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text) return {};
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { _raw: text };
  }
}

export async function startUpstream(options: { port?: number; host?: string; scenario?: ScenarioInput; reply?: string } = {}): Promise<Upstream> {
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();
  let globalQueue = new ScenarioQueue([options.scenario ?? "ok"]);
  let modelQueues = new Map<string, ScenarioQueue>();
  let reply = options.reply ?? DEFAULT_REPLY;
  let models: { list: unknown; props?: unknown } | undefined;
  const raw: RawResponse[] = [];
  let port = 0;

  function pick(req: IncomingMessage, model: string): ScenarioSpec {
    const header = req.headers["x-upstream-scenario"];
    if (typeof header === "string" && isScenarioName(header)) return toSpec(header);
    const tilde = model.lastIndexOf("~");
    if (tilde >= 0) {
      const name = model.slice(tilde + 1);
      if (isScenarioName(name)) return toSpec(name);
    }
    return modelQueues.get(model)?.next() ?? globalQueue.next() ?? { name: "ok" };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://upstream");
    const dialect = dialectOf(url.pathname);
    const body = req.method === "POST" ? await readBody(req) : {};
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers[k] = v;
    if (!dialect) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `no route ${url.pathname}`, type: "not_found_error", code: null } }));
      return;
    }
    const model = dialect === "workers-ai" ? decodeURIComponent(url.pathname.split("/ai/run/")[1] ?? "") : String(body.model ?? "");
    const listing = dialect === "models" || dialect === "props";
    const scenario = listing ? { name: "ok" as const } : pick(req, model);
    requests.push({ method: req.method ?? "GET", path: url.pathname, headers, body, dialect, scenario: scenario.name, at: Date.now() });
    const fixture = listing ? undefined : raw.shift();
    if (fixture) {
      res.writeHead(fixture.status ?? 200, fixture.headers ?? { "content-type": "application/json" });
      res.end(fixture.body);
      return;
    }
    if (dialect === "props" && models?.props === undefined) {
      res.writeHead(404, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: "File Not Found", type: "not_found_error", code: 404 } }));
      return;
    }
    if (listing) {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(dialect === "props" ? models!.props : (models?.list ?? openRouterModels())));
      return;
    }
    if (scenario.name === "hang") return; // accept and never answer
    if (scenario.name === "slow-first-byte") await new Promise((r) => setTimeout(r, scenario.delayMs ?? 150));
    const ctx = { req, res, body, scenario, reply: scenario.reply ?? reply, stream: body.stream === true };
    if (isEmbeddingRequest(url.pathname, model)) return replyEmbedding(ctx, req, res);
    if (isImageRequest(url.pathname, model, body)) return replyImage(ctx, req, res, `http://127.0.0.1:${port}`);
    if (dialect === "anthropic") await replyAnthropic(ctx);
    else if (dialect === "workers-ai") await replyWorkersAi(ctx);
    else if (dialect === "custom") await replyCustom(ctx);
    else await replyOpenAi(ctx, dialect);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(error));
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address();
  port = typeof address === "object" && address ? address.port : 0;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setScenario(scenario, opts = {}) {
      const queue = new ScenarioQueue(Array.isArray(scenario) ? scenario : [scenario]);
      if (opts.model !== undefined) modelQueues.set(opts.model, queue);
      else globalQueue = queue;
    },
    setReply(text) {
      reply = text;
    },
    setModels(list, props) {
      models = { list, props };
    },
    queueRaw(...responses) {
      raw.push(...responses);
    },
    reset() {
      requests.length = 0;
      globalQueue = new ScenarioQueue(["ok"]);
      modelQueues = new Map();
      reply = options.reply ?? DEFAULT_REPLY;
      models = undefined;
      raw.length = 0;
    },
    close() {
      for (const socket of sockets) socket.destroy();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const scenario = argValue("--scenario");
  startUpstream({
    port: Number(argValue("--port") ?? 8787),
    scenario: scenario && isScenarioName(scenario) ? scenario : "ok",
    reply: argValue("--reply"),
  }).then(
    (up) => {
      console.log(`upstream listening on ${up.url} (OpenAI: ${up.url}/v1, OpenRouter: ${up.url}/api/v1, Anthropic: ${up.url}, custom: ${up.url}/custom)`);
    },
    (error: unknown) => {
      console.error("the upstream could not start:", error);
      process.exit(1);
    },
  );
}
