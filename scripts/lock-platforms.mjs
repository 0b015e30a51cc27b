// Keeps `npm ci` working against a registry mirror that lacks some platform builds (for example
// @next/swc-darwin-arm64 or @cloudflare/workerd-windows-64). npm leaves such optional packages out of
// package-lock.json when it cannot fetch them, and `npm ci` then rejects the lock as out of sync.
// This adds an entry for each missing optional platform package, with the os/cpu its name implies,
// so `npm ci` skips it on this platform (and fetches it normally on a machine that needs it).
// Run after any `npm install` that changes the lock: `npm run lock:platforms`.
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;

const OS = [["darwin", "darwin"], ["win32", "win32"], ["windows", "win32"], ["android", "android"], ["freebsd", "freebsd"], ["linux", "linux"], ["wasm32", null]];
const CPU = [["arm64", "arm64"], ["aarch64", "arm64"], ["x64", "x64"], ["-64", "x64"], ["arm-", "arm"], ["ia32", "ia32"], ["wasm32", "wasm32"]];

function platformOf(name) {
  const os = OS.find(([k]) => name.includes(k))?.[1];
  const cpu = CPU.find(([k]) => name.includes(k))?.[1];
  return { ...(os ? { os: [os] } : {}), ...(cpu ? { cpu: [cpu] } : {}) };
}

let added = 0;
for (const [path, pkg] of Object.entries(packages)) {
  for (const [dep, spec] of Object.entries(pkg.optionalDependencies ?? {})) {
    const nested = `${path ? `${path}/` : ""}node_modules/${dep}`;
    if (packages[nested] || packages[`node_modules/${dep}`]) continue;
    const version = String(spec).replace(/^[\^~=]/, "");
    if (!/^\d+\.\d+\.\d+/.test(version)) continue;
    const platform = platformOf(dep);
    if (!platform.os && !platform.cpu) continue; // not a platform build: leave it to npm
    packages[`node_modules/${dep}`] = { version, ...(pkg.dev ? { dev: true } : {}), optional: true, ...platform };
    added++;
  }
}

const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platforms: added ${added} missing optional platform entries`);
