// The operator CLI against the fault-injecting upstream, run as an operator runs it (tsx, env vars).
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "../test/helpers/upstream/server";

let up: Upstream;
const emptyDir = mkdtempSync(join(tmpdir(), "quire-llm-cli-"));
beforeAll(async () => {
  up = await startUpstream();
});
beforeEach(() => up.reset());
afterAll(() => up.close());

/** Only what a shell needs to find tsx's Node; nothing of Quire's configuration. */
const systemEnv = Object.fromEntries(["PATH", "HOME"].map((name) => [name, process.env[name] ?? ""]));

function run(args: string[], env: Record<string, string>, stdin = ""): Promise<{ code: number | null; lines: Array<Record<string, unknown>> }> {
  return new Promise((resolve, reject) => {
    // Run from an empty directory so that no developer's .env adds targets; a clean environment too.
    const child = spawn(join(process.cwd(), "node_modules/.bin/tsx"), ["--tsconfig", join(process.cwd(), "tsconfig.json"), join(process.cwd(), "scripts/llm.ts"), ...args], {
      env: { ...systemEnv, LLM_REFRESH_PRICES: "false", LLM_RETRY_BASE_MS: "1", LLM_RETRY_MAX_MS: "2", ...env } as unknown as NodeJS.ProcessEnv,
      cwd: emptyDir,
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, lines: out.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) }));
    child.stdin.end(stdin);
  });
}

const customEnv = () => ({ CUSTOM_LLM_BASE_URL: `${up.url}/v1`, CUSTOM_LLM_MODEL: "custom-m", CUSTOM_LLM_CONTEXT_WINDOW: "8192", LLM_MAX_RETRIES: "2" });

describe("npm run llm", () => {
  it("--health: one probe per target, no retries, exit 1 when a target is down", async () => {
    up.setScenario("http-503", { model: "custom-m" });
    const { code, lines } = await run(["--health"], customEnv());
    expect(code).toBe(1);
    expect(up.requests.filter((r) => r.body.model === "custom-m")).toHaveLength(1);
    expect(lines.find((l) => l.type === "probe" && l.targetId === "custom")).toMatchObject({ ok: false, code: "unavailable" });
  }, 60_000);

  it("--health: a refused key shows the target as misconfigured", async () => {
    up.setScenario("unauthorized", { model: "custom-m" });
    const { code, lines } = await run(["--health"], customEnv());
    expect(code).toBe(1);
    expect(lines.find((l) => l.type === "health" && l.targetId === "custom")).toMatchObject({ state: "misconfigured", misconfigured: true });
  }, 60_000);

  it("--health exits 0 when every target answers", async () => {
    const { code } = await run(["--health"], customEnv());
    expect(code).toBe(0);
  }, 60_000);

  it("a failed run prints the usage of its failed attempts before the error", async () => {
    up.setScenario("http-503");
    const { code, lines } = await run([], { ...customEnv(), LLM_ROUTES: '{"summary":{"noFallback":true}}' }, JSON.stringify({ task: "summary", messages: [{ role: "user", content: "hi" }], cache: false }));
    expect(code).toBe(1);
    expect(lines.filter((l) => l.type === "usage").map((l) => l.errorCode)).toEqual(["unavailable", "unavailable", "unavailable"]);
    expect(lines.at(-1)).toMatchObject({ type: "error", code: "unavailable" });
  }, 60_000);
});
