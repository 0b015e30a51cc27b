// Test-only: the fault-injecting upstream for one test file, started once, reset before each test and
// closed at the end, with an LLM service routed to it (custom model, then OpenRouter).
import { afterAll, beforeAll, beforeEach } from "vitest";
import { startUpstream, type Upstream } from "./server";
import { createLlmService } from "../../../lib/llm/service";
import { recordingSink, upstreamConfig } from "../../../lib/llm/testing/harness";

export type UpstreamSuite = {
  /** The running upstream (available inside tests and hooks). */
  readonly up: Upstream;
  /** A service on the upstream with `env` over the fast test settings, and the usage it records. */
  service: (env?: Record<string, string>) => { llm: ReturnType<typeof createLlmService>; sink: ReturnType<typeof recordingSink> };
  /** How many requests the upstream has had for `model`. */
  hits: (model: string) => number;
};

export function useUpstream(): UpstreamSuite {
  let up: Upstream | undefined;
  beforeAll(async () => {
    up = await startUpstream();
  });
  beforeEach(() => up!.reset());
  afterAll(() => up?.close());
  const suite: UpstreamSuite = {
    get up() {
      if (!up) throw new Error("the upstream starts in beforeAll: use it inside a test or a hook");
      return up;
    },
    service: (env = {}) => {
      const sink = recordingSink();
      return { llm: createLlmService(upstreamConfig(suite.up.url, env), { sink }), sink };
    },
    hits: (model) => suite.up.requests.filter((r) => r.body.model === model).length,
  };
  return suite;
}
