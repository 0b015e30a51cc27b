// Getting a JSON value out of model text: strip fences and chatter, repair the usual damage
// (trailing commas, comments, single quotes, unquoted keys, Python literals, a cut-off tail), then
// validate against the zod schema. The service re-asks the model once with the errors if this fails.
import type { ObjectSchema } from "./contract";

/** The first balanced JSON object or array in `text` (inside a ``` fence if there is one). */
export function extractJson(text: string): string | undefined {
  const fence = /```(?:json|JSON)?\s*\n?([\s\S]*?)(?:```|$)/.exec(text);
  const source = fence ? fence[1]! : text;
  const start = source.search(/[[{]/);
  if (start < 0) return undefined;
  let depth = 0;
  let inString = false;
  let quote = "";
  for (let i = start; i < source.length; i++) {
    const c = source[i]!;
    if (inString) {
      if (c === "\\") i++;
      else if (c === quote) inString = false;
      continue;
    }
    if (c === '"' || c === "'") {
      inString = true;
      quote = c;
    } else if (c === "{" || c === "[") depth++;
    else if (c === "}" || c === "]") {
      depth--;
      if (depth === 0) return source.slice(start, i + 1);
    }
  }
  return source.slice(start); // unbalanced: a cut-off answer, left for repair to close
}

/** Best-effort repair of almost-JSON. Returns the input unchanged when it already parses. */
export function repairJson(text: string): string {
  try {
    JSON.parse(text);
    return text;
  } catch {
    // fall through to repair
  }
  let out = "";
  const closers: string[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"' || c === "'") {
      // Re-emit any string with double quotes, escaping inner double quotes.
      let j = i + 1;
      let body = "";
      while (j < text.length && text[j] !== c) {
        if (text[j] === "\\" && j + 1 < text.length) {
          body += text[j]! + text[j + 1]!;
          j += 2;
          continue;
        }
        if (text[j] === "\n") body += "\\n";
        else body += c === "'" && text[j] === '"' ? '\\"' : text[j]!;
        j++;
      }
      out += `"${body}"`;
      i = j + 1;
      continue;
    }
    if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (c === "{" || c === "[") closers.push(c === "{" ? "}" : "]");
    if (c === "}" || c === "]") closers.pop();
    if (/[A-Za-z_$]/.test(c) && !/[0-9.]/.test(out[out.length - 1] ?? "")) {
      let j = i;
      while (j < text.length && /[\w$-]/.test(text[j]!)) j++;
      const word = text.slice(i, j);
      const rest = text.slice(j).trimStart();
      if (rest.startsWith(":")) out += `"${word}"`;
      else if (word === "True" || word === "true") out += "true";
      else if (word === "False" || word === "false") out += "false";
      else if (word === "None" || word === "null" || word === "undefined" || word === "NaN") out += "null";
      else out += JSON.stringify(word);
      i = j;
      continue;
    }
    out += c;
    i++;
  }
  // Close what a truncated answer left open, dropping a dangling comma or key.
  out = out.replace(/,\s*$/, "").replace(/,\s*"[^"]*"\s*:?\s*$/, "").replace(/:\s*$/, ": null");
  while (closers.length > 0) out += closers.pop();
  return out.replace(/,(\s*[}\]])/g, "$1");
}

export type JsonParseOutcome<T> = { ok: true; value: T } | { ok: false; errors: string[] };

function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string[] {
  return issues.slice(0, 10).map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)"}: ${issue.message}`);
}

export function parseJsonAnswer<T>(text: string, schema: ObjectSchema<T>): JsonParseOutcome<T> {
  const extracted = extractJson(text);
  if (extracted === undefined) return { ok: false, errors: ["the answer contains no JSON object or array"] };
  let value: unknown;
  try {
    value = JSON.parse(repairJson(extracted));
  } catch (error) {
    return { ok: false, errors: [`the JSON could not be parsed: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: describeIssues(result.error.issues) };
}
