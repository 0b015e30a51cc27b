import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";

/** A port nothing listens on right now, chosen by the OS (so two benchmarks can run side by side). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

/**
 * A second Quire worker that a spec or a benchmark owns, for work that stops and starts the server
 * itself. It serves the production build on a free port (kept across restarts) and its own local state.
 */
export class OwnServer {
  private child?: ChildProcess;
  /** Chosen at the first start; undefined until then. */
  port?: number;
  constructor(readonly stateDir: string, private vars: Record<string, string> = {}, options: { port?: number } = {}) {
    this.port = options.port;
  }

  get url() {
    if (!this.port) throw new Error("the own server has no port until start() has run");
    return `http://127.0.0.1:${this.port}`;
  }

  /**
   * `build`: let start.mjs build first when there is no build or a source is newer than it
   * (benchmarks, which run from a fresh clone); without it the existing build is served as it is.
   */
  async start({ fresh = false, build = false } = {}) {
    this.port ??= await freePort();
    const args = ["scripts/start.mjs", "--port", String(this.port), "--state", this.stateDir];
    if (!build) args.push("--no-build");
    if (fresh) args.push("--fresh");
    for (const [k, v] of Object.entries(this.vars)) args.push("--var", `${k}:${v}`);
    // Its own process group, so a crash can take the worker and workerd down together.
    // Its output goes to a log beside the test results, for when something needs explaining.
    mkdirSync("reports", { recursive: true });
    const logPath = path.resolve(`reports/own-server-${this.port}.log`);
    const log = openSync(logPath, "a");
    const node = existsSync("node_modules/.bin/node") ? path.resolve("node_modules/.bin/node") : process.execPath;
    const child = spawn(node, args, { detached: true, stdio: ["ignore", log, log] });
    this.child = child;
    let exited: number | null = null;
    child.on("exit", (code) => (exited = code ?? 1));
    const deadline = Date.now() + (build ? 900_000 : 120_000);
    while (Date.now() < deadline) {
      if (exited !== null) {
        // start.mjs says why in its last lines (a missing build, a port in use, a failed migration).
        const tail = readFileSync(logPath, "utf8").trim().split("\n").slice(-8).join("\n");
        throw new Error(`the own server on port ${this.port} stopped while starting (exit ${exited}); the end of ${path.relative(process.cwd(), logPath)}:\n${tail}`);
      }
      try {
        if ((await fetch(`${this.url}/api/health`)).ok) return;
      } catch {
        // not up yet
      }
      await new Promise((r) => setTimeout(r, 300));
    }
    throw new Error(`the own server on port ${this.port} did not answer /api/health in time; see ${logPath}`);
  }

  /** Kills the whole server at once, as a crash or a pulled plug would. */
  async crash() {
    if (!this.child?.pid || !this.port) return;
    try {
      process.kill(-this.child.pid, "SIGKILL");
    } catch {
      // already gone
    }
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
