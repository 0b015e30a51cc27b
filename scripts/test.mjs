// `npm test`: every test. Unit and integration tests (Vitest, real local D1 through wrangler), then
// end-to-end tests (Playwright in Chromium against the OpenNext production build on workerd).
// Typecheck and lint run first. Ends with one line "Tests: N passed, N failed" over the checks and both runners.
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

// Checks first: the types (tsc) and the linter (oxlint with type information: floating promises and
// the layer boundaries app -> actions -> lib -> db, see .oxlintrc.json). Each counts as one test.
const checks = [
  ["typecheck (tsc --noEmit)", runStep("typecheck (tsc --noEmit)", bin("tsc"), ["--noEmit"])],
  ["lint (oxlint --type-aware)", runStep("lint (oxlint --type-aware)", bin("oxlint"), ["--type-aware"])],
];
const failedChecks = checks.filter(([, exit]) => exit !== 0).map(([label]) => label);
for (const label of failedChecks) console.error(`\n✗ ${label} failed (see above)`);

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
const passed = (vitest?.numPassedTests ?? 0) + (playwright?.stats?.expected ?? 0) + checks.length - failedChecks.length;
const failed =
  (vitest?.numFailedTests ?? 0) + (playwright?.stats?.unexpected ?? 0) + (playwright?.stats?.flaky ?? 0) + failedChecks.length;
const skipped = (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0) + (playwright?.stats?.skipped ?? 0);

console.log(`\nchecks: ${checks.map(([label, exit]) => `${label} ${exit === 0 ? "passed" : "FAILED"}`).join("; ")}`);
console.log(
  `vitest: ${vitest?.numPassedTests ?? "?"} passed, ${vitest?.numFailedTests ?? "?"} failed; ` +
    `playwright: ${playwright?.stats?.expected ?? "?"} passed, ${playwright?.stats?.unexpected ?? "?"} failed`,
);
const ok = failedChecks.length === 0 && vitestExit === 0 && e2eExit === 0 && vitest && playwright && failed === 0 && passed > 0;
if (!existsSync(path.join(results, "vitest.json"))) console.error("vitest wrote no report");
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(ok ? 0 : 1);
