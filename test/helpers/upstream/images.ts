// Image-generation dialects of the fault-injecting upstream: OpenAI-compatible
// `/v1/images/generations` (b64_json or a URL to fetch), Workers AI REST for text-to-image models
// (raw PNG bytes, as SDXL answers), and OpenRouter chat completions with `modalities: ["image"]`
// (a data URL in message.images). HTTP faults reuse the text dialects' scenarios.
import type { IncomingMessage, ServerResponse } from "node:http";
import { deflateSync } from "node:zlib";
import { httpFailure, type ReplyContext } from "./dialects";

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "ascii");
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, tail]);
}

/** A real, valid PNG (RGB, a vertical gradient) of the given size: what a painter would send. */
export function gradientPng(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    for (let x = 0; x < width; x++) rows.set([20 + ((y * 200) / height) | 0, 40, 90 + ((x * 120) / width) | 0], row + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", deflateSync(rows)), chunk("IEND", Buffer.alloc(0))]);
}

export const PAINTED = gradientPng(64, 96);

/** Paths of the image routes; text-to-image Workers AI models are told apart by name. */
export function isImageRequest(path: string, model: string, body: Record<string, unknown>): boolean {
  if (path.endsWith("/images/generations") || path.startsWith("/images/")) return true;
  if (path.includes("/ai/run/") && /stable-diffusion|flux|dreamshaper|lucid|phoenix/i.test(model)) return true;
  return path.endsWith("/chat/completions") && Array.isArray(body.modalities) && (body.modalities as unknown[]).includes("image");
}

export async function replyImage(ctx: ReplyContext, req: IncomingMessage, res: ServerResponse, upstreamUrl: string): Promise<void> {
  const path = new URL(req.url ?? "/", "http://upstream").pathname;
  if (path.startsWith("/images/")) {
    res.writeHead(200, { "content-type": "image/png" });
    res.end(PAINTED);
    return;
  }
  const cloudflare = path.includes("/ai/run/");
  if (httpFailure(ctx, cloudflare ? "workers-ai" : "openai")) return;
  // `reply` set to "not-an-image" makes the upstream answer text where an image belongs.
  const bytes = ctx.reply === "not-an-image" ? Buffer.from("<html>not an image</html>") : PAINTED;
  if (cloudflare) {
    res.writeHead(200, { "content-type": ctx.reply === "not-an-image" ? "text/html" : "image/png" });
    res.end(bytes);
    return;
  }
  res.writeHead(200, { "content-type": "application/json" });
  if (path.endsWith("/chat/completions")) {
    res.end(JSON.stringify({ id: "gen-image", choices: [{ index: 0, finish_reason: "stop", message: { role: "assistant", content: "", images: [{ type: "image_url", image_url: { url: `data:image/png;base64,${bytes.toString("base64")}` } }] } }] }));
    return;
  }
  const wantsUrl = ctx.body.response_format === "url";
  res.end(JSON.stringify({ created: 1, data: [wantsUrl ? { url: `${upstreamUrl}/images/painted.png` } : { b64_json: bytes.toString("base64") }] }));
}
