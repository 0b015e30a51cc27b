import { getAuth } from "@/lib/auth/session";
import { errorResponse } from "@/lib/errors";

// better-auth answers sign-up, sign-in and sign-out itself, with its own input validation.
async function handle(request: Request): Promise<Response> {
  try {
    return await getAuth().handler(request);
  } catch (err) {
    return errorResponse(err, "auth");
  }
}

export { handle as GET, handle as POST };
