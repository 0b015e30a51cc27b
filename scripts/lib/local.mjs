// Shared by `npm start`, the seed and the test runner: local state, .dev.vars, migrations, readiness.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync, readdirSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
export const bin = (name) => path.join(root, "node_modules/.bin", name);
/** The wrangler config local tools open the worker's storage with (see the file for why). */
export const storageConfig = path.join(root, "scripts/lib/storage.jsonc");

// Children find the project's Node 22 (the registry's `node` package) before the system's Node.
process.env.PATH = `${path.join(root, "node_modules/.bin")}${path.delimiter}${process.env.PATH}`;

/** Runs a command to completion with inherited output; throws with the command on failure. */
export function run(cmd, args, opts = {}) {
  const res = spawnSync(cmd, args, { cwd: root, stdio: opts.quiet ? "pipe" : "inherit", env: { ...process.env, ...opts.env } });
  if (res.status !== 0) {
    if (opts.quiet) process.stderr.write(`${res.stdout ?? ""}${res.stderr ?? ""}`);
    throw new Error(`${cmd} ${args.join(" ")} exited with ${res.status}`);
  }
  return res;
}

/**
 * The worker reads its secrets from .dev.vars locally. A fresh clone gets a random session secret,
 * kept across runs so sessions survive a restart.
 */
export function ensureDevVars() {
  const file = path.join(root, ".dev.vars");
  if (existsSync(file) && /^BETTER_AUTH_SECRET=.{32,}$/m.test(readFileSync(file, "utf8"))) return;
  const existing = existsSync(file) ? readFileSync(file, "utf8") : "";
  const secret = randomBytes(32).toString("hex");
  writeFileSync(file, `${existing}${existing && !existing.endsWith("\n") ? "\n" : ""}BETTER_AUTH_SECRET=${secret}\n`);
  console.log("· wrote a random BETTER_AUTH_SECRET to .dev.vars");
}

/** Reads .dev.vars (KEY=VALUE lines) so scripts see the same configuration as the worker. */
export function readDevVars() {
  const file = path.join(root, ".dev.vars");
  if (!existsSync(file)) return {};
  const vars = {};
  for (const line of readFileSync(file, "utf8").split(/\r?\n/)) {
    const m = /^\s*([A-Z0-9_]+)\s*=\s*(.*)\s*$/.exec(line);
    if (m) vars[m[1]] = m[2].replace(/^"(.*)"$/, "$1");
  }
  return vars;
}

const SOURCES = ["app", "components", "actions", "lib", "db", "public", "package.json", "next.config.ts", "open-next.config.ts", "wrangler.jsonc", "package-lock.json"];

function newestMtime(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(p)) {
    if (/\.test\.tsx?$/.test(entry)) continue; // tests are not part of the worker
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** The OpenNext build is reused when no source file is newer than it. */
export function buildIsFresh() {
  const worker = path.join(root, ".open-next/worker.js");
  if (!existsSync(worker)) return false;
  const built = statSync(worker).mtimeMs;
  return SOURCES.every((s) => newestMtime(path.join(root, s)) <= built);
}

export function build() {
  run(bin("opennextjs-cloudflare"), ["build"]);
}

export function applyMigrations(stateDir) {
  const args = ["d1", "migrations", "apply", "quire", "--local"];
  if (stateDir) args.push("--persist-to", stateDir);
  run(bin("wrangler"), args, { quiet: true, env: { CI: "1" } });
}

/** Starts the built worker on workerd (what `opennextjs-cloudflare preview` runs) and returns the child. */
export function serveWorker({ port, stateDir, vars = {} }) {
  const args = ["dev", "--port", String(port), "--ip", "127.0.0.1", "--show-interactive-dev-session=false", "--log-level", "warn"];
  if (stateDir) args.push("--persist-to", stateDir);
  for (const [k, v] of Object.entries(vars)) args.push("--var", `${k}:${v}`);
  return spawn(bin("wrangler"), args, { cwd: root, stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, CI: "1" } });
}

/** Polls /api/health until the worker answers with a working database. */
export async function waitForHealth(url, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return await res.json();
      last = `${res.status} ${await res.text()}`;
    } catch (err) {
      last = String(err?.cause?.code ?? err);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the worker at ${url} did not become healthy in ${timeoutMs / 1000}s (last: ${last})`);
}

/**
 * Jobs that were running when the server stopped are handed to a runner again (the same call the
 * production cron trigger makes). The token matches lib/jobs/internal-token.ts.
 */
export async function resumeOrphanedJobs(url) {
  const secret = readDevVars().BETTER_AUTH_SECRET;
  if (!secret) return;
  const token = createHash("sha256").update(`quire-internal-jobs:${secret}`).digest("hex");
  try {
    const res = await fetch(`${url}/api/internal/jobs/sweep`, { method: "POST", headers: { "x-quire-internal": token } });
    const body = await res.json();
    if (body.resumed?.length) console.log(`· resumed ${body.resumed.length} unfinished job(s)`);
  } catch (err) {
    console.warn(`· could not check for unfinished jobs: ${err}`);
  }
}
