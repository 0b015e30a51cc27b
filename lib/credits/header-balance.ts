import "server-only";
import { getDb } from "@/db/request-db";
import { creditBalance } from "./account";

/** The signed-in user's balance for the header; a failure hides the figure instead of the page. */
export async function headerBalance(userId: string): Promise<number | null> {
  try {
    return await creditBalance(getDb(), userId);
  } catch (error) {
    console.error("[quire] header balance unavailable", error);
    return null;
  }
}
