import Link from "next/link";
import { getDb } from "@/db/request-db";
import { requireUser } from "@/lib/auth/guards";
import { creditBalance, creditHistory } from "@/lib/credits/account";
import { recentUsageByTask } from "@/lib/usage/user-usage";
import { formatCount, formatDateTime } from "@/lib/format";
import { BuyCredits } from "@/components/credits/buy-credits";
import { Card, CardDescription, CardTitle } from "@/components/ui/card";

export const metadata = { title: "Credits" };

const TYPE_LABEL: Record<string, string> = {
  SIGNUP_GRANT: "Welcome grant",
  PURCHASE: "Purchase",
  ADMIN_GRANT: "Adjustment by Quire",
  AI_USAGE: "AI usage",
  REFUND: "Refund",
  EXPIRY: "Expired",
};

export default async function CreditsPage({ searchParams }: { searchParams: Promise<{ before?: string | string[] }> }) {
  const user = await requireUser("/credits");
  const db = getDb();
  const raw = (await searchParams).before;
  const cursor = typeof raw === "string" ? raw.slice(0, 80) : undefined;
  const balance = await creditBalance(db, user.id);
  const [history, usage] = await Promise.all([creditHistory(db, user.id, cursor), recentUsageByTask(db, user.id)]);
  return (
    <div className="grid gap-6">
      <h1 className="font-serif text-3xl font-semibold">Credits</h1>
      <Card className="flex flex-wrap items-baseline justify-between gap-3">
        <div>
          <CardDescription>Balance</CardDescription>
          <p className="text-4xl font-semibold tabular-nums" data-testid="credit-balance">
            {formatCount(balance)}
          </p>
        </div>
        <CardDescription className="max-w-sm">
          Credits pay for generation: a suggestion costs 1, a chapter about 10–20 depending on its length. Unused reservations are refunded.
        </CardDescription>
      </Card>

      <Card className="grid gap-3">
        <CardTitle>Get more credits</CardTitle>
        <BuyCredits />
      </Card>

      <Card className="grid gap-3" aria-label="Usage">
        <CardTitle>Your usage, last 30 days</CardTitle>
        <CardDescription>
          {usage.from} to {usage.to} (UTC): {formatCount(usage.total.requests)} requests, {formatCount(usage.total.tokens)} tokens,{" "}
          {formatCount(usage.total.credits)} credits.
        </CardDescription>
        {usage.byTask.length > 0 && (
          <table className="w-full text-sm" data-testid="usage-by-task">
            <thead className="text-left text-muted-foreground">
              <tr>
                <th className="py-1 pr-3 font-medium">Task</th>
                <th className="py-1 pr-3 text-right font-medium">Requests</th>
                <th className="py-1 pr-3 text-right font-medium">Tokens</th>
                <th className="py-1 text-right font-medium">Credits</th>
              </tr>
            </thead>
            <tbody>
              {usage.byTask.map((r) => (
                <tr key={r.task} className="border-t border-border" data-task={r.task}>
                  <td className="py-1 pr-3">{r.task}</td>
                  <td className="py-1 pr-3 text-right">{formatCount(r.requests)}</td>
                  <td className="py-1 pr-3 text-right">{formatCount(r.tokens)}</td>
                  <td className="py-1 text-right">{formatCount(r.credits)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      <Card className="grid gap-3">
        <CardTitle>History</CardTitle>
        <table className="w-full text-sm" data-testid="credit-history">
          <thead className="text-left text-muted-foreground">
            <tr>
              <th className="py-1 pr-3 font-medium">When</th>
              <th className="py-1 pr-3 font-medium">What</th>
              <th className="py-1 pr-3 font-medium">Details</th>
              <th className="py-1 text-right font-medium">Credits</th>
            </tr>
          </thead>
          <tbody>
            {history.entries.map((e) => (
              <tr key={e.id} className="border-t border-border" data-type={e.type}>
                <td className="py-1 pr-3 whitespace-nowrap text-muted-foreground">{formatDateTime(e.createdAt)}</td>
                <td className="py-1 pr-3">{TYPE_LABEL[e.type] ?? e.type}</td>
                <td className="py-1 pr-3">
                  {e.description}
                  {e.expiresAt && <span className="text-muted-foreground"> · expires {formatDateTime(e.expiresAt)}</span>}
                </td>
                <td className={`py-1 text-right tabular-nums ${e.amount < 0 ? "text-destructive" : ""}`}>
                  {e.amount > 0 ? "+" : ""}
                  {formatCount(e.amount)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="flex gap-4 text-sm">
          {cursor && <Link href="/credits" className="underline">Newest</Link>}
          {history.nextCursor && (
            <Link href={`/credits?before=${encodeURIComponent(history.nextCursor)}`} className="underline">
              Older entries
            </Link>
          )}
        </div>
      </Card>
    </div>
  );
}
