// Runs the fixed evaluation suite (eval/suite) against one or more configured targets and writes a
// side-by-side report (Markdown + JSON) under eval/reports/. No model judges another: every score is
// computed by lib/eval. With no keys configured, `--targets demo` runs offline.
//
//   npm run eval:model -- --targets custom,openrouter [--tasks outline,chapter,suggestion]
//       [--suite eval/suite] [--out eval/reports]
//
// Target ids are those of the LLM configuration (.env / environment; see .env.example): custom,
// modal, workers-ai, custom-format, openrouter, openai, anthropic, demo. Without --targets, every
// configured target is run (the demo model alone when none is). Progress goes to stderr; the last
// line on stdout is a JSON summary. Exit code 1 when a target failed every case (not ready), 2 for
// wrong options.
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { isLlmError, loadLlmConfig } from "@/lib/llm";
import { EvalOptionsError } from "@/lib/eval/errors";
import { parseEvalOptions } from "@/lib/eval/options";
import { loadSuite } from "@/lib/eval/suite-files";
import { runEval } from "@/lib/eval/runner";
import { renderMarkdown, summarize } from "@/lib/eval/report";

function readArgs() {
  try {
    return parseArgs({
      options: { targets: { type: "string" }, tasks: { type: "string" }, suite: { type: "string" }, out: { type: "string" } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new EvalOptionsError(error instanceof Error ? error.message : String(error));
  }
}

async function main() {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const options = parseEvalOptions(readArgs());
  const config = loadLlmConfig(process.env);
  const targets = options.targets ?? (config.demoOnly ? ["demo"] : config.targets.filter((t) => t.id !== "demo" && t.output !== "image").map((t) => t.id));
  const suite = loadSuite(path.resolve(options.suite));

  const report = await runEval(config, targets, suite, {
    tasks: options.tasks,
    onCase: (target, r) => process.stderr.write(`${target} ${r.task} ${r.id}: ${r.ok ? "ok" : r.errorCode} ${Math.round(r.latencyMs)} ms\n`),
  });

  const outDir = path.resolve(options.out);
  mkdirSync(outDir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, "-");
  const json = path.join(outDir, `eval-${stamp}.json`);
  const markdown = path.join(outDir, `eval-${stamp}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, renderMarkdown(report));
  writeFileSync(path.join(outDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(path.join(outDir, "latest.md"), renderMarkdown(report));

  const notReady = report.targets.filter((t) => t.cases.length > 0 && t.cases.every((c) => !c.ok)).map((t) => t.targetId);
  console.log(JSON.stringify({ report: { json, markdown }, notReady, targets: summarize(report) }));
  if (notReady.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  if (error instanceof EvalOptionsError) console.error(`eval:model: ${error.message}`);
  else if (isLlmError(error) && error.code === "config") console.error(`eval:model: ${error.message}`);
  else console.error("eval:model failed:", error);
  process.exit(error instanceof EvalOptionsError || (isLlmError(error) && error.code === "config") ? 2 : 1);
});
