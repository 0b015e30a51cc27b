import type { NextConfig } from "next";
import { initOpenNextCloudflareForDev } from "@opennextjs/cloudflare";
import path from "node:path";
import { applyMigrations, ensureDevVars, readDevVars, root, storageConfig } from "./scripts/lib/local.mjs";

const nextConfig: NextConfig = {
  // No X-Powered-By: Next.js (worker.ts adds the security headers to every response).
  poweredByHeader: false,
  // Images are served as they are: Workers has no sharp, and covers are already sized.
  images: { unoptimized: true },
  serverExternalPackages: [],
  experimental: {
    serverActions: { bodySizeLimit: "1mb" },
  },
};

// `next dev` gets the same local D1/KV/R2 data as `npm start` (wrangler's state in .wrangler/), through
// the storage-only config (jobs run in the dev server's process: no queue, no job relay), and the
// same .dev.vars: the worker copies its variables into process.env, which Next's dev server does not
// do for .dev.vars (a fresh clone gets its session secret and its migrated database here, as with
// `npm start`). Webpack, not Turbopack, in dev (package.json): Turbopack's dev server kept reloading
// every page here, twice a second, before it could hydrate.
if (process.env.NODE_ENV === "development") {
  applyMigrations(path.join(root, ".wrangler/state"));
  void initOpenNextCloudflareForDev({ configPath: storageConfig, persist: { path: path.join(root, ".wrangler/state/v3") } });
  ensureDevVars();
  for (const [key, value] of Object.entries(readDevVars())) process.env[key] ??= value;
  // As with `npm start`: account mail (reset links) is listed at /dev/mail instead of being sent.
  process.env.DEV_MAIL_OUTBOX ??= "true";
}

export default nextConfig;
