import "server-only";
import { getCloudflareContext } from "@opennextjs/cloudflare";
import { getDb } from "@/db/request-db";
import { getLlm, getLlmForTarget } from "@/lib/ai/service";
import type { GatewayDeps } from "./chat";

export function gatewayDeps(): GatewayDeps {
  const base = getLlm();
  return {
    db: getDb(),
    base,
    llmFor: (choice) => (choice.kind === "route" ? base : getLlmForTarget(choice.targetId)),
    defer: deferred,
  };
}

export function deferred(work: Promise<unknown>): void {
  getCloudflareContext().ctx.waitUntil(work);
}
