import "server-only";
import { getDb } from "@/db/request-db";
import { getLlm, getLlmForTarget } from "@/lib/ai/service";
import { deferWork } from "@/lib/http/defer";
import type { GatewayDeps } from "./chat";

export function gatewayDeps(): GatewayDeps {
  const base = getLlm();
  return {
    db: getDb(),
    base,
    llmFor: (choice) => (choice.kind === "route" ? base : getLlmForTarget(choice.targetId)),
    defer: deferWork,
  };
}
