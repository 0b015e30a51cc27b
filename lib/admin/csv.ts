import type { UsageSums } from "@/db/queries/admin";
import type { Dashboard } from "./dashboard";
import type { DashboardFilters } from "./filters";

/**
 * A CSV cell: quoted when needed, and never starting with a formula character (spreadsheet injection,
 * OWASP's list: = + - @ tab CR). Only a real number (a number or bigint value) is written as it is:
 * a string that merely looks numeric, such as "-2+3+a@evil.co", is text a user chose and is escaped.
 */
export function cell(value: unknown): string {
  if ((typeof value === "number" && Number.isFinite(value)) || typeof value === "bigint") return String(value);
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const usd = (micro: number) => (Number(micro) / 1_000_000).toFixed(6);

/** Unknown is not zero: a row whose every call had no price says "unknown", never 0.000000. */
const spend = (micro: number, unpriced: number, requests: number) => (Number(unpriced) > 0 && Number(unpriced) >= Number(requests) ? "unknown" : usd(micro));

function sumsRow(section: string, key: string, s: UsageSums): string[] {
  return [section, key, s.requests, s.errors, s.cachedRequests, s.fallbacks, s.inputTokens, s.outputTokens, s.cachedTokens, spend(s.costMicroUsd, s.unpricedRequests, s.requests), usd(s.savedMicroUsd), s.credits, s.unpricedRequests].map(cell);
}

/** What the dashboard shows for these filters, one section per panel, in one CSV. */
export function dashboardCsv(d: Dashboard, f: DashboardFilters): string {
  const rows: string[][] = [
    ["section", "key", "requests", "errors", "cached_requests", "fallbacks", "input_tokens", "output_tokens", "cached_tokens", "cost_usd", "saved_usd", "credits", "unpriced_requests"],
    ["filters", `${f.from}..${f.to}${f.model ? ` model=${f.model}` : ""}${f.task ? ` task=${f.task}` : ""}`].map(cell),
    sumsRow("total", "all", d.totals),
    ...d.byProvider.map((x) => sumsRow("provider", x.key, x)),
    ...d.byModel.map((x) => sumsRow("model", x.key, x)),
    ...d.byTask.map((x) => sumsRow("task", x.key, x)),
    ...d.overTime.map((x) => ["day", x.day, x.requests, "", "", "", "", "", "", spend(x.costMicroUsd, x.unpricedRequests, x.requests), "", x.credits, x.unpricedRequests].map(cell)),
    ...d.topUsers.map((x) => ["user", x.email ?? x.userId, x.requests, "", "", "", "", "", "", spend(x.costMicroUsd, x.unpricedRequests, x.requests), "", x.credits, x.unpricedRequests].map(cell)),
    ...d.errorsByCode.map((x) => ["error", x.code, x.count].map(cell)),
    ...d.fallbacks.routes.map((x) => ["fallback", `${x.from} -> ${x.to}`, x.count].map(cell)),
    ...d.fallbacks.reasons.map((x) => ["fallback_reason", x.reason, x.count].map(cell)),
    ...d.latency.map((x) => ["latency_ms", `${x.target} p50=${x.p50Ms ?? ""} p95=${x.p95Ms ?? ""} ttft_p50=${x.ttftP50Ms ?? ""} ttft_p95=${x.ttftP95Ms ?? ""}`, x.calls].map(cell)),
    ...d.budget.map((x) => ["budget", `${x.period} ${x.window} cap=${x.capMicroUsd === null ? "none" : usd(x.capMicroUsd)}`, "", "", "", "", "", "", "", usd(x.spentMicroUsd)].map(cell)),
  ];
  return rows.map((r) => r.join(",")).join("\n") + "\n";
}
