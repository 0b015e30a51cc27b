// A real local D1 (with the migrations) and R2 bucket through wrangler's platform proxy, for
// integration tests of covers and export. Same template copy as test/d1.ts, plus the bucket.
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { getPlatformProxy } from "wrangler";
import { createDb, type Db } from "@/db/client";
import { TEST_PLATFORM_CONFIG } from "@/test/d1";

export type TestPlatform = { db: Db; bucket: R2Bucket; dispose: () => Promise<void> };

export async function openTestPlatform(): Promise<TestPlatform> {
  const template = process.env.QUIRE_TEST_D1_TEMPLATE;
  if (!template) throw new Error("test/d1-global-setup.ts did not run (QUIRE_TEST_D1_TEMPLATE is unset)");
  const dir = mkdtempSync(path.join(tmpdir(), "quire-covers-"));
  cpSync(template, dir, { recursive: true });
  const proxy = await getPlatformProxy<CloudflareEnv>({ configPath: TEST_PLATFORM_CONFIG, persist: { path: path.join(dir, "v3") } });
  return {
    db: createDb(proxy.env.DB),
    bucket: proxy.env.BUCKET,
    dispose: async () => {
      await proxy.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
