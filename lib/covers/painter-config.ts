import { z } from "zod";

/**
 * Which image model paints covers, from environment variables (listed in .env.example). Unset
 * COVER_IMAGE_PROVIDER means none: Quire then sets a typographic cover of its own, offline and free.
 */
export const PAINTER_PROVIDERS = ["workers-ai", "openai", "openrouter"] as const;
export type PainterProvider = (typeof PAINTER_PROVIDERS)[number];

const DEFAULTS: Record<PainterProvider, { model: string; baseUrl: string }> = {
  "workers-ai": { model: "@cf/stabilityai/stable-diffusion-xl-base-1.0", baseUrl: "https://api.cloudflare.com/client/v4" },
  openai: { model: "gpt-image-1", baseUrl: "https://api.openai.com/v1" },
  openrouter: { model: "google/gemini-2.5-flash-image", baseUrl: "https://openrouter.ai/api/v1" },
};

const schema = z.object({
  COVER_IMAGE_PROVIDER: z.enum(PAINTER_PROVIDERS).optional(),
  COVER_IMAGE_MODEL: z.string().min(1).max(200).optional(),
  COVER_IMAGE_BASE_URL: z.string().url("must be a URL such as https://api.openai.com/v1").optional(),
  COVER_IMAGE_API_KEY: z.string().min(1).max(500).optional(),
  COVER_IMAGE_ACCOUNT_ID: z.string().min(1).max(100).optional(),
  CLOUDFLARE_ACCOUNT_ID: z.string().min(1).max(100).optional(),
  CLOUDFLARE_API_TOKEN: z.string().min(1).max(500).optional(),
  COVER_IMAGE_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(300_000).default(90_000),
  COVER_IMAGE_CREDITS: z.coerce.number().int().min(0).max(10_000).default(10),
});

export type PainterConfig = {
  provider: PainterProvider;
  model: string;
  baseUrl: string;
  apiKey?: string;
  accountId?: string;
  timeoutMs: number;
  /** Credits charged for one painted image, on top of the art brief's tokens. */
  credits: number;
};

export class PainterConfigError extends Error {
  constructor(message: string) {
    super(`Cover image configuration: ${message}`);
    this.name = "PainterConfigError";
  }
}

/** The painter's configuration, or null when no provider is set. `hasAiBinding`: Workers AI needs no REST keys. */
export function loadPainterConfig(env: Record<string, string | undefined>, hasAiBinding = false): PainterConfig | null {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => (k.startsWith("COVER_IMAGE_") || k.startsWith("CLOUDFLARE_")) && v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) throw new PainterConfigError(parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`).join("; "));
  const e = parsed.data;
  if (!e.COVER_IMAGE_PROVIDER) return null;
  const provider = e.COVER_IMAGE_PROVIDER;
  const config: PainterConfig = {
    provider,
    model: e.COVER_IMAGE_MODEL ?? DEFAULTS[provider].model,
    baseUrl: (e.COVER_IMAGE_BASE_URL ?? DEFAULTS[provider].baseUrl).replace(/\/+$/, ""),
    apiKey: e.COVER_IMAGE_API_KEY ?? (provider === "workers-ai" ? e.CLOUDFLARE_API_TOKEN : undefined),
    accountId: e.COVER_IMAGE_ACCOUNT_ID ?? e.CLOUDFLARE_ACCOUNT_ID,
    timeoutMs: e.COVER_IMAGE_TIMEOUT_MS,
    credits: e.COVER_IMAGE_CREDITS,
  };
  if (provider === "workers-ai" && !hasAiBinding && (!config.accountId || !config.apiKey)) {
    throw new PainterConfigError("workers-ai without an AI binding needs COVER_IMAGE_ACCOUNT_ID (or CLOUDFLARE_ACCOUNT_ID) and COVER_IMAGE_API_KEY (or CLOUDFLARE_API_TOKEN)");
  }
  if (provider !== "workers-ai" && !config.apiKey) throw new PainterConfigError(`${provider} needs COVER_IMAGE_API_KEY`);
  return config;
}
