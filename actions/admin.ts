"use server";
import { revalidatePath } from "next/cache";
import { grantCreditsAsAdmin, revokeCreditsAsAdmin } from "@/lib/credits/admin-grants";
import { adjustCreditsSchema } from "@/lib/credits/schemas";
import { adminAction } from "./safe-action";

// Every export here must be built from adminAction: actions/admin-guard.test.ts calls each one as a
// non-admin and fails if any answers with anything but forbidden:admin.

export const grantCreditsAction = adminAction("admin")
  .input(adjustCreditsSchema)
  .handler(async ({ input, ctx }) => {
    const result = await grantCreditsAsAdmin(ctx.db, { ...input, actorId: ctx.user.id });
    revalidatePath("/admin/users");
    return result;
  });

export const revokeCreditsAction = adminAction("admin")
  .input(adjustCreditsSchema)
  .handler(async ({ input, ctx }) => {
    const result = await revokeCreditsAsAdmin(ctx.db, { ...input, actorId: ctx.user.id });
    revalidatePath("/admin/users");
    return result;
  });
