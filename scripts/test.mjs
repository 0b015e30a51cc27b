// `npm test`: every test. Unit and integration tests (Vitest, real local D1 through wrangler), then
// end-to-end tests (Playwright in Chromium against the OpenNext production build on workerd).
// Ends with one line "Tests: N passed, N failed" over both runners.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { bin, root } from "./lib/local.mjs";

// Not test-results/: Playwright empties that folder when it starts.
const results = path.join(root, "reports");
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

function runStep(label, cmd, args) {
  console.log(`\n=== ${label} ===`);
  const res = spawnSync(cmd, args, { cwd: root, stdio: "inherit", env: process.env });
  return res.status ?? 1;
}

const vitestExit = runStep("unit and integration tests (vitest)", bin("vitest"), [
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile.json=${path.join(results, "vitest.json")}`,
]);
const e2eExit = runStep("end-to-end tests (playwright, chromium, production build)", bin("playwright"), ["test"]);

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

const vitest = readJson(path.join(results, "vitest.json"));
const playwright = readJson(path.join(results, "playwright.json"));
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0);
const failed =
  (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0) + (playwright?.stats?.flaky ?? 0);
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);

console.log(
  `\nvitest: ${vitest?.numPassedTests ?? "?"} passed, ${vitest?.numFailedTests ?? "?"} failed; ` +
    `playwright: ${playwright?.stats?.expected ?? "?"} passed, ${playwright?.stats?.unexpected ?? "?"} failed`,
);
const ok = vitestExit === 0 && e2eExit === 0 && vitest && playwright && failed === 0 && passed > 0;
if (!existsSync(path.join(results, "vitest.json"))) console.error("vitest wrote no report");
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(ok ? 0 : 1);
