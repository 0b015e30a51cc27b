import { LlmError } from "../errors";

/**
 * An answer's body or one stream event as a JSON object. Anything else is a `bad_response` whose
 * message names `what` and which keeps the start of the text, for the log and the usage row.
 */
export function parseWireJson(text: string, what: string): Record<string, unknown> {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new LlmError("bad_response", `${what} is not JSON`, { body: text.slice(0, 500), cause: error });
  }
}
