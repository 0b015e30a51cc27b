import "server-only";
import type { Db } from "@/db/client";
import { selectUserUsageByTask } from "@/db/queries/usage";

/** A user's own usage over the last `days` days (UTC, today included), by task, from their rollups. */
export async function recentUsageByTask(db: Db, userId: string, days = 30, now = Date.now()) {
  const to = new Date(now).toISOString().slice(0, 10);
  const from = new Date(now - (days - 1) * 86_400_000).toISOString().slice(0, 10);
  const rows = await selectUserUsageByTask(db, userId, from, to);
  const byTask = rows.map((r) => ({ task: r.task, requests: Number(r.requests), tokens: Number(r.inputTokens) + Number(r.outputTokens), credits: Number(r.credits) }));
  const total = byTask.reduce((a, r) => ({ requests: a.requests + r.requests, tokens: a.tokens + r.tokens, credits: a.credits + r.credits }), { requests: 0, tokens: 0, credits: 0 });
  return { from, to, byTask, total };
}
