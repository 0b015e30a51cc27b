import type { Db } from "@/db/client";
import { expiryKey, insertLedgerEntry, selectRowsBefore, selectUnclosedExpiredGrants } from "@/db/queries/credits";

/**
 * Expiry, lazily and idempotently. A grant with an expiry date keeps its ledger row for ever; when it
 * expires, an EXPIRY row takes away only what was left of it, so credits already spent are not taken
 * twice. Spending is assumed to draw on the grant that expires soonest first (the kindest order for the
 * user), which makes "what was left of grant G at its expiry T" a closed formula:
 *
 *   left(G) = clamp(B − L, 0, G.amount)
 *
 * where B is the balance just before T (every row created before T, with the EXPIRY rows of grants that
 * expired earlier) and L is what the user holds in credit that outlives G (positive rows created before T
 * that expire after G or never). The balance sits in the longest-lived credit first; whatever exceeds L
 * is still in G.
 *
 * Grants are closed in expiry order, each with the unique key `expiry:<grantId>` and created_at = T, so
 * concurrent runs compute the same figure and only one row lands. It runs before a balance is shown and
 * before a reservation; in between, selectBalance already treats an unclosed expired grant as gone.
 */
export async function closeExpiredGrants(db: Db, userId: string, now = Date.now()): Promise<number> {
  const pending = await selectUnclosedExpiredGrants(db, userId, now);
  let closed = 0;
  for (const grant of pending) {
    const expiresAt = Number(grant.expiresAt);
    const rows = await selectRowsBefore(db, userId, expiresAt);
    const left = remainderAtExpiry(
      { id: grant.id, amount: grant.amount, expiresAt },
      rows.map((r) => ({ id: r.id, amount: r.amount, expiresAt: r.expiresAt?.getTime() ?? null, isExpiry: r.type === "EXPIRY" })),
    );
    const written = await insertLedgerEntry(db, {
      userId,
      amount: -left,
      type: "EXPIRY",
      idempotencyKey: expiryKey(grant.id),
      description: left > 0 ? `${left} unused credits expired` : "Expired grant was fully used",
      createdAt: new Date(expiresAt),
    });
    if (written) closed++;
  }
  return closed;
}

type Row = { id: string; amount: number; expiresAt: number | null; isExpiry: boolean };

/** left(G) from the rows created before G's expiry (pure, so it can be tested on its own). */
export function remainderAtExpiry(grant: { id: string; amount: number; expiresAt: number }, rowsBefore: Row[]): number {
  const outlives = (r: Row) => r.expiresAt === null || r.expiresAt > grant.expiresAt || (r.expiresAt === grant.expiresAt && r.id > grant.id);
  let balance = 0;
  let longerLived = 0;
  for (const r of rowsBefore) {
    balance += r.amount;
    if (!r.isExpiry && r.amount > 0 && r.id !== grant.id && outlives(r)) longerLived += r.amount;
  }
  return Math.max(0, Math.min(grant.amount, balance - longerLived));
}
