import type { Dashboard } from "@/lib/admin/dashboard";
import { formatCount, formatMs, formatPercent, formatSpend } from "@/lib/format";

const th = "py-1 pr-3 font-medium";

export function TopUsers({ rows }: { rows: Dashboard["topUsers"] }) {
  return (
    <section aria-label="Top users" className="min-w-0 overflow-x-auto">
      <h3 className="mb-2 font-semibold">Top users</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">No signed-in usage in this range.</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-muted-foreground">
            <tr>
              <th className={th}>User</th>
              <th className={`${th} text-right`}>Spend</th>
              <th className={`${th} text-right`}>Credits</th>
              <th className={`${th} text-right`}>Requests</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((u) => (
              <tr key={u.userId} className="border-t border-border" data-testid="top-user-row">
                <td className="py-1 pr-3">{u.email ?? u.userId}</td>
                <td className="py-1 pr-3 text-right">{formatSpend(u.costMicroUsd, u.unpricedRequests, u.requests)}</td>
                <td className="py-1 pr-3 text-right">{formatCount(u.credits)}</td>
                <td className="py-1 pr-3 text-right">{formatCount(u.requests)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function LatencyTable({ rows }: { rows: Dashboard["latency"] }) {
  return (
    <section aria-label="Latency" className="min-w-0 overflow-x-auto">
      <h3 className="mb-2 font-semibold">Latency per target</h3>
      <p className="mb-2 text-xs text-muted-foreground">From per-day histograms (within 10%); cache hits excluded.</p>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">No upstream calls in this range.</p>
      ) : (
        <table className="w-full text-sm">
          <thead className="text-left text-muted-foreground">
            <tr>
              <th className={th}>Target</th>
              <th className={`${th} text-right`}>p50</th>
              <th className={`${th} text-right`}>p95</th>
              <th className={`${th} text-right`}>TTFT p50</th>
              <th className={`${th} text-right`}>TTFT p95</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((l) => (
              <tr key={l.target} className="border-t border-border">
                <td className="py-1 pr-3 font-mono text-xs">{l.target}</td>
                <td className="py-1 pr-3 text-right">{formatMs(l.p50Ms)}</td>
                <td className="py-1 pr-3 text-right">{formatMs(l.p95Ms)}</td>
                <td className="py-1 pr-3 text-right">{formatMs(l.ttftP50Ms)}</td>
                <td className="py-1 pr-3 text-right">{formatMs(l.ttftP95Ms)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ErrorCodes({ rows, requests }: { rows: Dashboard["errorsByCode"]; requests: number }) {
  return (
    <section aria-label="Errors">
      <h3 className="mb-2 font-semibold">Errors by code</h3>
      {rows.length === 0 ? (
        <p className="text-sm text-muted-foreground">No failed attempts in this range.</p>
      ) : (
        <ul className="grid gap-1 text-sm">
          {rows.map((e) => (
            <li key={e.code} className="flex justify-between">
              <span className="font-mono text-xs">{e.code}</span>
              <span>
                {formatCount(e.count)} ({formatPercent(e.count, requests)} of attempts)
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Fallbacks({ data }: { data: Dashboard["fallbacks"] }) {
  return (
    <section aria-label="Fallbacks">
      <h3 className="mb-2 font-semibold">Fallbacks</h3>
      {data.routes.length === 0 ? (
        <p className="text-sm text-muted-foreground">No request was handed over to another target.</p>
      ) : (
        <div className="grid gap-3 text-sm">
          <ul className="grid gap-1">
            {data.routes.map((r) => (
              <li key={`${r.from}-${r.to}`} className="flex justify-between gap-2">
                <span className="font-mono text-xs">
                  {r.from} → {r.to}
                </span>
                <span>{formatCount(r.count)}</span>
              </li>
            ))}
          </ul>
          <div>
            <p className="text-xs text-muted-foreground">Why (failed attempts on the targets handed over from):</p>
            <ul className="grid gap-1">
              {data.reasons.map((r) => (
                <li key={r.reason} className="flex justify-between gap-2">
                  <span className="font-mono text-xs">{r.reason}</span>
                  <span>{formatCount(r.count)}</span>
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
