import { signedInRoute } from "@/lib/http/route";
import { creditBalance } from "@/lib/credits/account";

/**
 * The signed-in user's balance, for the header badge to refresh after a spend without a reload
 * (components/credit-badge.tsx). One indexed ledger read; never cached.
 */
export const GET = signedInRoute({ surface: "credits" }, async ({ db, user }) => {
  const balance = await creditBalance(db, user.id);
  return Response.json({ balance }, { headers: { "cache-control": "no-store" } });
});
