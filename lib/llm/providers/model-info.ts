// What an OpenAI-compatible server says about its model: the context window it will actually accept.
// vLLM reports `max_model_len` on /v1/models; llama.cpp reports `meta.n_ctx` there (the whole context)
// and the per-slot window on /props (`default_generation_settings.n_ctx`), which is what one request
// gets when the server runs several slots. LM Studio and OpenRouter-style lists say `context_length`.
import type { Target } from "../contract";

/** The smallest window Quire believes a server reports (anything lower is a unit mistake). */
const MIN_WINDOW = 128;

function positive(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n >= MIN_WINDOW ? Math.floor(n) : undefined;
}

async function getJson(doFetch: typeof fetch, url: string, target: Target, signal: AbortSignal): Promise<unknown> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  const res = await doFetch(url, { headers, signal });
  if (!res.ok) {
    await res.body?.cancel();
    return undefined;
  }
  return res.json();
}

/** The window named by one model entry of a /v1/models list. */
export function windowOfModelEntry(entry: Record<string, unknown>): { window?: number; llamaCpp: boolean } {
  const meta = (entry.meta ?? {}) as Record<string, unknown>;
  const llamaCpp = meta.n_ctx !== undefined || entry.owned_by === "llamacpp";
  return {
    window: positive(entry.max_model_len) ?? positive(meta.n_ctx) ?? positive(entry.context_length) ?? positive(entry.context_window) ?? positive(entry.max_context_length),
    llamaCpp,
  };
}

/** Asks the target's server for its context window; undefined when it does not say. Never throws. */
export async function discoverContextWindow(target: Target, doFetch: typeof fetch, timeoutMs: number): Promise<number | undefined> {
  if (!target.baseUrl) return undefined;
  const base = target.baseUrl.replace(/\/+$/, "");
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    const list = (await getJson(doFetch, `${base}/models`, target, signal)) as { data?: Array<Record<string, unknown>> } | undefined;
    const models = Array.isArray(list?.data) ? list.data : [];
    const entry = models.find((m) => m.id === target.model || (Array.isArray(m.aliases) && m.aliases.includes(target.model))) ?? (models.length === 1 ? models[0] : undefined);
    if (!entry) return undefined;
    const { window, llamaCpp } = windowOfModelEntry(entry);
    if (!llamaCpp) return window;
    // llama.cpp divides its context between slots; /props (at the server root) has one slot's share.
    const root = base.replace(/\/v1$/, "");
    const props = (await getJson(doFetch, `${root}/props`, target, signal).catch(() => undefined)) as { default_generation_settings?: { n_ctx?: unknown } } | undefined;
    const slot = positive(props?.default_generation_settings?.n_ctx);
    return slot !== undefined && (window === undefined || slot < window) ? slot : window;
  } catch {
    return undefined;
  }
}
