// `npm start`: build Quire with OpenNext (when sources changed), apply D1 migrations to the local
// database, seed the demo accounts, and serve the production worker on workerd.
//   --port N         listen on N (default 3000, or $PORT)
//   --state DIR      keep local D1/KV/R2 state in DIR (default .wrangler/state)
//   --fresh          start from an empty local database
//   --no-build       serve the existing build as it is
import { existsSync, rmSync } from "node:fs";
import { applyMigrations, build, buildIsFresh, ensureDevVars, resumeOrphanedJobs, run, serveWorker, waitForHealth, root } from "./lib/local.mjs";
import { DEMO_ACCOUNTS } from "./lib/demo-accounts.mjs";
import path from "node:path";

const started = performance.now();
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, fallback) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : fallback;
};
const port = Number(option("--port", process.env.PORT ?? 3000));
const stateDir = path.resolve(root, option("--state", ".wrangler/state"));
const vars = {
  // wrangler dev shows the worker its address as localhost; a browser may use either name.
  TRUSTED_ORIGINS: `http://localhost:${port},http://127.0.0.1:${port}`,
  // The local queue broker runs one batch at a time; detached jobs run side by side (see worker.ts).
  JOB_QUEUE_MODE: "detach",
  // Local only: password-reset links go to the log and the /dev/mail page instead of being mailed.
  DEV_MAIL_OUTBOX: "true",
  // Local only: purchases "pay" at once through the placeholder provider (unset, purchases are off).
  PAYMENT_PROVIDER: "placeholder",
  ...Object.fromEntries(argv.flatMap((a, i) => (argv[i - 1] === "--var" ? [a.split(/:(.*)/s).slice(0, 2)] : []))),
};

const step = (label) => console.log(`· ${label} (${((performance.now() - started) / 1000).toFixed(1)}s)`);

ensureDevVars();
if (flag("--fresh")) rmSync(stateDir, { recursive: true, force: true });

if (flag("--no-build")) {
  if (!existsSync(path.join(root, ".open-next/worker.js"))) {
    console.error("There is no OpenNext build to serve (.open-next/worker.js is missing): run `npm start` once, or start without --no-build.");
    process.exit(1);
  }
  step("serving the existing build");
}
else if (buildIsFresh()) step("build is up to date");
else {
  step("building with OpenNext");
  build();
}

step("applying D1 migrations to the local database");
applyMigrations(stateDir);

step("seeding demo accounts");
run(path.join(root, "node_modules/.bin/tsx"), ["scripts/seed.ts", "--state", stateDir]);

step("starting the worker on workerd");
const worker = serveWorker({ port, stateDir, vars });
const stop = () => worker.kill("SIGTERM");
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
worker.on("exit", (code) => process.exit(code ?? 0));

const url = `http://localhost:${port}`;
try {
  await waitForHealth(`http://127.0.0.1:${port}`);
} catch (err) {
  console.error(String(err));
  stop();
  process.exit(1);
}
await resumeOrphanedJobs(`http://127.0.0.1:${port}`);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`
Quire is ready at ${url} (ready in ${seconds}s)

  Demo accounts (local only):
${DEMO_ACCOUNTS.map((a) => `    ${a.role.padEnd(6)} ${a.email} / ${a.password}`).join("\n")}

  Text comes from the built-in offline demo model unless a provider is configured (.env.example).
  Press Ctrl+C to stop. Local data is kept in ${path.relative(root, stateDir)}.
`);
