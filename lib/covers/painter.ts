import { inspectImage, type ImageInfo } from "./image-bytes";
import type { PainterConfig } from "./painter-config";

/**
 * Paints cover art from a brief, over plain fetch (Web APIs only, so the same code runs in the
 * worker, in scripts and against the test upstream). Three dialects: Workers AI (binding or REST;
 * SDXL answers raw PNG bytes, newer models JSON with base64), OpenAI-compatible
 * `/images/generations` (OpenAI, a Modal SDXL server, LocalAI …) and OpenRouter's chat completions
 * with image output. Whatever comes back must be a real PNG, JPEG or WebP; anything else is a
 * PaintError, which the caller turns into a typographic cover.
 */
export type PaintedArt = { bytes: Uint8Array; info: ImageInfo };
export type PaintFailure = "timeout" | "network" | "http" | "bad_response" | "not_an_image";

export class PaintError extends Error {
  constructor(
    readonly reason: PaintFailure,
    readonly status?: number,
    options: { cause?: unknown } = {},
  ) {
    super(`cover painter failed: ${reason}${status ? ` (${status})` : ""}`, options);
    this.name = "PaintError";
  }
  get retryable(): boolean {
    return this.reason === "timeout" || this.reason === "network" || (this.reason === "http" && (this.status === 429 || (this.status ?? 0) >= 500));
  }
}

/** The AI binding's shape, as much of it as Quire uses. */
export type AiBinding = { run(model: string, input: Record<string, unknown>): Promise<unknown> };

export type Painter = { config: PainterConfig; paint(brief: string, signal?: AbortSignal): Promise<PaintedArt> };

const NEGATIVE = "text, letters, words, title, typography, watermark, signature, logo, frame, border, blurry, low quality";

function fromBase64(b64: string): Uint8Array {
  const binary = atob(b64.replace(/^data:[^,]*,/, "").replace(/\s+/g, ""));
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

async function bytesOf(value: unknown): Promise<Uint8Array> {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value instanceof ReadableStream) return new Uint8Array(await new Response(value).arrayBuffer());
  if (value && typeof value === "object" && typeof (value as { image?: unknown }).image === "string") return fromBase64((value as { image: string }).image);
  throw new PaintError("bad_response");
}

function checked(bytes: Uint8Array): PaintedArt {
  const info = inspectImage(bytes);
  if (typeof info === "string") throw new PaintError("not_an_image");
  return { bytes, info };
}

async function post(config: PainterConfig, url: string, body: unknown, signal: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {}) },
      body: JSON.stringify(body),
      signal,
    });
  } catch (err) {
    throw new PaintError(signal.aborted ? "timeout" : "network", undefined, { cause: err });
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => {});
    throw new PaintError("http", res.status);
  }
  return res;
}

async function json(res: Response): Promise<Record<string, unknown>> {
  try {
    return (await res.json()) as Record<string, unknown>;
  } catch (err) {
    throw new PaintError("bad_response", undefined, { cause: err });
  }
}

async function workersAi(config: PainterConfig, brief: string, signal: AbortSignal, ai?: AiBinding): Promise<Uint8Array> {
  const input = { prompt: brief, negative_prompt: NEGATIVE, width: 768, height: 1280, num_steps: 20, guidance: 7.5 };
  if (ai) {
    try {
      return await bytesOf(await ai.run(config.model, input));
    } catch (err) {
      if (err instanceof PaintError) throw err;
      throw new PaintError("http", undefined, { cause: err });
    }
  }
  const res = await post(config, `${config.baseUrl}/accounts/${config.accountId}/ai/run/${config.model}`, input, signal);
  if ((res.headers.get("content-type") ?? "").includes("json")) {
    const body = await json(res);
    return bytesOf((body.result as unknown) ?? body);
  }
  return new Uint8Array(await res.arrayBuffer());
}

async function openAiImages(config: PainterConfig, brief: string, signal: AbortSignal): Promise<Uint8Array> {
  // gpt-image models always answer base64 and refuse the response_format parameter; others need it.
  const body: Record<string, unknown> = { model: config.model, prompt: brief, n: 1, size: "1024x1536" };
  if (!config.model.startsWith("gpt-image")) body.response_format = "b64_json";
  const answer = await json(await post(config, `${config.baseUrl}/images/generations`, body, signal));
  const first = (answer.data as Array<{ b64_json?: string; url?: string }> | undefined)?.[0];
  if (first?.b64_json) return fromBase64(first.b64_json);
  if (first?.url) {
    const res = await fetch(first.url, { signal }).catch((err: unknown) => {
      throw new PaintError("network", undefined, { cause: err });
    });
    if (!res.ok) throw new PaintError("http", res.status);
    return new Uint8Array(await res.arrayBuffer());
  }
  throw new PaintError("bad_response");
}

async function openRouter(config: PainterConfig, brief: string, signal: AbortSignal): Promise<Uint8Array> {
  const body = { model: config.model, modalities: ["image", "text"], messages: [{ role: "user", content: `Paint a book cover illustration, portrait 2:3, no text: ${brief}` }] };
  const answer = await json(await post(config, `${config.baseUrl}/chat/completions`, body, signal));
  const message = (answer.choices as Array<{ message?: { images?: Array<{ image_url?: { url?: string } }> } }> | undefined)?.[0]?.message;
  const url = message?.images?.[0]?.image_url?.url;
  if (!url?.startsWith("data:image/")) throw new PaintError("bad_response");
  return fromBase64(url);
}

export function createPainter(config: PainterConfig, deps: { ai?: AiBinding } = {}): Painter {
  return {
    config,
    async paint(brief, outer) {
      let last: PaintError | undefined;
      for (let attempt = 0; attempt < 2; attempt++) {
        const signal = outer ? AbortSignal.any([outer, AbortSignal.timeout(config.timeoutMs)]) : AbortSignal.timeout(config.timeoutMs);
        try {
          const bytes =
            config.provider === "workers-ai"
              ? await workersAi(config, brief, signal, deps.ai)
              : config.provider === "openai"
                ? await openAiImages(config, brief, signal)
                : await openRouter(config, brief, signal);
          return checked(bytes);
        } catch (err) {
          last = err instanceof PaintError ? err : new PaintError(signal.aborted ? "timeout" : "bad_response", undefined, { cause: err });
          if (!last.retryable || outer?.aborted) break;
          await new Promise((r) => setTimeout(r, 250 + Math.random() * 500));
        }
      }
      throw last!;
    },
  };
}
