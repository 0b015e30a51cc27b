import { eq } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "@/db/client";
import { userTable } from "@/db/schema";
import { AppError } from "@/lib/errors";
import type { Caller } from "@/lib/books/library";

/**
 * The account's consent to training: off until the author turns it on, and only ever changed by
 * the author themselves (the caller is the row changed; no id comes from the client).
 */
export const trainingOptInSchema = z.object({ optIn: z.boolean({ required_error: "optIn is required", invalid_type_error: "optIn must be true or false" }) }).strict();

export async function readTrainingOptIn(db: Db, caller: Caller): Promise<boolean> {
  const [row] = await db.select({ optIn: userTable.trainingOptIn }).from(userTable).where(eq(userTable.id, caller.id)).limit(1);
  if (!row) throw new AppError("unauthorized:auth");
  return row.optIn;
}

export async function setTrainingOptIn(db: Db, caller: Caller, optIn: boolean): Promise<boolean> {
  const [row] = await db
    .update(userTable)
    .set({ trainingOptIn: optIn, updatedAt: new Date() })
    .where(eq(userTable.id, caller.id))
    .returning({ optIn: userTable.trainingOptIn });
  if (!row) throw new AppError("unauthorized:auth");
  return row.optIn;
}
