import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPlatformProxy } from "wrangler";
import { createDb } from "@/db/client";
import { TEST_PLATFORM_CONFIG } from "@/test/d1";
import { seedLibrary, type SeededLibrary } from "./testing/seed-library";

const run = promisify(execFile);
let state: string;
let lib: SeededLibrary;

// The command runs against a local state directory of its own, as `npm run training:export` does
// against .wrangler/state: the seeded database is closed before the command opens it.
beforeAll(async () => {
  state = mkdtempSync(path.join(tmpdir(), "quire-export-"));
  cpSync(process.env.QUIRE_TEST_D1_TEMPLATE!, state, { recursive: true });
  const proxy = await getPlatformProxy<CloudflareEnv>({ configPath: TEST_PLATFORM_CONFIG, persist: { path: path.join(state, "v3") } });
  try {
    lib = await seedLibrary(createDb(proxy.env.DB));
  } finally {
    await proxy.dispose();
  }
});
afterAll(() => rmSync(state, { recursive: true, force: true }));

function exportCommand(args: string[]) {
  return run(path.resolve("node_modules/.bin/tsx"), ["scripts/training-export.ts", "--state", state, ...args], {
    env: { ...process.env, LLM_FORCE_DEMO: "1", NODE_NO_WARNINGS: "1" },
  });
}

// Each test starts a process that compiles and opens its own D1: slow on a busy machine, so a longer cap.
describe("npm run training:export", { timeout: 120_000 }, () => {
  it("writes the JSONL file and prints a JSON summary as its last line", async () => {
    const out = path.join(state, "data.jsonl");
    const { stdout } = await exportCommand(["--out", out, "--min-quality"]);
    const summary = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(summary).toMatchObject({ examples: 3, written: { outline: 1, chapter: 1, suggestion: 1 }, skipped: { "chapter:quality": 1 } });
    const file = readFileSync(out, "utf8");
    const lines = file.trim().split("\n").map((l) => JSON.parse(l) as { messages: Array<{ role: string }> });
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.messages.at(-1)!.role === "assistant")).toBe(true);
    expect(file).not.toContain(lib.ada.email);
    expect(file).not.toContain("Lovelace");
  });

  it("refuses a wrong option with a message naming it and exit code 2", async () => {
    const failure = await exportCommand(["--out", path.join(state, "x.jsonl"), "--task", "cover"]).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure?.code).toBe(2);
    expect(failure?.stderr).toContain("--task: must be one of outline, chapter, suggestion");
  });
});
