// The image wire formats: Workers AI text-to-image (binding or REST; SDXL answers raw PNG bytes, newer
// models JSON with base64), OpenAI-compatible `/images/generations` (OpenAI, a Modal SDXL server,
// LocalAI; `b64_json`) and OpenRouter chat completions with image output (`modalities`, the picture as
// a data URL in `message.images[].image_url.url`). Requests go through the text service's transport
// (postWire: watchdog, typed HTTP errors), so an image failure is classified like a text one.
import { base64ToBytes } from "@/lib/bytes";
import type { ImageOrientation, ImageRequest, Target } from "../contract";
import { LlmError } from "../errors";
import { parseOpenAiCompletion, parseOpenAiUsage } from "../providers/openai-compatible";
import type { InvokeIo, ReportedUsage } from "../providers/types";
import { CLOUDFLARE_API_BASE, codeFromCloudflare, runBinding, type WorkersAiBinding } from "../providers/workers-ai";
import { networkError, postWire } from "../transport/http-invoker";
import { baseUrlOf, readJsonAnswer, targetHeaders } from "../transport/wire-json";

/** What one attempt brought back, before its bytes are checked. */
export interface PaintedAnswer {
  bytes: Uint8Array;
  usage?: ReportedUsage;
}

export interface ImageInvoker {
  paint(target: Target, req: ImageRequest, io: InvokeIo): Promise<PaintedAnswer>;
}

const SIZES: Record<ImageOrientation, { width: number; height: number; openAi: string; ratio: string }> = {
  portrait: { width: 768, height: 1280, openAi: "1024x1536", ratio: "2:3" },
  square: { width: 1024, height: 1024, openAi: "1024x1024", ratio: "1:1" },
  landscape: { width: 1280, height: 768, openAi: "1536x1024", ratio: "3:2" },
};

function sizeOf(req: ImageRequest) {
  return SIZES[req.orientation ?? "portrait"];
}

async function readBytes(res: Response, io: InvokeIo): Promise<Uint8Array> {
  try {
    return new Uint8Array(await res.arrayBuffer());
  } catch (error) {
    throw io.watchdog.explain(networkError(error, "reading image"));
  }
}

function decodeBase64(text: string): Uint8Array {
  try {
    return base64ToBytes(text);
  } catch (error) {
    throw new LlmError("bad_response", "image answer carries invalid base64", { cause: error });
  }
}

// ---- Workers AI ----

function workersAiInputs(model: string, req: ImageRequest): Record<string, unknown> {
  // FLUX.1 [schnell] takes a prompt and at most 8 steps (and answers `{image: base64}`).
  if (/flux-1-schnell/.test(model)) return { prompt: req.negativePrompt ? `${req.prompt}. Without: ${req.negativePrompt}` : req.prompt, steps: 4 };
  const { width, height } = sizeOf(req);
  const inputs: Record<string, unknown> = { prompt: req.prompt, width, height, num_steps: 20, guidance: 7.5 };
  if (req.negativePrompt) inputs.negative_prompt = req.negativePrompt;
  return inputs;
}

/** A Workers AI result: raw bytes, a stream of them, or `{image: base64}` (possibly in the v4 envelope). */
async function workersAiBytes(value: unknown): Promise<Uint8Array> {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (value instanceof ReadableStream) return new Uint8Array(await new Response(value).arrayBuffer());
  const v = (value ?? {}) as Record<string, unknown>;
  if (v.success === false) {
    const first = ((v.errors as Array<Record<string, unknown>> | undefined) ?? [])[0] ?? {};
    const message = String(first.message ?? "Workers AI error");
    throw new LlmError(codeFromCloudflare(Number(first.code), message), `Workers AI: ${message}`, { body: JSON.stringify(value).slice(0, 500) });
  }
  if (v.result !== undefined) return workersAiBytes(v.result);
  if (typeof v.image === "string") return decodeBase64(v.image);
  throw new LlmError("bad_response", "Workers AI image answer has no image");
}

export const workersAiRestImages: ImageInvoker = {
  async paint(target, req, io) {
    if (!target.accountId) throw new LlmError("config", `target ${target.id} needs the AI binding or CLOUDFLARE_ACCOUNT_ID and CLOUDFLARE_API_TOKEN`, { retryable: false });
    const url = `${baseUrlOf(target, CLOUDFLARE_API_BASE)}/accounts/${target.accountId}/ai/run/${target.model}`;
    const res = await postWire({ url, headers: targetHeaders(target), body: workersAiInputs(target.model, req) }, io);
    io.watchdog.arm("idle");
    if ((res.headers.get("content-type") ?? "").includes("json")) return { bytes: await workersAiBytes(await readJsonAnswer(res, io, "image answer")) };
    return { bytes: await readBytes(res, io) };
  },
};

