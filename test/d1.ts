import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getPlatformProxy } from "wrangler";
import { createDb, type Db } from "@/db/client";
import { storageConfig } from "../scripts/lib/local.mjs";

/** The bindings the integration tests open (see scripts/lib/storage.jsonc for why). */
export const TEST_PLATFORM_CONFIG = storageConfig;

export type TestDatabase = { db: Db; d1: D1Database; bucket: R2Bucket; dispose: () => Promise<void> };

/**
 * A real local D1 (workerd through wrangler) with the project's migrations applied, each caller on
 * its own copy of the migrated template, with the local R2 bucket beside it.
 */
export async function openTestDatabase(): Promise<TestDatabase> {
  const template = process.env.QUIRE_TEST_D1_TEMPLATE;
  if (!template) throw new Error("test/d1-global-setup.ts did not run (QUIRE_TEST_D1_TEMPLATE is unset)");
  const dir = mkdtempSync(path.join(tmpdir(), "quire-d1-"));
  cpSync(template, dir, { recursive: true });
  const proxy = await getPlatformProxy<CloudflareEnv>({ configPath: TEST_PLATFORM_CONFIG, persist: { path: path.join(dir, "v3") } });
  return {
    db: createDb(proxy.env.DB),
    d1: proxy.env.DB,
    bucket: proxy.env.BUCKET,
    dispose: async () => {
      await proxy.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
