// Walks one author through every paid surface (outline, a chapter, a suggestion and its cached repeat, a
// refunded failure, an unpriced API call, a fallback) on a fresh, migrated local D1 and the
// fault-injecting upstream, then reads the money back from each place that reports it: the ledger, the
// user's usage view, the admin dashboard and llm_calls. Exits non-zero with a sentence when they disagree
// or the balance ever went below zero. Run: npm run audit:credits. Last line: JSON of the figures.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { getPlatformProxy } from "wrangler";
import { storageConfig } from "./lib/local.mjs";
import { createDb } from "../db/client";
import { startUpstream } from "../test/helpers/upstream/server";
import { moneyDisagreements, moneyFigures, runMoneyScenario } from "../test/money-scenario";

async function main(): Promise<number> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const wrangler = path.join(root, "node_modules/.bin/wrangler");
  if (!existsSync(wrangler)) {
    console.error("audit:credits needs wrangler in node_modules: run `npm install` first.");
    return 1;
  }
  const dir = mkdtempSync(path.join(tmpdir(), "quire-audit-d1-"));
  const up = await startUpstream();
  try {
    execFileSync(wrangler, ["d1", "migrations", "apply", "quire", "--local", "--persist-to", dir], { cwd: root, stdio: "pipe", env: { ...process.env, CI: "1" } });
    const proxy = await getPlatformProxy<CloudflareEnv>({ configPath: storageConfig, persist: { path: path.join(dir, "v3") } });
    try {
      const db = createDb(proxy.env.DB);
      const run = await runMoneyScenario(db, up.url);
      const figures = await moneyFigures(db, run);
      const problems = moneyDisagreements(figures);
      if (Object.values(run.statuses).some((s) => s !== 200)) problems.push(`an API call was not answered (${JSON.stringify(run.statuses)})`);
      if (run.fallbacks === 0) problems.push("the fallback call was not handed over to its second target");
      for (const p of problems) console.error(`Money audit failed: ${p}.`);
      console.log(JSON.stringify(figures));
      return problems.length ? 1 : 0;
    } finally {
      await proxy.dispose();
    }
  } finally {
    await up.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`Money audit could not run: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
