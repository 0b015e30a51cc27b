import Link from "next/link";
import { getDb } from "@/db/request-db";
import { requireAdminPage } from "@/lib/admin/guard";
import { loadDashboard } from "@/lib/admin/dashboard";
import { filtersToParams, parseDashboardFilters } from "@/lib/admin/filters";
import { formatCount, formatMs, formatPercent, formatSpend, formatUsd } from "@/lib/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { BudgetGauge } from "@/components/admin/budget-gauge";
import { DashboardFilterForm } from "@/components/admin/dashboard-filters";
import { Forbidden } from "@/components/admin/forbidden";
import { SpendChart } from "@/components/admin/spend-chart";
import { Stat } from "@/components/admin/stat";
import { UsageTable } from "@/components/admin/usage-table";
import { TopUsers, ErrorCodes, Fallbacks, LatencyTable } from "@/components/admin/panels";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";

export const metadata = { title: "Cost dashboard" };

export default async function AdminDashboardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!(await requireAdminPage("/admin"))) return <Forbidden />;
  const filters = parseDashboardFilters(await searchParams);
  const d = await loadDashboard(getDb(), filters);
  const t = d.totals;
  const upstream = t.requests - t.cachedRequests;
  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="font-serif text-3xl font-semibold">Admin</h1>
        <Link href={`/api/admin/usage.csv?${filtersToParams(filters)}`} className={buttonVariants({ variant: "outline" })} prefetch={false} download>
          Export CSV
        </Link>
      </div>
      <AdminNav current="/admin" />
      <DashboardFilterForm filters={filters} models={d.filterOptions.models} tasks={d.filterOptions.tasks} />
      <p className="text-sm text-muted-foreground" data-testid="dashboard-range">
        {filters.from} to {filters.to} (UTC){filters.model && ` · model ${filters.model}`}
        {filters.task && ` · task ${filters.task}`}
      </p>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <Stat label="Spend" value={formatSpend(t.costMicroUsd, t.unpricedRequests, t.requests)} hint={`${formatCount(t.credits)} credits charged`} testId="stat-spend" />
        <Stat label="Requests" value={formatCount(t.requests)} hint={`${formatPercent(t.errors, t.requests)} errors`} testId="stat-requests" />
        <Stat label="Tokens in / out" value={`${formatCount(t.inputTokens)} / ${formatCount(t.outputTokens)}`} hint={`${formatCount(t.cachedTokens)} cached input tokens`} testId="stat-tokens" />
        <Stat label="Cache hit rate" value={formatPercent(t.cachedRequests, t.requests)} hint={`${formatUsd(t.savedMicroUsd)} saved`} testId="stat-cache" />
        <Stat label="Fallback rate" value={formatPercent(t.fallbacks, upstream)} hint={`${formatCount(t.fallbacks)} answers from a fallback target`} testId="stat-fallback" />
        <Stat label="Mean latency" value={formatMs(upstream ? Math.round(t.latencyMsSum / Math.max(1, t.requests)) : null)} testId="stat-latency" />
      </div>
      <Card className="grid gap-3">
        <CardTitle>Spend and requests over time</CardTitle>
        <SpendChart points={d.overTime} from={filters.from} to={filters.to} />
      </Card>
      <Card className="grid gap-3">
        <CardTitle>Budgets</CardTitle>
        {d.budget.map((g) => (
          <BudgetGauge key={g.period} label={g.period === "day" ? "Today" : "This month"} spent={g.spentMicroUsd} reserved={g.reservedMicroUsd} cap={g.capMicroUsd} />
        ))}
      </Card>
      <Card className="grid gap-6">
        <UsageTable title="provider" rows={d.byProvider} />
        <UsageTable title="model" rows={d.byModel} />
        <UsageTable title="task" rows={d.byTask} />
      </Card>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <TopUsers rows={d.topUsers} />
        </Card>
        <Card>
          <LatencyTable rows={d.latency} />
        </Card>
        <Card>
          <ErrorCodes rows={d.errorsByCode} requests={t.requests} />
        </Card>
        <Card>
          <Fallbacks data={d.fallbacks} />
        </Card>
      </div>
    </div>
  );
}
