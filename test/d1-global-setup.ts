// Applies the real migrations once, with wrangler, into a template local D1; each test file then
// works on its own copy (see test/d1.ts), so files can run in parallel without sharing rows.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";

export default function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), "quire-d1-template-"));
  execFileSync(
    path.resolve("node_modules/.bin/wrangler"),
    ["d1", "migrations", "apply", "quire", "--local", "--persist-to", dir],
    { stdio: "pipe", env: { ...process.env, CI: "1" } },
  );
  process.env.QUIRE_TEST_D1_TEMPLATE = dir;
  return () => rmSync(dir, { recursive: true, force: true });
}
