import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdirSync, openSync } from "node:fs";
import path from "node:path";

/**
 * A second Quire worker that a spec owns, for tests that stop and start the server itself. It
 * serves the same production build on its own port and local state.
 */
export class OwnServer {
  private child?: ChildProcess;
  constructor(readonly port: number, readonly stateDir: string, private vars: Record<string, string> = {}) {}

  get url() {
    return `http://127.0.0.1:${this.port}`;
  }

  /** `build`: let start.mjs rebuild first when a source is newer than the build (benchmarks). */
  async start({ fresh = false, build = false } = {}) {
    const args = ["scripts/start.mjs", "--port", String(this.port), "--state", this.stateDir];
    if (!build) args.push("--no-build");
    if (fresh) args.push("--fresh");
    for (const [k, v] of Object.entries(this.vars)) args.push("--var", `${k}:${v}`);
    // Its own process group, so a crash can take the worker and workerd down together.
    // Its output goes to a log beside the test results, for when something needs explaining.
    mkdirSync("reports", { recursive: true });
    const log = openSync(path.resolve(`reports/own-server-${this.port}.log`), "a");
    this.child = spawn(path.resolve("node_modules/.bin/node"), args, { detached: true, stdio: ["ignore", log, log] });
    const deadline = Date.now() + (build ? 900_000 : 120_000);
    while (Date.now() < deadline) {
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`own server on ${this.port} did not start`);
  }

  /** Kills the whole server at once, as a crash or a pulled plug would. */
  async crash() {
    if (this.child?.pid) process.kill(-this.child.pid, "SIGKILL");
    this.child = undefined;
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      try {
        await fetch(`${this.url}/api/health`);
      } catch {
        return;
      }
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  /** Reads the local D1 directly (wrangler), for facts a user cannot see on a page. */
  query<T>(sql: string): T[] {
    const out = execFileSync(
      path.resolve("node_modules/.bin/wrangler"),
      ["d1", "execute", "quire", "--local", "--persist-to", this.stateDir, "--json", "--command", sql],
      { encoding: "utf8", env: { ...process.env, CI: "1" } },
    );
    return (JSON.parse(out) as { results: T[] }[])[0]!.results;
  }
}
