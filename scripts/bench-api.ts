// `npm run bench:api`: what Quire's OpenAI-compatible API adds over calling the LLM service in
// process, for the same request on the demo model (no pacing delay): key lookup, credit reservation
// and settlement on D1, the worker's HTTP path and JSON shaping. Runs its own worker on the existing
// build. The last line is a JSON object of the figures.
import { createHash } from "node:crypto";
import { createLlmService, loadLlmConfig, type LlmRequest } from "@/lib/llm";
import { OwnServer } from "../e2e/server";

const RUNS = Number(process.env.BENCH_RUNS ?? 200);
const WARMUP = 20;
const server = new OwnServer(".wrangler/bench-api-state", { DEMO_MODEL_DELAY_MS: "0", AUTH_RATE_LIMIT_PER_MINUTE: "100000", RATE_LIMIT_API_PER_MINUTE: "100000" });

const pct = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 1000) / 1000;
};

function request(i: number): LlmRequest {
  // A different prompt each run, so neither path is served from a cache.
  return { task: "suggestion", cache: false, messages: [{ role: "user", content: `Instruction: Improve\n<selection>The keeper lit lamp number ${i} before the storm.</selection>` }] };
}

async function main() {
  const inProcess = createLlmService(loadLlmConfig({ DEMO_MODEL_DELAY_MS: "0" }));
  const local: number[] = [];
  for (let i = 0; i < RUNS + WARMUP; i++) {
    const t = performance.now();
    await inProcess.generateText(request(i));
    if (i >= WARMUP) local.push(performance.now() - t);
  }

  await server.start({ fresh: true, build: true });
  try {
    const email = `bench.${Date.now()}@bench.test`;
    const signUp = await fetch(`${server.url}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ name: "Bench", email, password: "bench-password-1" }),
    });
    if (!signUp.ok) throw new Error(`sign-up failed: ${signUp.status}`);
    const secret = `qk_bench${"x".repeat(28)}`;
    const hash = createHash("sha256").update(secret).digest("hex");
    server.query(
      `INSERT INTO api_keys (id, user_id, name, prefix, hash, created_at) SELECT 'key_bench0000000', id, 'bench', 'qk_benchxx', '${hash}', ${Date.now()} FROM user WHERE email = '${email}'`,
    );
    server.query(
      `INSERT INTO credit_transactions (id, user_id, amount, type, idempotency_key, description, created_at) SELECT 'ctx_bench', id, 1000000, 'ADMIN_GRANT', 'bench-grant', 'bench', ${Date.now()} FROM user WHERE email = '${email}'`,
    );

    // The worker's own floor (a request that touches D1 once and runs no gateway code) and the API,
    // measured in alternating blocks so that both see the same machine: a noisy minute then moves
    // both figures, not only one. Each block's first request is not counted: the first floor request
    // after API calls would wait behind the last call's writes, and the first API call after the floor
    // requests would find none ahead of it. Inside a block calls run back to back, as a client's do.
    const floor: number[] = [];
    const api: number[] = [];
    const BLOCK = 10;
    const timeFloor = async () => {
      const t = performance.now();
      await (await fetch(`${server.url}/api/health`)).text();
      return performance.now() - t;
    };
    let call = 0;
    const timeApi = async () => {
      const req = request(call++);
      const t = performance.now();
      const res = await fetch(`${server.url}/api/v1/chat/completions`, {
        method: "POST",
        headers: { authorization: `Bearer ${secret}`, "content-type": "application/json" },
        body: JSON.stringify({ model: "quire/suggestion", messages: req.messages, quire_cache: false }),
      });
      const body = (await res.json()) as { choices?: unknown[] };
      if (!res.ok || !body.choices) throw new Error(`API answered ${res.status}: ${JSON.stringify(body)}`);
      return performance.now() - t;
    };
    for (let block = 0; block < (RUNS + WARMUP) / BLOCK; block++) {
      const counted = block * BLOCK >= WARMUP;
      for (const [time, into] of [[timeFloor, floor], [timeApi, api]] as const) {
        await time();
        for (let i = 0; i < BLOCK; i++) {
          const ms = await time();
          if (counted) into.push(ms);
        }
      }
    }
    const figures = {
      runs: RUNS,
      inProcessP50Ms: pct(local, 50),
      inProcessP99Ms: pct(local, 99),
      apiP50Ms: pct(api, 50),
      apiP99Ms: pct(api, 99),
      addedP50Ms: Math.round((pct(api, 50) - pct(local, 50)) * 1000) / 1000,
      addedP99Ms: Math.round((pct(api, 99) - pct(local, 99)) * 1000) / 1000,
      workerFloorP50Ms: pct(floor, 50),
      workerFloorP99Ms: pct(floor, 99),
      gatewayOverFloorP50Ms: Math.round((pct(api, 50) - pct(floor, 50)) * 1000) / 1000,
    };
    console.log(JSON.stringify(figures));
  } finally {
    await server.crash();
  }
}

main().catch(async (err) => {
  console.error(err);
  await server.crash();
  process.exit(1);
});
