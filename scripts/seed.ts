// Seeds the demo admin and author into a LOCAL database (called by `npm start`; never in production).
// Accounts are created through better-auth itself, so passwords are hashed and the sign-up grant is
// written exactly as for a real sign-up. Re-running changes nothing.
import path from "node:path";
import { eq } from "drizzle-orm";
import { getPlatformProxy } from "wrangler";
import { createDb } from "@/db/client";
import { userTable } from "@/db/schema";
import { createAuth } from "@/lib/auth/server";
import { parseEnv } from "@/lib/env";
import { DEMO_ACCOUNTS } from "./lib/demo-accounts.mjs";
import { readDevVars, storageConfig } from "./lib/local.mjs";

const argv = process.argv.slice(2);
const stateDir = path.resolve(argv[argv.indexOf("--state") + 1] ?? ".wrangler/state");

const proxy = await getPlatformProxy<CloudflareEnv>({ configPath: storageConfig, persist: { path: path.join(stateDir, "v3") } });
try {
  const db = createDb(proxy.env.DB);
  const auth = createAuth(db, parseEnv({ ...readDevVars(), ...process.env }));
  for (const account of DEMO_ACCOUNTS) {
    const [existing] = await db.select().from(userTable).where(eq(userTable.email, account.email));
    if (!existing) {
      await auth.api.signUpEmail({ body: { name: account.name, email: account.email, password: account.password } });
    }
    const role = account.role === "admin" ? "admin" : "user";
    await db.update(userTable).set({ role }).where(eq(userTable.email, account.email));
  }
} finally {
  await proxy.dispose();
}
