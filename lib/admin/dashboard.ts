import "server-only";
import type { Db } from "@/db/client";
import {
  selectBreakdown,
  selectByDay,
  selectFacets,
  selectFilterOptions,
  selectTopUsers,
  selectTotals,
  type FacetRow,
  type UsageRange,
} from "@/db/queries/admin";
import { percentileFromBuckets } from "@/lib/usage/latency-buckets";
import { budgetGauges } from "./budget-gauges";
import type { DashboardFilters } from "./filters";

/** Error facets are `code@targetId` (lib/usage/sink.ts). */
function splitErrorFacet(facet: string): { code: string; targetId: string } {
  const at = facet.lastIndexOf("@");
  return at < 0 ? { code: facet, targetId: "" } : { code: facet.slice(0, at), targetId: facet.slice(at + 1) };
}

async function errorsByCode(db: Db, r: UsageRange) {
  const rows = await selectFacets(db, r, "error");
  const byCode = new Map<string, number>();
  for (const row of rows) {
    const { code } = splitErrorFacet(row.facet);
    byCode.set(code, (byCode.get(code) ?? 0) + Number(row.count));
  }
  return [...byCode].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count);
}

/**
 * How often a request was handed over to another target, from which target to which model, and why:
 * the reasons are the error codes recorded on the targets that were handed over from in the same
 * range (a priority route falls through only after its retries on a target fail).
 */
async function fallbacks(db: Db, r: UsageRange) {
  const [handovers, errors] = await Promise.all([selectFacets(db, r, "fallback"), selectFacets(db, r, "error")]);
  const origins = new Set(handovers.map((h) => h.facet));
  const reasons = new Map<string, number>();
  for (const row of errors) {
    const { code, targetId } = splitErrorFacet(row.facet);
    if (origins.has(targetId)) reasons.set(`${code} on ${targetId}`, (reasons.get(`${code} on ${targetId}`) ?? 0) + Number(row.count));
  }
  return {
    routes: handovers
      .map((h) => ({ from: h.facet, to: `${h.provider}:${h.model}`, count: Number(h.count) }))
      .sort((a, b) => b.count - a.count),
    reasons: [...reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
  };
}

function histogramsByTarget(rows: FacetRow[]): Map<string, Map<number, number>> {
  const out = new Map<string, Map<number, number>>();
  for (const row of rows) {
    const target = `${row.provider}:${row.model}`;
    const buckets = out.get(target) ?? new Map<number, number>();
    buckets.set(Number(row.facet), (buckets.get(Number(row.facet)) ?? 0) + Number(row.count));
    out.set(target, buckets);
  }
  return out;
}

/** p50/p95 of latency and time to first token per target, from the log-bucket histograms. */
async function latency(db: Db, r: UsageRange) {
  const [total, first] = await Promise.all([selectFacets(db, r, "latency"), selectFacets(db, r, "ttft")]);
  const totals = histogramsByTarget(total);
  const ttfts = histogramsByTarget(first);
  return [...new Set([...totals.keys(), ...ttfts.keys()])].sort().map((target) => {
    const t = totals.get(target) ?? new Map();
    const f = ttfts.get(target) ?? new Map();
    return {
      target,
      calls: [...t.values()].reduce((a, b) => a + b, 0),
      p50Ms: percentileFromBuckets(t, 50),
      p95Ms: percentileFromBuckets(t, 95),
      ttftP50Ms: percentileFromBuckets(f, 50),
      ttftP95Ms: percentileFromBuckets(f, 95),
    };
  });
}

/**
 * Every panel of the cost dashboard, by name: the page renders them, the CSV export writes them and
 * `npm run bench:dashboard` times each one on a million calls.
 */
export const DASHBOARD_PANELS = {
  totals: (db: Db, r: UsageRange) => selectTotals(db, r),
  byProvider: (db: Db, r: UsageRange) => selectBreakdown(db, r, "provider"),
  byModel: (db: Db, r: UsageRange) => selectBreakdown(db, r, "model"),
  byTask: (db: Db, r: UsageRange) => selectBreakdown(db, r, "task"),
  overTime: (db: Db, r: UsageRange) => selectByDay(db, r),
  topUsers: (db: Db, r: UsageRange) => selectTopUsers(db, r),
  errorsByCode: (db: Db, r: UsageRange) => errorsByCode(db, r),
  fallbacks: (db: Db, r: UsageRange) => fallbacks(db, r),
  latency: (db: Db, r: UsageRange) => latency(db, r),
  budget: (db: Db) => budgetGauges(db),
  filterOptions: (db: Db, r: UsageRange) => selectFilterOptions(db, r),
};
export type PanelName = keyof typeof DASHBOARD_PANELS;
export type Dashboard = { [K in PanelName]: Awaited<ReturnType<(typeof DASHBOARD_PANELS)[K]>> };

export async function loadDashboard(db: Db, filters: DashboardFilters): Promise<Dashboard> {
  const range: UsageRange = { from: filters.from, to: filters.to, model: filters.model, task: filters.task };
  const names = Object.keys(DASHBOARD_PANELS) as PanelName[];
  const values = await Promise.all(names.map((name) => DASHBOARD_PANELS[name](db, range)));
  return Object.fromEntries(names.map((name, i) => [name, values[i]])) as Dashboard;
}