export function workersAiBindingImages(binding: WorkersAiBinding): ImageInvoker {
  return {
    async paint(target, req, io) {
      const result = await runBinding(binding, target.model, workersAiInputs(target.model, req), io);
      io.watchdog.arm("idle");
      return { bytes: await workersAiBytes(result) };
    },
  };
}

// ---- OpenAI-compatible /images/generations ----

function openAiImageUsage(raw: unknown): ReportedUsage | undefined {
  const u = (raw ?? {}) as Record<string, unknown>;
  if (typeof u.input_tokens !== "number" && typeof u.output_tokens !== "number") return undefined;
  return { inputTokens: Number(u.input_tokens ?? 0), outputTokens: Number(u.output_tokens ?? 0), cachedInputTokens: 0 };
}

export const openAiImages: ImageInvoker = {
  async paint(target, req, io) {
    // DALL·E 3 has its own portrait and landscape sizes; gpt-image and SDXL servers take 1024x1536.
    const size = target.model.startsWith("dall-e-3") && req.orientation !== "square" ? (req.orientation === "landscape" ? "1792x1024" : "1024x1792") : sizeOf(req).openAi;
    const body: Record<string, unknown> = { model: target.model, prompt: req.prompt, n: 1, size };
    // gpt-image models always answer base64 and refuse response_format; the others need it.
    if (!target.model.startsWith("gpt-image")) body.response_format = "b64_json";
    const res = await postWire({ url: `${baseUrlOf(target)}/images/generations`, headers: targetHeaders(target), body }, io);
    io.watchdog.arm("idle");
    const answer = await readJsonAnswer(res, io, "image answer");
    const first = (answer.data as Array<{ b64_json?: unknown; url?: unknown }> | undefined)?.[0];
    const usage = openAiImageUsage(answer.usage);
    if (typeof first?.b64_json === "string") return { bytes: decodeBase64(first.b64_json), usage };
    if (typeof first?.url === "string") {
      // A server that ignores response_format answers a link: fetched under the same watchdog.
      let image: Response;
      try {
        image = await io.fetch(first.url, { signal: io.watchdog.signal });
      } catch (error) {
        throw io.watchdog.explain(networkError(error, "fetching the image URL"));
      }
      if (!image.ok) throw new LlmError("bad_response", `image URL answered ${image.status}`, { status: image.status });
      return { bytes: await readBytes(image, io), usage };
    }
    throw new LlmError("bad_response", "images answer has no data[0].b64_json or url", { body: JSON.stringify(answer).slice(0, 500) });
  },
};

// ---- OpenRouter image output ----

export const openRouterImages: ImageInvoker = {
  async paint(target, req, io) {
    const { ratio } = sizeOf(req);
    const avoid = req.negativePrompt ? ` Do not show: ${req.negativePrompt}.` : "";
    const body = {
      model: target.model,
      modalities: ["image", "text"],
      messages: [{ role: "user", content: `Generate one image (aspect ratio ${ratio}). ${req.prompt}${avoid}` }],
      image_config: { aspect_ratio: ratio },
      usage: { include: true },
      stream: false,
    };
    const res = await postWire({ url: `${baseUrlOf(target)}/chat/completions`, headers: targetHeaders(target), body }, io);
    io.watchdog.arm("idle");
    const answer = await readJsonAnswer(res, io, "image answer");
    // The chat parser raises in-band errors and reads usage (with OpenRouter's charged cost).
    parseOpenAiCompletion(answer);
    const message = ((answer.choices as Array<{ message?: { images?: Array<{ image_url?: { url?: unknown } }> } }>)[0]?.message ?? {});
    const url = message.images?.[0]?.image_url?.url;
    if (typeof url !== "string" || !url.startsWith("data:image/")) throw new LlmError("bad_response", "OpenRouter answer has no image in message.images", { body: JSON.stringify(answer).slice(0, 500) });
    return { bytes: decodeBase64(url), usage: parseOpenAiUsage(answer.usage) };
  },
};

/** The image adapter for a target; the Workers AI binding wins over REST inside a worker. */
export function imageInvokerFor(target: Target, binding: WorkersAiBinding | undefined): ImageInvoker {
  if (target.provider === "workers-ai") return binding ? workersAiBindingImages(binding) : workersAiRestImages;
  if (target.provider === "openrouter") return openRouterImages;
  if (target.provider === "openai" || target.provider === "openai-compatible") return openAiImages;
  throw new LlmError("config", `target ${target.id} (${target.provider}) cannot paint images`, { retryable: false });
}
