import type { Dashboard } from "@/lib/admin/dashboard";
import { formatCount, formatPercent, formatSpend } from "@/lib/format";

/** A breakdown of usage (by provider, model or task): one row per key. */
export function UsageTable({ title, rows }: { title: string; rows: Dashboard["byModel"] }) {
  return (
    <section aria-label={`By ${title}`} className="min-w-0 overflow-x-auto">
      <h3 className="mb-2 font-semibold">By {title}</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">Nothing in this range.</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-muted-foreground">
            <tr>
              <th className="py-1 pr-3 font-medium">{title}</th>
              <th className="py-1 pr-3 text-right font-medium">Spend</th>
              <th className="py-1 pr-3 text-right font-medium">Credits</th>
              <th className="py-1 pr-3 text-right font-medium">Requests</th>
              <th className="py-1 pr-3 text-right font-medium">Tokens in / out</th>
              <th className="py-1 text-right font-medium">Errors</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-t border-border" data-testid={`${title}-row`} data-key={r.key}>
                <td className="py-1 pr-3 font-mono text-xs">{r.key}</td>
                <td className="py-1 pr-3 text-right">{formatSpend(r.costMicroUsd, r.unpricedRequests, r.requests)}</td>
                <td className="py-1 pr-3 text-right">{formatCount(r.credits)}</td>
                <td className="py-1 pr-3 text-right">{formatCount(r.requests)}</td>
                <td className="py-1 pr-3 text-right">
                  {formatCount(r.inputTokens)} / {formatCount(r.outputTokens)}
                </td>
                <td className="py-1 text-right">{formatPercent(r.errors, r.requests)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
