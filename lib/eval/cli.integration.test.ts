import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startUpstream, type Upstream } from "@/test/helpers/upstream/server";
import { FAST_ENV, upstreamEnv } from "@/lib/llm/testing/harness";
import { SMALL_SUITE } from "./testing/small-suite";

const run = promisify(execFile);
let dir: string;
let up: Upstream;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "quire-eval-"));
  up = await startUpstream();
});
afterAll(async () => {
  await up?.close();
  rmSync(dir, { recursive: true, force: true });
});

// No provider key from the developer's shell may leak into these runs.
const CLEAN_ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(CUSTOM_|MODAL_|OPENROUTER_|OPENAI_|ANTHROPIC_|WORKERS_AI_|CLOUDFLARE_|LLM_)/.test(k)));

function evalCommand(args: string[], env: Record<string, string>) {
  return run(path.resolve("node_modules/.bin/tsx"), ["scripts/eval-model.ts", ...args], { env: { ...CLEAN_ENV, ...FAST_ENV, NODE_NO_WARNINGS: "1", ...env } as unknown as NodeJS.ProcessEnv, maxBuffer: 10 * 1024 * 1024 });
}

const lastJsonLine = (stdout: string) => JSON.parse(stdout.trim().split("\n").at(-1)!);

// Each test starts a process of its own: slow on a busy machine, so a longer cap.
describe("npm run eval:model", { timeout: 120_000 }, () => {
  it("runs the whole fixed suite offline on the demo model and writes both reports", async () => {
    const out = path.join(dir, "demo-reports");
    const { stdout } = await evalCommand(["--targets", "demo", "--out", out], {});
    const summary = lastJsonLine(stdout);
    expect(summary.notReady).toEqual([]);
    expect(summary.targets).toHaveLength(1);
    expect(summary.targets[0]).toMatchObject({ target: "demo", failures: 0, outlineValidRate: 1 });
    const report = JSON.parse(readFileSync(path.join(out, "latest.json"), "utf8"));
    expect(report.suite).toEqual({ outline: 12, chapter: 3, suggestion: 8 });
    expect(readFileSync(summary.report.markdown, "utf8")).toContain("| figure | demo (quire-demo) |");
  });

  it("puts two upstream targets side by side, over real HTTP with a fault on the way", async () => {
    const suite = path.join(dir, "suite");
    mkdirSync(suite);
    for (const [name, items] of Object.entries({ outlines: SMALL_SUITE.outlines, chapters: SMALL_SUITE.chapters, suggestions: SMALL_SUITE.suggestions })) {
      writeFileSync(path.join(suite, `${name}.json`), JSON.stringify({ items }));
    }
    up.setScenario(["http-502", "ok"], { model: "router-m" });
    const out = path.join(dir, "upstream-reports");
    const { stdout } = await evalCommand(["--targets", "custom,openrouter", "--suite", suite, "--out", out], upstreamEnv(up.url));
    const summary = lastJsonLine(stdout);
    expect(summary.targets.map((t: { target: string }) => t.target)).toEqual(["custom", "openrouter"]);
    // The upstream answers prose: neither target produces a valid outline, both write chapters.
    for (const t of summary.targets) expect(t).toMatchObject({ outlineValidRate: 0, failures: 2 });
    expect(readFileSync(path.join(out, "latest.md"), "utf8")).toContain("| figure | custom (custom-m) | openrouter (router-m) |");
    expect(up.requests.some((r) => r.headers.authorization === "Bearer test-custom-key")).toBe(true);
    expect(up.requests.filter((r) => r.scenario === "http-502")).toHaveLength(1);
  });

  it("says which target is not configured, with exit code 2", async () => {
    const failure = await evalCommand(["--targets", "modal"], {}).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain('--targets: "modal" is not configured (configured: demo)');
  });
});
