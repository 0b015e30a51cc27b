import { getDb } from "@/db/request-db";
import { requireAdminPage } from "@/lib/admin/guard";
import { parseDashboardFilters } from "@/lib/admin/filters";
import { abComparison } from "@/lib/eval/ab";
import { TASKS } from "@/lib/llm";
import { formatCount, formatMs, formatUsd } from "@/lib/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { DashboardFilterForm } from "@/components/admin/dashboard-filters";
import { Forbidden } from "@/components/admin/forbidden";
import { Card, CardDescription } from "@/components/ui/card";

export const metadata = { title: "A/B comparison" };

const rate = (r: number | null) => (r === null ? "–" : `${(r * 100).toFixed(1)}%`);

/** The A/B route's arms side by side, from what production recorded (lib/eval/ab.ts). */
export default async function AbPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await requireAdminPage("/admin/ab"))) return <Forbidden />;
  const filters = parseDashboardFilters(await searchParams);
  const from = Date.parse(`${filters.from}T00:00:00Z`);
  const to = Date.parse(`${filters.to}T00:00:00Z`) + 86_400_000;
  const report = await abComparison(getDb(), { from, to, task: filters.task });
  const rows: [string, (a: (typeof report.arms)[number]) => string][] = [
    ["Requests (sample)", (a) => formatCount(a.calls.requests)],
    ["Cost", (a) => formatUsd(a.calls.costMicroUsd)],
    ["Cost per request", (a) => (a.calls.costPerRequestMicroUsd === null ? "–" : formatUsd(a.calls.costPerRequestMicroUsd))],
    ["Latency p50 / p95", (a) => `${formatMs(a.calls.latencyP50Ms)} / ${formatMs(a.calls.latencyP95Ms)}`],
    ["Time to first token p50", (a) => formatMs(a.calls.ttftP50Ms)],
    ["Error rate", (a) => rate(a.calls.errorRate)],
    ["Fallback rate", (a) => rate(a.calls.fallbackRate)],
    ["Suggestions (sample)", (a) => formatCount(a.suggestions.sample)],
    ["Suggestion acceptance", (a) => rate(a.suggestions.acceptanceRate)],
    ["Chapters (sample)", (a) => formatCount(a.chapters.sample)],
    ["Chapters passing quality checks", (a) => rate(a.chapters.qualityPassRate)],
    ["Mean length / target", (a) => (a.chapters.meanLengthRatio === null ? "–" : a.chapters.meanLengthRatio.toFixed(2))],
  ];
  return (
    <div className="grid gap-6">
      <h1 className="font-serif text-3xl font-semibold">A/B comparison</h1>
      <AdminNav current="/admin/ab" />
      <DashboardFilterForm filters={filters} models={[]} tasks={[...TASKS]} action="/admin/ab" />
      <CardDescription>
        Arms of A/B routes ({filters.from} to {filters.to}, UTC). Configure an A/B split in LLM_ROUTES; every usage event
        records its arm.
      </CardDescription>
      <Card className="overflow-x-auto">
        {report.arms.length === 0 ? (
          <p className="text-sm text-muted-foreground" data-testid="ab-empty">No A/B traffic in this range.</p>
        ) : (
          <table className="w-full text-left text-sm" aria-label="Arms">
            <thead>
              <tr>
                <th className="py-1" />
                {report.arms.map((a) => (
                  <th key={a.arm} className="py-1">{a.arm}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map(([label, cell]) => (
                <tr key={label} className="border-t border-border">
                  <td className="py-1 text-muted-foreground">{label}</td>
                  {report.arms.map((a) => (
                    <td key={a.arm} className="tabular-nums">{cell(a)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
    </div>
  );
}
