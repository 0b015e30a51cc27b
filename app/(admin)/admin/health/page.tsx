import { getDb } from "@/db/request-db";
import { getLlm } from "@/lib/ai/service";
import { requireAdminPage } from "@/lib/admin/guard";
import { modelHealth } from "@/lib/admin/model-health";
import { formatPercent } from "@/lib/format";
import { AdminNav } from "@/components/admin/admin-nav";
import { Forbidden } from "@/components/admin/forbidden";
import { Card, CardDescription } from "@/components/ui/card";

export const metadata = { title: "Model health" };

const CIRCUIT_TONE = { closed: "text-emerald-700", "half-open": "text-amber-700", open: "text-destructive", unknown: "text-muted-foreground" } as const;

export default async function ModelHealthPage() {
  if (!(await requireAdminPage("/admin/health"))) return <Forbidden />;
  const targets = await modelHealth(getDb(), getLlm().health());
  return (
    <div className="grid gap-6">
      <h1 className="font-serif text-3xl font-semibold">Model health</h1>
      <AdminNav current="/admin/health" />
      <CardDescription>
        Error rate per target over the last 15 minutes of recorded calls. The circuit state is this server’s live
        breaker where it has called the target, and is otherwise inferred from the recorded calls (marked “inferred”).
        A target marked “misconfigured” refused its key or does not know its model: fix its settings, retrying will not help.
      </CardDescription>
      <Card className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-muted-foreground">
            <tr>
              <th className="py-1 pr-3 font-medium">Target</th>
              <th className="py-1 pr-3 font-medium">Circuit</th>
              <th className="py-1 pr-3 text-right font-medium">Error rate</th>
              <th className="py-1 pr-3 text-right font-medium">Calls</th>
              <th className="py-1 font-medium">Last error</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((t) => (
              <tr key={t.targetId} className="border-t border-border" data-testid="health-row">
                <td className="py-1 pr-3">
                  <span className="font-medium">{t.targetId}</span> <span className="font-mono text-xs text-muted-foreground">{t.label}</span>
                </td>
                <td className={`py-1 pr-3 ${CIRCUIT_TONE[t.circuit]}`} data-testid="circuit">
                  {t.circuit}
                  {t.misconfigured && (
                    <span className="font-medium text-destructive" data-testid="misconfigured">
                      {" "}
                      · misconfigured
                    </span>
                  )}
                  {t.source === "recent-calls" && t.circuit !== "unknown" && <span className="text-xs text-muted-foreground"> (inferred)</span>}
                </td>
                <td className="py-1 pr-3 text-right">{formatPercent(t.errorRate * 100, 100)}</td>
                <td className="py-1 pr-3 text-right">{t.recentCalls}</td>
                <td className="py-1 font-mono text-xs">{t.lastErrorCode ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
