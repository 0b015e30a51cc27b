import { readFileSync, existsSync } from "node:fs";
import path from "node:path";
import { suiteFiles, type EvalSuite } from "./suite";
import { EvalOptionsError } from "./errors";

/** Reads and validates eval/suite (or another directory with the same three files). */
export function loadSuite(dir: string): EvalSuite {
  const read = <K extends keyof typeof suiteFiles>(name: K) => {
    const file = path.join(dir, `${name}.json`);
    if (!existsSync(file)) throw new EvalOptionsError(`--suite: ${file} is missing`);
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(file, "utf8"));
    } catch (error) {
      throw new EvalOptionsError(`--suite: ${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    const parsed = suiteFiles[name].safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new EvalOptionsError(`--suite: ${file} at ${issue.path.join(".") || "(top)"}: ${issue.message}`);
    }
    return parsed.data.items;
  };
  return { outlines: read("outlines") as EvalSuite["outlines"], chapters: read("chapters") as EvalSuite["chapters"], suggestions: read("suggestions") as EvalSuite["suggestions"] };
}
