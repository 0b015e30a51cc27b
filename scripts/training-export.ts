// Writes a fine-tuning dataset (JSONL, chat format) from the LOCAL database: outlines and chapters
// that opted-in authors kept, with the prompts Quire sends, and the suggestions writers accepted.
//
//   npm run training:export -- --out data.jsonl [--task outline|chapter|suggestion]
//       [--from 2026-01-01] [--to 2026-03-31] [--min-quality] [--state .wrangler/state]
//       [--context-window 8192]
//
// The last line printed is a JSON summary: examples written per task and what was skipped, and why.
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { getPlatformProxy } from "wrangler";
import { storageConfig } from "./lib/local.mjs";
import { createDb } from "@/db/client";
import { loadLlmConfig } from "@/lib/llm";
import { emptyStats, toJsonlLine, trainingExamples } from "@/lib/training/export";
import { parseExportOptions, TrainingOptionsError } from "@/lib/training/options";

function readArgs() {
  try {
    return parseArgs({
      options: {
        out: { type: "string" },
        task: { type: "string" },
        from: { type: "string" },
        to: { type: "string" },
        "min-quality": { type: "boolean", default: false },
        state: { type: "string", default: ".wrangler/state" },
        "context-window": { type: "string" },
      },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new TrainingOptionsError(error instanceof Error ? error.message : String(error));
  }
}

/** The chapter prompts are budgeted for the chapter route's first target, as in the app (lib/ai/service.ts). */
function chapterContextWindow(): number {
  const config = loadLlmConfig(process.env);
  const first = config.routes.chapter.targets[0]?.id;
  return config.targets.find((t) => t.id === first)?.capabilities.contextWindow ?? 8_192;
}

async function main() {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const args = readArgs();
  if (!args.out) throw new TrainingOptionsError("--out: the output file is required (e.g. --out data.jsonl)");
  const options = parseExportOptions({
    task: args.task,
    from: args.from,
    to: args.to,
    minQuality: args["min-quality"],
    contextWindow: args["context-window"] ?? chapterContextWindow(),
  });
  const stateDir = path.resolve(args.state!);
  if (!existsSync(path.join(stateDir, "v3"))) throw new TrainingOptionsError(`--state: no local database under ${stateDir} (run npm start once, or pass --state)`);

  const proxy = await getPlatformProxy<CloudflareEnv>({ configPath: storageConfig, persist: { path: path.join(stateDir, "v3") } });
  const outFile = path.resolve(args.out);
  mkdirSync(path.dirname(outFile), { recursive: true });
  const out = createWriteStream(outFile, { encoding: "utf8" });
  const stats = emptyStats();
  try {
    for await (const example of trainingExamples(createDb(proxy.env.DB), options, stats)) {
      if (!out.write(`${toJsonlLine(example)}\n`)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    }
  } finally {
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await proxy.dispose();
  }
  console.log(JSON.stringify({ out: outFile, examples: Object.values(stats.written).reduce((a, b) => a + b, 0), written: stats.written, skipped: stats.skipped, options: { ...options, from: options.from ?? null, to: options.to ?? null } }));
}

main().catch((error: unknown) => {
  if (error instanceof TrainingOptionsError) console.error(`training:export: ${error.message}`);
  else console.error("training:export failed:", error);
  process.exit(error instanceof TrainingOptionsError ? 2 : 1);
});
