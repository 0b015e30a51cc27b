import "server-only";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { createPainter, type AiBinding, type Painter } from "./painter";
import { loadPainterConfig } from "./painter-config";

/** The worker's cover painter (or null: typographic covers), built once per isolate from its environment. */
let cached: { painter: Painter | null } | undefined;

export function getPainter(): Painter | null {
  if (cached) return cached.painter;
  const { env } = getCloudflareContext();
  const ai = (env as unknown as { AI?: AiBinding }).AI;
  const vars = { ...(env as unknown as Record<string, unknown>), ...process.env };
  const strings = Object.fromEntries(Object.entries(vars).filter(([, v]) => typeof v === "string")) as Record<string, string>;
  const config = loadPainterConfig(strings, Boolean(ai));
  cached = { painter: config ? createPainter(config, { ai }) : null };
  return cached.painter;
}

/** For the book page: which model paints covers, or null. A broken configuration is logged, not shown. */
export function painterLabel(): string | null {
  try {
    const painter = getPainter();
    return painter ? `${painter.config.provider} (${painter.config.model})` : null;
  } catch (err) {
    console.error("[quire] cover image configuration is invalid", err);
    return null;
  }
}
