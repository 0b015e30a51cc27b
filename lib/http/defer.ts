import "server-only";
import { getCloudflareContext } from "@opennextjs/cloudflare";

/** Work that need not hold up the response: the worker's waitUntil keeps it running after the answer. */
export function deferWork(work: Promise<unknown>): void {
  getCloudflareContext().ctx.waitUntil(work);
}
