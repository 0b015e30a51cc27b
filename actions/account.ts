"use server";
import { revalidatePath } from "next/cache";
import { setTrainingOptIn, trainingOptInSchema } from "@/lib/training/opt-in";
import { signedInAction } from "./safe-action";

/** The signed-in author turns their own training consent on or off (their row only: no id is taken). */
export const setTrainingOptInAction = signedInAction("auth")
  .input(trainingOptInSchema)
  .handler(async ({ input, ctx }) => {
    const optIn = await setTrainingOptIn(ctx.db, ctx.user, input.optIn);
    revalidatePath("/account");
    return { optIn };
  });
