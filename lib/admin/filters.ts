import { z } from "zod";
import { TASKS } from "@/lib/llm";

/** The dashboard's filters, from URL search params: bounded, validated, with sensible defaults. */
export const PRESETS = ["today", "7d", "30d", "custom"] as const;
export type Preset = (typeof PRESETS)[number];

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date such as 2026-11-22").refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "is not a real date");

export const MAX_RANGE_DAYS = 366;

export const dashboardFilterSchema = z.object({
  range: z.enum(PRESETS).default("7d"),
  from: isoDay.optional(),
  to: isoDay.optional(),
  model: z.string().trim().max(200).optional(),
  task: z.enum(TASKS).optional(),
});

export type DashboardFilters = { preset: Preset; from: string; to: string; model?: string; task?: string };

export function dayOf(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

function addDays(day: string, days: number): string {
  return dayOf(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000);
}

/** Turns search params into a closed day range (UTC). A bad param falls back to its default. */
export function parseDashboardFilters(params: Record<string, string | string[] | undefined>, now = Date.now()): DashboardFilters {
  const flat = Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]).filter(([, v]) => v !== undefined && v !== ""),
  );
  const parsed = dashboardFilterSchema.safeParse(flat);
  const f = parsed.success ? parsed.data : dashboardFilterSchema.parse({});
  const today = dayOf(now);
  let from = today;
  let to = today;
  if (f.range === "7d") from = addDays(today, -6);
  if (f.range === "30d") from = addDays(today, -29);
  if (f.range === "custom") {
    to = f.to && f.to <= today ? f.to : today;
    from = f.from && f.from <= to ? f.from : addDays(to, -6);
    if (from < addDays(to, -(MAX_RANGE_DAYS - 1))) from = addDays(to, -(MAX_RANGE_DAYS - 1));
  }
  return { preset: f.range, from, to, model: f.model || undefined, task: f.task };
}

/** The same filters as search params (links, CSV export). */
export function filtersToParams(f: DashboardFilters): URLSearchParams {
  const p = new URLSearchParams({ range: f.preset });
  if (f.preset === "custom") {
    p.set("from", f.from);
    p.set("to", f.to);
  }
  if (f.model) p.set("model", f.model);
  if (f.task) p.set("task", f.task);
  return p;
}
